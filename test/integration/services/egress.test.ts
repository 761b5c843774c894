import assert from "node:assert/strict";
import { managedLabels } from "../../../provider/common/labels";
import { baseImageRepo } from "../../../provider/model/platform-images";
import { platformNetworks } from "../../../provider/objects/workloads/platform-networks";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { alterService, awaitServiceReady, createService, describeService, dropService } from "../../../provider/statements/services";
import { alterNetworkRule, createNetworkRule } from "../../../provider/statements/network-rules";
import { createIntegration } from "../../../provider/statements/external-access-integrations";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

/**
 * Each instance tries, every half second, the two "outside" servers and the other service by its DNS
 * name, and serves what happened at /a.txt, /b.txt and /peer.txt (the answer's body, or nc's error).
 */
const prober = (peer: string): RuntimeSpec => ({
  containers: [{
    name: "main", image: APP_IMAGE, command: ["sh", "-c"],
    args: [[
      "mkdir -p /www && echo ok > /www/id.txt && httpd -p 8080 -h /www",
      // nc, not wget: its error names the reason. Bodies are one line: the last.
      `get() { printf 'GET /%s HTTP/1.0\\r\\n\\r\\n' "$2" | nc -w 2 $1 2>&1 | tail -n 1; }`,
      `while :; do for h in a b; do get "outside-$h.example.test 8080" hello.txt > /www/$h.tmp; mv /www/$h.tmp /www/$h.txt; done; get "${peer} 8080" id.txt > /www/peer.tmp; mv /www/peer.tmp /www/peer.txt; sleep 0.5; done`,
    ].join("\n")],
    env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session",
    readinessProbe: { port: 8080, path: "/peer.txt", periodSeconds: 1, failureThreshold: 3 },
  }],
  endpoints: [{ name: "web", port: 8080, public: true, protocol: "HTTP" }],
  volumes: [],
});

const TIMED_OUT = "nc: timed out";

/**
 * Egress by rule (SPCS §6.3): a service reaches exactly the host:port pairs of its integrations' network
 * rules, and nothing without integrations. "Outside" is two busybox httpd containers the test starts on
 * the platform's egress network as outside-a.example.test and outside-b.example.test: traffic never
 * leaves this machine. Dotted, as real hosts are: a dotless name is first looked up as a service of the
 * instance's schema (its DNS search domain), which costs the resolver's timeout on the internal network.
 */
describe("integration: egress by network rule", function () {
  let tp: TestPlatform;
  const outside: string[] = [];
  const closed = { database: "APP_DB", schema: "PUBLIC", name: "CLOSED" };
  const open = { database: "APP_DB", schema: "PUBLIC", name: "OPEN" };
  const rule = { database: "APP_DB", schema: "PUBLIC", name: "OUTSIDE_RULE" };

  before(async function () {
    tp = await startTestPlatform("it-egress");
    seedPool(tp, "EGRESS_POOL", 2);
    await seedAppImage(tp);
  });
  after(async function () {
    for (const id of outside) await tp.platform.docker.removeContainer(id);
    for (const k of [closed, open]) await dropService(tp.platform, k, { ifExists: true });
    await tp?.dispose();
  });

  const common = { computePool: "EGRESS_POOL", specDigest: "d", minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, queryWarehouse: null, comment: null };

  it("refuses an integration that does not exist, in SPCS's words", async function () {
    await assert.rejects(
      createService(tp.platform, { ...common, key: { ...closed, name: "NOPE" }, spec: prober("open"), externalAccessIntegrations: ["NO_SUCH_EAI"] }),
      /^SpcsError: Integration 'NO_SUCH_EAI' does not exist or not authorized\./,
    );
    assert.equal(tp.platform.catalog.services.get({ ...closed, name: "NOPE" }), undefined);
  });

  it("allows exactly the rule's host:port, and ALTERs of the rule and of the service apply live", async function () {
    const { egress } = await platformNetworks(tp.platform);
    for (const h of ["a", "b"]) {
      const id = await tp.platform.docker.createContainer({
        name: `spcs-test-outside-${h}-${Date.now()}`, image: `${baseImageRepo(tp.config)}:latest`, labels: managedLabels(tp.config.home, "service-container", `test-outside-${h}`),
        cmd: ["sh", "-c", `mkdir -p /www && echo hello-from-${h} > /www/hello.txt && exec httpd -f -p 8080 -h /www`],
        network: { name: egress, aliases: [`outside-${h}.example.test`] },
      });
      outside.push(id);
      await tp.platform.docker.startContainer(id);
    }
    await createNetworkRule(tp.platform, rule, { valueList: ["outside-a.example.test:8080"] });
    await createIntegration(tp.platform, "OUTSIDE_EAI", { allowedNetworkRules: ["app_db.public.outside_rule"], enabled: true });

    await createService(tp.platform, { ...common, key: closed, spec: prober("open"), externalAccessIntegrations: null });
    await createService(tp.platform, { ...common, key: open, spec: prober("closed"), externalAccessIntegrations: ["OUTSIDE_EAI"] });
    const c = await awaitServiceReady(tp.platform, closed, 60);
    const o = await awaitServiceReady(tp.platform, open, 60);
    const read = async (ingress: string | null, file: string) => (await (await fetch(`http://${ingress}/${file}`)).text()).trim();
    const seen = async () => ({
      closed: [await read(c.endpoints[0].ingressUrl, "a.txt"), await read(c.endpoints[0].ingressUrl, "b.txt")],
      open: [await read(o.endpoints[0].ingressUrl, "a.txt"), await read(o.endpoints[0].ingressUrl, "b.txt")],
    });
    // Each probe loop takes at most a few seconds; a denied connect times out after 2.
    const until = async (want: { closed: string[]; open: string[] }) => {
      let got = await seen();
      for (let i = 0; i < 30 && JSON.stringify(got) !== JSON.stringify(want); i++) {
        await new Promise((r) => setTimeout(r, 500));
        got = await seen();
      }
      return got;
    };

    // Dropped like SPCS drops denied egress packets: the connect times out.
    assert.deepEqual(await until({ closed: [TIMED_OUT, TIMED_OUT], open: ["hello-from-a", TIMED_OUT] }), { closed: [TIMED_OUT, TIMED_OUT], open: ["hello-from-a", TIMED_OUT] });
    // A peer's name exists once the peer is READY (the agent's readiness probing gives it): a loop that
    // ran before that saw no answer, so the next loop's result counts.
    const peer = async (ingress: string | null) => {
      let got = await read(ingress, "peer.txt");
      for (let i = 0; i < 30 && got !== "ok"; i++) {
        await new Promise((r) => setTimeout(r, 500));
        got = await read(ingress, "peer.txt");
      }
      return got;
    };
    assert.equal(await peer(c.endpoints[0].ingressUrl), "ok", "CLOSED reaches OPEN by DNS name");
    assert.equal(await peer(o.endpoints[0].ingressUrl), "ok", "OPEN reaches CLOSED by DNS name");

    // ALTER NETWORK RULE ... SET VALUE_LIST: the running service now reaches b and no longer a.
    await alterNetworkRule(tp.platform, rule, { valueList: ["outside-b.example.test:8080"] });
    assert.deepEqual(await until({ closed: [TIMED_OUT, TIMED_OUT], open: [TIMED_OUT, "hello-from-b"] }), { closed: [TIMED_OUT, TIMED_OUT], open: [TIMED_OUT, "hello-from-b"] });

    // A rule for another port of the same host allows nothing on 8080.
    await alterNetworkRule(tp.platform, rule, { valueList: ["outside-b.example.test:8081", "outside-a.example.test"] });
    assert.deepEqual(await until({ closed: [TIMED_OUT, TIMED_OUT], open: [TIMED_OUT, TIMED_OUT] }), { closed: [TIMED_OUT, TIMED_OUT], open: [TIMED_OUT, TIMED_OUT] });
    await alterNetworkRule(tp.platform, rule, { valueList: ["outside-b.example.test:8080"] });

    // ALTER SERVICE ... SET EXTERNAL_ACCESS_INTEGRATIONS, both ways, without restarting the instances.
    await alterService(tp.platform, closed, { externalAccessIntegrations: ["OUTSIDE_EAI"], readyTimeoutSeconds: 60 });
    await alterService(tp.platform, open, { externalAccessIntegrations: null, readyTimeoutSeconds: 60 });
    assert.deepEqual(await until({ closed: [TIMED_OUT, "hello-from-b"], open: [TIMED_OUT, TIMED_OUT] }), { closed: [TIMED_OUT, "hello-from-b"], open: [TIMED_OUT, TIMED_OUT] });
    assert.deepEqual((await describeService(tp.platform, closed))!.externalAccessIntegrations, ["OUTSIDE_EAI"]);
    const restarts = (await describeService(tp.platform, closed))!.containers.map((x) => x.restartCount);
    assert.deepEqual(restarts, [0]);
    await assert.rejects(alterService(tp.platform, open, { externalAccessIntegrations: ["MISSING"], readyTimeoutSeconds: 60 }), /Integration 'MISSING' does not exist or not authorized\./);
  });
});
