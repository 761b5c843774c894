import assert from "node:assert/strict";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { alterService, awaitServiceReady, createService, describeService, dropService, type ServiceDescription } from "../../../provider/statements/services";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";
import { fetchLine, runInInstance } from "../../support/instance-shell";

const CGI = (body: string) => `#!/bin/sh\n${body}\nprintf 'Content-Type: text/plain\\r\\n\\r\\nok\\n'\n`;

/**
 * Each instance serves /id.txt (its own address) and is ready while /www/ready exists, which appears
 * READY_AFTER seconds after start; /cgi-bin/down and /cgi-bin/up remove and restore it.
 */
const web = (readyAfter: number): RuntimeSpec => ({
  containers: [{
    name: "web", image: APP_IMAGE, command: ["sh", "-c"],
    args: [[
      "mkdir -p /www/cgi-bin",
      "ip -o -4 addr show eth0 | awk '{split($4, a, \"/\"); print a[1]}' > /www/id.txt",
      `printf '%s' "$DOWN" > /www/cgi-bin/down && printf '%s' "$UP" > /www/cgi-bin/up && chmod +x /www/cgi-bin/*`,
      `(sleep ${readyAfter}; echo yes > /www/ready) &`,
      "exec httpd -f -p 8080 -h /www",
    ].join("\n")],
    env: { DOWN: CGI("rm -f /www/ready"), UP: CGI("echo yes > /www/ready") },
    resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session",
    readinessProbe: { port: 8080, path: "/ready", periodSeconds: 1, failureThreshold: 2 },
  }],
  endpoints: [{ name: "web", port: 8080, public: true, protocol: "HTTP" }],
  volumes: [],
});

const sleeper: RuntimeSpec = {
  containers: [{ name: "main", image: APP_IMAGE, command: ["sleep", "3600"], env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session" }],
  endpoints: [],
  volumes: [],
};

/**
 * Readiness as SPCS runs it (reference §1.4): the platform agent probes every instance every
 * periodSeconds; after failureThreshold failures the instance loses the service's DNS name, so a client
 * in another service and the ingress reach only READY instances, and it gets the name back once its probe
 * passes. New instances get traffic only once READY.
 */
describe("integration: readiness probes route traffic", function () {
  let tp: TestPlatform;
  const key = { database: "APP_DB", schema: "PUBLIC", name: "PROBED" };
  const client = { database: "APP_DB", schema: "PUBLIC", name: "CLIENT" };

  before(async function () {
    tp = await startTestPlatform("it-readiness");
    seedPool(tp, "READY_POOL", 2);
    await seedAppImage(tp);
  });
  after(async function () {
    for (const k of [key, client]) await dropService(tp.platform, k, { ifExists: true });
    await tp?.dispose();
  });

  const common = { computePool: "READY_POOL", specDigest: "d", maxInstances: 3, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null };
  const describe_ = async () => (await describeService(tp.platform, key)) as ServiceDescription;
  /** `n` requests to the bare service name from the client service, as one line each. */
  const viaDns = async (n: number) => (await runInInstance(tp, client, 0, `for i in $(seq 1 ${n}); do ${fetchLine("http://probed:8080/id.txt")}; done`)).trim().split("\n");
  const viaIngress = async (url: string, n: number) => Promise.all(Array.from({ length: n }, async () => (await (await fetch(`http://${url}/id.txt`, { signal: AbortSignal.timeout(10_000) })).text()).trim()));
  const until = async <T>(what: string, f: () => Promise<T | undefined>, seconds = 20): Promise<T> => {
    for (const end = Date.now() + seconds * 1000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      const v = await f();
      if (v !== undefined) return v;
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it("takes a failing instance out of rotation after failureThreshold probes and back once it passes", async function () {
    await createService(tp.platform, { ...common, key, spec: web(0), minInstances: 2, minReadyInstances: 2 });
    await createService(tp.platform, { ...common, key: client, spec: sleeper, minInstances: 1, maxInstances: 1, minReadyInstances: 1 });
    const d = await awaitServiceReady(tp.platform, key, 60);
    await awaitServiceReady(tp.platform, client, 60);
    const [ip0, ip1] = d.instances.map((i) => i.ipAddress!);
    const ingress = d.endpoints[0].ingressUrl!;
    assert.deepEqual(new Set(await viaDns(24)), new Set([ip0, ip1]), "both READY instances answer to the name");

    // Instance 1's probe starts failing (the test reaches it at its own address, as the platform does).
    const downAt = Date.now();
    assert.equal((await (await fetch(`http://${ip1}:8080/cgi-bin/down`)).text()).trim(), "ok");
    const failing = await until("instance 1 PENDING", async () => {
      const x = await describe_();
      return x.instances[1].status === "PENDING" ? x : undefined;
    });
    const outAfterMs = Date.now() - downAt;
    assert.equal(failing.containers[1].status, "PENDING");
    assert.equal(failing.containers[1].message, "Readiness probe is failing at path: /ready, port: 8080");
    assert.equal(failing.instances[0].status, "READY");
    assert.equal(failing.status, "PENDING", "MIN_READY_INSTANCES is 2: one READY instance is not enough");
    // Two failures one second apart: not before the threshold, and not much after it.
    assert.ok(outAfterMs >= 1000 && outAfterMs < 6000, `out of rotation after ${outAfterMs} ms`);
    assert.deepEqual(new Set(await viaDns(24)), new Set([ip0]), "only the READY instance answers to the name");
    assert.deepEqual(new Set(await viaIngress(ingress, 16)), new Set([ip0]), "the ingress reaches only the READY instance");

    // It passes again: back in rotation.
    await fetch(`http://${ip1}:8080/cgi-bin/up`);
    await until("instance 1 READY", async () => ((await describe_()).instances[1].status === "READY" ? true : undefined));
    assert.deepEqual(new Set(await viaDns(24)), new Set([ip0, ip1]));
    assert.equal((await describe_()).status, "RUNNING");
    console.log(`      out of rotation ${outAfterMs} ms after the probe started failing (periodSeconds 1, failureThreshold 2)`);
  });

  it("gives a scaled-up instance traffic only once it is READY", async function () {
    // The new instance answers at once but passes its probe only 4 s after it starts.
    await alterService(tp.platform, key, { spec: { spec: web(4), specDigest: "d2" }, readyTimeoutSeconds: 120 });
    const before = await describe_();
    const old = new Set(before.instances.map((i) => i.ipAddress!));
    await alterService(tp.platform, key, { minInstances: 3, maxInstances: 3, readyTimeoutSeconds: 120 });
    let seenPending = false;
    const answered = new Set<string>();
    for (let round = 0; round < 40; round++) {
      // Sampled first, described after: an instance still not READY afterwards was not READY during the sample.
      for (const id of await viaDns(4)) answered.add(id);
      const fresh = (await describe_()).instances[2];
      if (fresh?.status !== "READY") {
        seenPending ||= fresh?.status === "PENDING";
        assert.ok([...answered].every((id) => old.has(id)), `a request reached instance 2 (${fresh?.ipAddress}) before it was READY: ${[...answered]}`);
      } else {
        await until("instance 2 answers", async () => ((await viaDns(12)).includes(fresh.ipAddress!) ? true : undefined));
        assert.ok(seenPending, "instance 2 was seen PENDING before READY");
        return;
      }
    }
    assert.fail("instance 2 never became READY");
  });

  it("shows a scaled-away instance TERMINATING while it drains, and no longer routes to it", async function () {
    const leaving = (await describe_()).instances[2];
    assert.equal(leaving.status, "READY");
    const scaling = alterService(tp.platform, key, { minInstances: 2, maxInstances: 2, readyTimeoutSeconds: 120 });
    const seen: string[] = [];
    let done = false;
    void scaling.finally(() => (done = true)).catch(() => undefined);
    while (!done) {
      const x = (await describe_()).instances.find((i) => i.instanceId === "2");
      if (x && seen.at(-1) !== `${x.status} ${x.message}`) seen.push(`${x.status} ${x.message}`);
      if (x?.status === "TERMINATING") assert.ok(!(await viaDns(4)).includes(leaving.ipAddress!), "a TERMINATING instance gets no new requests");
      await new Promise((r) => setTimeout(r, 50));
    }
    await scaling;
    assert.ok(seen.includes("TERMINATING Service instance is terminating"), `instance 2 went through ${JSON.stringify(seen)}`);
    assert.deepEqual((await describe_()).instances.map((i) => i.instanceId), ["0", "1"]);
  });
});
