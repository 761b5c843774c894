import assert from "node:assert/strict";
import { managedLabels } from "../../../provider/common/labels";
import { baseImageRepo } from "../../../provider/model/platform-images";
import { awaitServiceReady } from "../../../provider/objects/services/await-service-ready";
import { describeService } from "../../../provider/objects/services/describe-service";
import { platformNetworks } from "../../../provider/objects/workloads/platform-networks";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { egressNetworkName } from "../../../provider/model/service-naming";
import { applyExternalAccess } from "../../../provider/objects/workloads/external-access";
import { setServiceProperties } from "../../../provider/objects/services/service-updates";
import { createService, dropService } from "../../../provider/statements/services";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

/**
 * Each instance tries, every half second, the "outside" server and the other service by its DNS name,
 * and serves what happened at /outside.txt and /peer.txt (the answer's body, or nc's error).
 */
const prober = (peer: string): RuntimeSpec => ({
  containers: [{
    name: "main", image: APP_IMAGE, command: ["sh", "-c"],
    args: [[
      "mkdir -p /www && echo ok > /www/id.txt && httpd -p 8080 -h /www",
      // nc, not wget: its error names the reason. Bodies are one line: the last.
      `get() { printf 'GET /%s HTTP/1.0\\r\\n\\r\\n' "$2" | nc -w 2 $1 2>&1 | tail -n 1; }`,
      `while :; do get "$OUTSIDE" hello.txt > /www/outside.tmp; mv /www/outside.tmp /www/outside.txt; get "${peer} 8080" id.txt > /www/peer.tmp; mv /www/peer.tmp /www/peer.txt; sleep 0.5; done`,
    ].join("\n")],
    env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session",
    readinessProbe: { port: 8080, path: "/peer.txt", periodSeconds: 1, failureThreshold: 3 },
  }],
  endpoints: [{ name: "web", port: 8080, public: true, protocol: "HTTP" }],
  volumes: [],
});

/**
 * Egress (SPCS §6.3): no way out of the platform unless the service has external access integrations.
 * "Outside" is a busybox httpd container the test starts on the platform's egress network: traffic never
 * leaves this machine.
 */
describe("integration: egress only with external access integrations", function () {
  let tp: TestPlatform;
  let outside: string | undefined;
  const closed = { database: "APP_DB", schema: "PUBLIC", name: "CLOSED" };
  const open = { database: "APP_DB", schema: "PUBLIC", name: "OPEN" };

  before(async function () {
    tp = await startTestPlatform("it-egress");
    seedPool(tp, "EGRESS_POOL", 2);
    await seedAppImage(tp);
  });
  after(async function () {
    if (outside) await tp.platform.docker.removeContainer(outside);
    for (const k of [closed, open]) await dropService(tp.platform, k, { ifExists: true });
    await tp?.dispose();
  });

  it("a service without them cannot reach the outside server, one with them can, and both reach each other", async function () {
    const { egress } = await platformNetworks(tp.platform);
    outside = await tp.platform.docker.createContainer({
      name: `spcs-test-outside-${Date.now()}`, image: `${baseImageRepo(tp.config)}:latest`, labels: managedLabels(tp.config.home, "service-container", "test-outside"),
      cmd: ["sh", "-c", "mkdir -p /www && echo hello-from-outside > /www/hello.txt && exec httpd -f -p 8080 -h /www"],
      network: { name: egress, aliases: [] },
    });
    await tp.platform.docker.startContainer(outside);
    const address = `${(await tp.platform.docker.inspectContainer(outside))!.networkAddresses[egressNetworkName(tp.config.home)]}:8080`;
    assert.match(address, /^\d+\.\d+\.\d+\.\d+:8080$/);

    const common = { computePool: "EGRESS_POOL", specDigest: "d", minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, queryWarehouse: null, comment: null };
    const withEnv = (s: RuntimeSpec): RuntimeSpec => ({ ...s, containers: s.containers.map((c) => ({ ...c, env: { OUTSIDE: address.replace(":", " ") } })) });
    await createService(tp.platform, { ...common, key: closed, spec: withEnv(prober("open")), externalAccessIntegrations: null });
    await createService(tp.platform, { ...common, key: open, spec: withEnv(prober("closed")), externalAccessIntegrations: ["LOCAL_EAI"] });
    const c = await awaitServiceReady(tp.platform, closed, 60);
    const o = await awaitServiceReady(tp.platform, open, 60);
    const read = async (ingress: string | null, file: string) => (await (await fetch(`http://${ingress}/${file}`)).text()).trim();

    // Both have had time to try: each loop takes at most a few seconds.
    let closedOutside = "";
    let openOutside = "";
    for (let i = 0; i < 20 && !(openOutside === "hello-from-outside" && closedOutside.startsWith("nc: ")); i++) {
      await new Promise((r) => setTimeout(r, 500));
      closedOutside = await read(c.endpoints[0].ingressUrl, "outside.txt");
      openOutside = await read(o.endpoints[0].ingressUrl, "outside.txt");
    }
    // The internal network drops what leaves it (as SPCS drops denied egress packets): the connect times out.
    assert.equal(closedOutside, "nc: timed out");
    assert.equal(openOutside, "hello-from-outside");
    assert.equal(await read(c.endpoints[0].ingressUrl, "peer.txt"), "ok", "CLOSED reaches OPEN by DNS name");
    assert.equal(await read(o.endpoints[0].ingressUrl, "peer.txt"), "ok", "OPEN reaches CLOSED by DNS name");
    assert.deepEqual((await describeService(tp.platform, open))!.externalAccessIntegrations, ["LOCAL_EAI"]);

    // ALTER SERVICE ... SET EXTERNAL_ACCESS_INTEGRATIONS applies live, without restarting the instances.
    setServiceProperties(tp.platform, closed, { externalAccessIntegrations: ["LOCAL_EAI"] });
    await applyExternalAccess(tp.platform, closed);
    setServiceProperties(tp.platform, open, { externalAccessIntegrations: null });
    await applyExternalAccess(tp.platform, open);
    for (let i = 0; i < 20 && !(closedOutside === "hello-from-outside" && openOutside === "nc: timed out"); i++) {
      await new Promise((r) => setTimeout(r, 500));
      closedOutside = await read(c.endpoints[0].ingressUrl, "outside.txt");
      openOutside = await read(o.endpoints[0].ingressUrl, "outside.txt");
    }
    assert.deepEqual([closedOutside, openOutside], ["hello-from-outside", "nc: timed out"]);
    const restarts = (await describeService(tp.platform, closed))!.containers.map((x) => x.restartCount);
    assert.deepEqual(restarts, [0]);
  });
});
