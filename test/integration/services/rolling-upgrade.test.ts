import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { awaitServiceReady } from "../../../provider/objects/services/await-service-ready";
import { describeService } from "../../../provider/objects/services/describe-service";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { upgradeService } from "../../../provider/objects/services/service-updates";
import { createService, dropService } from "../../../provider/statements/services";
import { seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const version = (v: string): RuntimeSpec => ({
  containers: [{
    name: "web", image: "/app_db/public/images/busybox:1", command: ["sh", "-c"],
    args: [`mkdir -p /www/cgi-bin && echo ${v} > /www/v.txt && echo "${v} $SNOWFLAKE_SERVICE_NAME $(hostname)" > /www/who.txt && printf '%s' "$SLOW_CGI" > /www/cgi-bin/slow && chmod +x /www/cgi-bin/slow && exec httpd -f -p 8080 -h /www`],
    // A request that takes 0.3 s: one is nearly always in flight when an instance leaves.
    env: { SLOW_CGI: `#!/bin/sh\nsleep 0.3\nprintf 'Content-Type: text/plain\\r\\n\\r\\n${v}\\n'\n` }, resources: {}, volumeMounts: [], mountSessionToken: true, sessionTokenPath: "/snowflake/session",
    readinessProbe: { port: 8080, path: "/v.txt", periodSeconds: 1, failureThreshold: 3 },
  }],
  endpoints: [{ name: "web", port: 8080, public: true, protocol: "HTTP" }],
  volumes: [],
});

/**
 * A spec change on a service with two instances, while a client on the host calls the service's ingress
 * URL every 50 ms: no request fails or hangs (SPCS replaces one instance at a time, routes only to READY
 * instances, and a leaving instance answers what reached it), the client sees the old version, then only
 * the new one, and the ingress URL stays the same.
 */
describe("integration: rolling upgrade without a failed request", function () {
  let tp: TestPlatform;
  let poller: ChildProcess | undefined;
  let slowPoller: ChildProcess | undefined;
  const key = { database: "APP_DB", schema: "PUBLIC", name: "ROLLER" };

  before(async function () {
    tp = await startTestPlatform("it-rolling");
    seedPool(tp, "ROLL_POOL", 2);
    await seedAppImage(tp);
  });
  after(async function () {
    poller?.kill();
    slowPoller?.kill();
    await dropService(tp.platform, key, { ifExists: true });
    await tp?.dispose();
  });

  it("replaces instances one at a time in descending id, with no failed request", async function () {
    await createService(tp.platform, { key, computePool: "ROLL_POOL", spec: version("v1"), specDigest: "d1", minInstances: 2, maxInstances: 2, minReadyInstances: 2, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null });
    const d1 = await awaitServiceReady(tp.platform, key, 60);
    const ingress = d1.endpoints[0].ingressUrl;
    assert.match(ingress!, /^127\.0\.0\.1:\d+$/);
    // The client is busybox wget on the host, no retry: a request that does not answer within 2 s is a
    // failure, like one refused or cut. Its own process, so the upgrade's work cannot delay it.
    // Two loops: quick requests every 50 ms, and slow ones (0.3 s) back to back.
    const loop = (path: string, pause: string) => `while :; do r=$(busybox timeout 2 busybox wget -qO- http://${ingress}${path} 2>/dev/null) && echo "OK $r" || echo FAIL; busybox sleep ${pause}; done`;
    let out = "";
    let slowOut = "";
    poller = spawn("sh", ["-c", loop("/who.txt", "0.05")], { stdio: ["ignore", "pipe", "ignore"] });
    poller.stdout!.on("data", (b: Buffer) => (out += b.toString()));
    slowPoller = spawn("sh", ["-c", loop("/cgi-bin/slow", "0")], { stdio: ["ignore", "pipe", "ignore"] });
    slowPoller.stdout!.on("data", (b: Buffer) => (slowOut += b.toString()));
    await new Promise((r) => setTimeout(r, 1500));

    const order: string[] = [];
    await upgradeService(tp.platform, key, version("v2"), "d2", 60, (line) => order.push(line));
    await new Promise((r) => setTimeout(r, 3000));
    poller.kill();
    slowPoller.kill();
    const lines = out.trim().split("\n").map((l) => l.replace(/^OK (v\d) .*/, "OK $1"));
    const answers = lines.filter((l) => l.startsWith("OK "));

    assert.deepEqual(order, ["Service APP_DB.PUBLIC.ROLLER: upgrading instance 1", "Service APP_DB.PUBLIC.ROLLER: upgrading instance 0"]);
    assert.ok(answers.length > 40, `the client got ${answers.length} answers`);
    // On failure, show the client's log as runs ("12x OK v1, 1x FAIL, ..."), with the upgrade's progress.
    const runs = lines.reduce<[string, number][]>((acc, l) => (acc.length && acc[acc.length - 1][0] === l ? (acc[acc.length - 1][1]++, acc) : [...acc, [l, 1]]), []).map(([l, n]) => `${n}x ${l}`);
    assert.equal(lines.filter((l) => l === "FAIL").length, 0, `failed requests; client log: ${runs.join(", ")}`);
    assert.ok(answers.includes("OK v1") && answers.includes("OK v2"), "the client saw both versions");
    // Slow requests in flight when an instance left were answered by it: it kept its address while draining.
    const slowLines = slowOut.trim().split("\n");
    assert.ok(slowLines.length > 10, `the slow client got ${slowLines.length} answers: ${slowLines.join(", ")}`);
    assert.equal(slowLines.filter((l) => l === "FAIL").length, 0, `failed slow requests; client log: ${slowLines.join(", ")}`);
    assert.deepEqual([...new Set(answers.slice(-5))], ["OK v2"], "after the upgrade only the new version answers");

    const d2 = (await describeService(tp.platform, key))!;
    assert.equal(d2.isUpgrading, false);
    assert.equal(d2.specDigest, "d2");
    assert.deepEqual(d2.instances.map((i) => [i.instanceId, i.status, i.specDigest]), [["0", "READY", "d2"], ["1", "READY", "d2"]]);
    assert.equal(d2.endpoints[0].ingressUrl, ingress, "the ingress URL did not change");
    assert.equal(await (await fetch(`http://${ingress}/v.txt`)).text(), "v2\n");
  });
});
