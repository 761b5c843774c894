import assert from "node:assert/strict";
import { managedLabels } from "../../../provider/common/labels";
import { baseImageRepo } from "../../../provider/platform/provision/base-image";
import { awaitServiceReady } from "../../../provider/services/await-service-ready";
import { describeService } from "../../../provider/services/describe-service";
import type { RuntimeSpec } from "../../../provider/services/runtime-spec";
import { platformNetworkName } from "../../../provider/services/service-naming";
import { upgradeService } from "../../../provider/services/service-updates";
import { createService, dropService } from "../../../provider/services/services";
import { seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const version = (v: string): RuntimeSpec => ({
  containers: [{
    name: "web", image: "/app_db/public/images/busybox:1", command: ["sh", "-c"],
    args: [`mkdir -p /www && echo ${v} > /www/v.txt && exec httpd -f -p 8080 -h /www`],
    env: {}, resources: {}, volumeMounts: [], mountSessionToken: true, sessionTokenPath: "/snowflake/session",
    readinessProbe: { port: 8080, path: "/v.txt", periodSeconds: 1, failureThreshold: 3 },
  }],
  endpoints: [{ name: "web", port: 8080, public: true, protocol: "HTTP" }],
  volumes: [],
});

/**
 * A spec change on a service with two instances, while a client inside the platform calls the service
 * by its DNS name every 50 ms: no request fails (SPCS replaces one instance at a time and routes only
 * to READY instances), and the client sees the old version, then only the new one.
 */
describe("integration: rolling upgrade without a failed request", function () {
  let tp: TestPlatform;
  let poller: string | undefined;
  const key = { database: "APP_DB", schema: "PUBLIC", name: "ROLLER" };

  before(async function () {
    tp = await startTestPlatform("it-rolling");
    seedPool(tp, "ROLL_POOL", 2);
    await seedAppImage(tp);
  });
  after(async function () {
    if (poller) await tp.platform.docker.removeContainer(poller);
    await dropService(tp.platform, key, { ifExists: true });
    await tp?.dispose();
  });

  it("replaces instances one at a time in descending id, with no failed request", async function () {
    await createService(tp.platform, { key, computePool: "ROLL_POOL", spec: version("v1"), specDigest: "d1", minInstances: 2, maxInstances: 2, minReadyInstances: 2, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null });
    const d1 = await awaitServiceReady(tp.platform, key, 60);
    // A request that resolved a terminating instance's address just before it left the network hangs
    // (Docker cannot take a DNS name away and keep the address); like an HTTP client whose connect timed
    // out, the poller then retries once with a fresh lookup. Only a hang is retried: a refused connection
    // (an instance reached before READY, or after SIGTERM) is a failure at once.
    const get = `timeout 2 wget -qO- http://${d1.dnsName}:8080/v.txt 2>/dev/null`;
    const loop = `i=0; while [ $i -lt 20000 ]; do r=$(${get}); rc=$?; if [ $rc -eq 143 ]; then r=$(${get}); rc=$?; fi; if [ $rc -eq 0 ]; then echo "OK $r"; else echo FAIL; fi; sleep 0.05; i=$((i+1)); done`;
    poller = await tp.platform.docker.createContainer({
      name: `spcs-test-poller-${Date.now()}`, image: `${baseImageRepo(tp.config)}:latest`, labels: managedLabels(tp.config.home, "service-container", "test-poller"),
      cmd: ["sh", "-c", loop], network: { name: platformNetworkName(tp.config.home), aliases: [] },
    });
    await tp.platform.docker.startContainer(poller);
    await new Promise((r) => setTimeout(r, 1500));

    const order: string[] = [];
    await upgradeService(tp.platform, key, version("v2"), "d2", 60, (line) => order.push(line));
    await new Promise((r) => setTimeout(r, 3000));
    await tp.platform.docker.stopContainer(poller, 1);
    const lines = (await tp.platform.docker.containerLogs(poller, 100000)).trim().split("\n");
    // Besides OK/FAIL, the shell may print "Terminated" when `timeout` ends a first attempt (then retried).
    const answers = lines.filter((l) => l.startsWith("OK "));

    assert.deepEqual(order, ["Service APP_DB.PUBLIC.ROLLER: upgrading instance 1", "Service APP_DB.PUBLIC.ROLLER: upgrading instance 0"]);
    assert.ok(answers.length > 40, `the client got ${answers.length} answers`);
    // On failure, show the client's log as runs ("12x OK v1, 1x FAIL, ..."), with the upgrade's progress.
    const runs = lines.reduce<[string, number][]>((acc, l) => (acc.length && acc[acc.length - 1][0] === l ? (acc[acc.length - 1][1]++, acc) : [...acc, [l, 1]]), []).map(([l, n]) => `${n}x ${l}`);
    assert.equal(lines.filter((l) => l === "FAIL").length, 0, `failed requests; client log: ${runs.join(", ")}`);
    assert.ok(answers.includes("OK v1") && answers.includes("OK v2"), "the client saw both versions");
    assert.deepEqual([...new Set(answers.slice(-5))], ["OK v2"], "after the upgrade only the new version answers");

    const d2 = (await describeService(tp.platform, key))!;
    assert.equal(d2.isUpgrading, false);
    assert.equal(d2.specDigest, "d2");
    assert.deepEqual(d2.instances.map((i) => [i.instanceId, i.status, i.specDigest]), [["0", "READY", "d2"], ["1", "READY", "d2"]]);
    assert.equal(await (await fetch(`http://${d2.endpoints[0].ingressUrl}/v.txt`)).text(), "v2\n");
  });
});
