import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { createService, describeService, dropService, awaitServiceReady, alterService, type ServiceDefinition, type ServiceDescription } from "../../../provider/statements/services";
import { createPool, describePool, dropComputePool, stopAllInComputePool, suspendComputePool, type ComputePoolDescription } from "../../../provider/statements/compute-pools";
import { awaitJobEnd, executeJobService } from "../../../provider/statements/jobs";
import { callServiceFunction, createServiceFunction } from "../../../provider/statements/service-functions";
import { LABEL_POOL } from "../../../provider/common/labels";
import { APP_IMAGE, seedAppImage } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const web = (isPublic: boolean): RuntimeSpec => ({
  containers: [{ name: "web", image: APP_IMAGE, command: ["sh", "-c"], args: ["mkdir -p /www && echo up > /www/index.html && exec httpd -f -p 8080 -h /www"], env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session", readinessProbe: { port: 8080, path: "/index.html", periodSeconds: 1, failureThreshold: 3 } }],
  endpoints: [{ name: "web", port: 8080, public: isPublic, protocol: "HTTP" }],
  volumes: [],
});
/** A service function's handler as a busybox CGI: answers SPCS's batch format for a one-row batch. */
const CGI = '#!/bin/sh\nhead -c "$CONTENT_LENGTH" >/dev/null\nprintf \'Content-Type: application/json\\r\\n\\r\\n{"data": [[0, "awake"]]}\'\n';
const functionBackend = (): RuntimeSpec => ({
  containers: [{ name: "fn", image: APP_IMAGE, command: ["sh", "-c"], args: [`mkdir -p /www/cgi-bin && cat > /www/cgi-bin/fn <<'EOF'\n${CGI}EOF\nchmod +x /www/cgi-bin/fn && echo up > /www/up && exec httpd -f -p 8080 -h /www`], env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session", readinessProbe: { port: 8080, path: "/up", periodSeconds: 1, failureThreshold: 3 } }],
  endpoints: [{ name: "fn", port: 8080, public: false, protocol: "HTTP" }],
  volumes: [],
});
const job = (seconds: number): RuntimeSpec => ({
  containers: [{ name: "main", image: APP_IMAGE, command: ["sh", "-c"], args: [`sleep ${seconds}`], env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session" }],
  endpoints: [],
  volumes: [],
});

/**
 * Idleness, as SPCS runs it and the platform agent of the test's own platform applies it: a service with
 * AUTO_SUSPEND_SECS suspends once idle that long (never with a public endpoint), a pool with no services or
 * jobs running suspends after its AUTO_SUSPEND_SECS and resumes on new work (AUTO_RESUME), a suspended pool
 * is STOPPING while its jobs run to their end, pool states and counts follow what runs, and STOP ALL drops
 * every service and job of a pool.
 */
describe("integration: auto-suspend of services and pools, pool states, STOP ALL", function () {
  let tp: TestPlatform;
  const key = (name: string) => ({ database: "APP_DB", schema: "PUBLIC", name });
  const def = (name: string, pool: string, spec: RuntimeSpec, autoSuspendSecs: number): ServiceDefinition => ({
    key: key(name), computePool: pool, spec, specDigest: "d", minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, autoSuspendSecs, externalAccessIntegrations: null, queryWarehouse: null, comment: null,
  });
  const runJob = (name: string, pool: string, seconds: number) =>
    executeJobService(tp.platform, { key: key(name), computePool: pool, spec: job(seconds), specDigest: "j", replicas: 1, async: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null, runtimeEnvironment: null });
  const pool = (name: string, autoSuspendSecs: number) =>
    createPool(tp.platform, { name, instanceFamily: "CPU_X64_XS", minNodes: 1, maxNodes: 2, autoResume: true, autoSuspendSecs, initiallySuspended: false, comment: null });
  const counts = (name: string) => {
    const p = describePool(tp.platform, name)!;
    return [p.state, p.numServices, p.numJobs];
  };
  const until = async <T>(what: string, read: () => Promise<T> | T, ok: (v: T) => boolean, seconds: number): Promise<T> => {
    const end = Date.now() + seconds * 1000;
    for (;;) {
      const v = await read();
      if (ok(v)) return v;
      if (Date.now() > end) assert.fail(`${what}: still ${JSON.stringify(v)} after ${seconds} s\n${fs.readFileSync(path.join(tp.config.home, "log", "agent.log"), "utf8").slice(-1500)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const status = async (name: string) => (await describeService(tp.platform, key(name)))?.status;

  before(async function () {
    tp = await startTestPlatform("it-suspension");
    await seedAppImage(tp);
  });
  after(async function () {
    for (const s of tp?.platform.catalog.services.list() ?? []) await dropService(tp.platform, key(s.name), { ifExists: true });
    await tp?.dispose();
  });

  it("an idle service suspends after AUTO_SUSPEND_SECS, then its idle pool after the pool's; new work resumes the pool", async function () {
    pool("NAPPY", 2);
    assert.deepEqual(counts("NAPPY"), ["IDLE", 0, 0]);
    await createService(tp.platform, def("DOZER", "NAPPY", web(false), 3));
    // Watched closely (every 250 ms) rather than through awaitServiceReady, which returns only once
    // RUNNING has held 1.5 s: the idle time starts when the service is RUNNING.
    await until("DOZER RUNNING", () => status("DOZER"), (s) => s === "RUNNING", 60);
    const runningAt = Date.now();
    assert.equal((await describeService(tp.platform, key("DOZER")))?.autoSuspendSecs, 3);
    assert.deepEqual(counts("NAPPY"), ["ACTIVE", 1, 0]);

    await until("DOZER suspended", () => status("DOZER"), (s) => s === "SUSPENDED", 30);
    const sleptAfter = Date.now() - runningAt;
    // The agent may have seen RUNNING up to one poll (and one DESCRIBE) before this test did.
    assert.ok(sleptAfter >= 2500, `suspended ${sleptAfter} ms after it was RUNNING, before its 3 s`);
    const d = (await describeService(tp.platform, key("DOZER"))) as ServiceDescription;
    assert.deepEqual([d.instances.length, d.currentInstances, d.targetInstances], [0, 0, 0]);
    assert.ok(d.suspendedOn, "suspended_on is set");
    // A suspended service is no work: the pool counts no service and is IDLE until it suspends too.
    const p = describePool(tp.platform, "NAPPY")!;
    assert.equal(p.numServices, 0);
    assert.ok(["IDLE", "SUSPENDED"].includes(p.state), p.state);
    const poolDown = await until("NAPPY suspended", () => describePool(tp.platform, "NAPPY")!, (x) => x.state === "SUSPENDED", 30);
    assert.deepEqual([poolDown.activeNodes, poolDown.targetNodes, poolDown.suspended], [0, 0, false]);
    console.log(`      (service suspended ${sleptAfter} ms after RUNNING; pool suspended ${Date.now() - runningAt} ms after)`);

    // New work on the AUTO_RESUME pool resumes it: a job now, then the service itself.
    await runJob("WAKER", "NAPPY", 30);
    const resumed = describePool(tp.platform, "NAPPY")!;
    assert.deepEqual([resumed.state, resumed.numServices, resumed.numJobs], ["ACTIVE", 0, 1]);
    assert.ok(Date.parse(resumed.resumedOn) >= runningAt, "resumed_on is the resume's time");
    await alterService(tp.platform, key("DOZER"), { suspended: false, readyTimeoutSeconds: 60 });
    await awaitServiceReady(tp.platform, key("DOZER"), 60);
    assert.deepEqual(counts("NAPPY"), ["ACTIVE", 1, 1]);
  });

  it("waiting for a service that idles away sooner than the wait settles ends, as soon as it is suspended", async function () {
    pool("QUICK", 0);
    await createService(tp.platform, def("BLINK", "QUICK", web(false), 1));
    const d = await awaitServiceReady(tp.platform, key("BLINK"), 60);
    assert.ok(["RUNNING", "SUSPENDING", "SUSPENDED"].includes(d.status), d.status);
    await until("BLINK suspended", () => status("BLINK"), (s) => s === "SUSPENDED", 30);
  });

  it("service function calls keep a service awake; it suspends once they stop, and the next call resumes it (AUTO_RESUME)", async function () {
    pool("CALLED", 0);
    await createService(tp.platform, def("BACKEND", "CALLED", functionBackend(), 3));
    await until("BACKEND RUNNING", () => status("BACKEND"), (s) => s === "RUNNING", 60);
    const fn = { database: "APP_DB", schema: "PUBLIC", name: "WAKE_FN" };
    createServiceFunction(tp.platform, { ...fn, arguments: [{ name: "x", type: "NUMBER" }], returns: "VARCHAR", service: key("BACKEND"), endpoint: "fn", path: "/cgi-bin/fn", contextHeaders: [] });
    const call = () => callServiceFunction(tp.platform, fn, [[1]], { queryId: "q", context: {} });
    // A call every second for twice AUTO_SUSPEND_SECS: the service stays up throughout.
    let lastCall = 0;
    for (const end = Date.now() + 6000; Date.now() < end; ) {
      assert.deepEqual(await call(), ["awake"]);
      lastCall = Date.now();
      assert.equal(await status("BACKEND"), "RUNNING");
      await new Promise((r) => setTimeout(r, 1000));
    }
    await until("BACKEND suspended", () => status("BACKEND"), (s) => s === "SUSPENDED", 30);
    assert.ok(Date.now() - lastCall >= 2500, `suspended ${Date.now() - lastCall} ms after the last call`);
    const woken = Date.now();
    assert.deepEqual(await call(), ["awake"], "the call resumes the service and is answered");
    console.log(`      (a call to the suspended service answered in ${Date.now() - woken} ms)`);
    assert.equal(await status("BACKEND"), "RUNNING");
  });

  it("a service with a public endpoint never auto-suspends", async function () {
    pool("AWAKE", 0);
    await createService(tp.platform, def("FRONT", "AWAKE", web(true), 1));
    await awaitServiceReady(tp.platform, key("FRONT"), 60);
    await new Promise((r) => setTimeout(r, 4000));
    assert.equal(await status("FRONT"), "RUNNING");
    assert.deepEqual(counts("AWAKE"), ["ACTIVE", 1, 0]);
  });

  it("a suspended pool is STOPPING while its jobs run to their end, then SUSPENDED; finished jobs are not counted", async function () {
    pool("WINDDOWN", 0);
    await createService(tp.platform, def("SVC", "WINDDOWN", web(false), 0));
    await awaitServiceReady(tp.platform, key("SVC"), 60);
    await runJob("LAST", "WINDDOWN", 4);
    assert.deepEqual(counts("WINDDOWN"), ["ACTIVE", 1, 1]);
    const stopping = await suspendComputePool(tp.platform, "WINDDOWN");
    assert.deepEqual([stopping.state, stopping.numServices, stopping.numJobs, stopping.suspended], ["STOPPING", 0, 1, true]);
    assert.equal(await status("SVC"), "SUSPENDED");
    const done = await awaitJobEnd(tp.platform, key("LAST"), 60);
    assert.equal(done.status, "DONE");
    await until("WINDDOWN suspended", () => counts("WINDDOWN"), (c) => c[0] === "SUSPENDED", 30);
    assert.deepEqual(counts("WINDDOWN"), ["SUSPENDED", 0, 0]);
  });

  it("ALTER COMPUTE POOL … STOP ALL drops every service and job of the pool, after which it can be dropped", async function () {
    pool("CROWDED", 0);
    await createService(tp.platform, def("ONE", "CROWDED", web(true), 0));
    await createService(tp.platform, def("TWO", "CROWDED", web(false), 0));
    await runJob("LONGJOB", "CROWDED", 120);
    const url = `http://${(await awaitServiceReady(tp.platform, key("ONE"), 60)).endpoints[0].ingressUrl}/index.html`;
    assert.equal(await (await fetch(url)).text(), "up\n");
    assert.deepEqual(counts("CROWDED"), ["ACTIVE", 2, 1]);
    await assert.rejects(dropComputePool(tp.platform, "CROWDED"), /because it has services/);

    const after: ComputePoolDescription = await stopAllInComputePool(tp.platform, "CROWDED");
    assert.deepEqual([after.state, after.numServices, after.numJobs, after.activeNodes], ["IDLE", 0, 0, 0]);
    for (const n of ["ONE", "TWO", "LONGJOB"]) assert.equal(await describeService(tp.platform, key(n)), undefined, `${n} is gone`);
    const left = await tp.platform.docker.listContainers([`${LABEL_POOL}=CROWDED`]);
    assert.deepEqual(left.map((c) => c.name), []);
    await assert.rejects(fetch(url, { signal: AbortSignal.timeout(5000) }));
    assert.equal(await dropComputePool(tp.platform, "CROWDED"), true);
  });
});
