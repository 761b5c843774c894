import assert from "node:assert/strict";
import * as net from "node:net";
import { homeFilter } from "../../../provider/common/labels";
import { awaitServiceReady } from "../../../provider/objects/services/await-service-ready";
import { describeService } from "../../../provider/objects/services/describe-service";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { ingressContainerName } from "../../../provider/model/service-naming";
import { repairService, scaleService } from "../../../provider/objects/services/service-updates";
import { createService, dropService } from "../../../provider/statements/services";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

/** Every instance answers `/who.txt` with the service name SPCS injected and its own hostname. */
const spec: RuntimeSpec = {
  containers: [{
    name: "web", image: APP_IMAGE, command: ["sh", "-c"],
    args: [`mkdir -p /www/cgi-bin && echo "$SNOWFLAKE_SERVICE_NAME $(hostname)" > /www/who.txt && printf '%s' "$SLOW_CGI" > /www/cgi-bin/slow && chmod +x /www/cgi-bin/slow && exec httpd -f -p 8080 -h /www`],
    // A CGI that answers after 2 s.
    env: { SLOW_CGI: "#!/bin/sh\nsleep 2\nprintf 'Content-Type: text/plain\\r\\n\\r\\nslow\\n'\n" }, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session",
    readinessProbe: { port: 8080, path: "/who.txt", periodSeconds: 1, failureThreshold: 3 },
  }],
  endpoints: [{ name: "web", port: 8080, public: true, protocol: "HTTP" }],
  volumes: [],
};

async function get(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return (await res.text()).trim();
}

/**
 * The service's one ingress URL: a relay container per service spreads connections over the READY
 * instances, serves clients concurrently, keeps its URL while instances come and go, and is part of
 * the service for drift, repair and drop.
 */
describe("integration: one load-balanced ingress per service", function () {
  let tp: TestPlatform;
  const key = { database: "APP_DB", schema: "PUBLIC", name: "SPREAD" };
  let url = "";

  before(async function () {
    tp = await startTestPlatform("it-ingress");
    seedPool(tp, "INGRESS_POOL", 2);
    await seedAppImage(tp);
  });
  after(async function () {
    await dropService(tp.platform, key, { ifExists: true });
    await tp?.dispose();
  });

  it("spreads requests over the instances and serves concurrent clients", async function () {
    await createService(tp.platform, { key, computePool: "INGRESS_POOL", spec, specDigest: "d", minInstances: 2, maxInstances: 3, minReadyInstances: 2, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null });
    const d = await awaitServiceReady(tp.platform, key, 60);
    url = `http://${d.endpoints[0].ingressUrl}`;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);

    const answers = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      const who = await get(`${url}/who.txt`);
      answers.set(who, (answers.get(who) ?? 0) + 1);
    }
    assert.equal(answers.size, 2, `both instances answered: ${JSON.stringify([...answers])}`);
    for (const [who, n] of answers) {
      assert.match(who, /^SPREAD [0-9a-f]{12}$/);
      assert.ok(n >= 5, `each instance got a fair share: ${JSON.stringify([...answers])}`);
    }

    // Four requests that take 2 s each, at once: served side by side, not one after the other.
    const started = Date.now();
    assert.deepEqual(await Promise.all([1, 2, 3, 4].map(() => get(`${url}/cgi-bin/slow`))), ["slow", "slow", "slow", "slow"]);
    assert.ok(Date.now() - started < 5000, `concurrent requests took ${Date.now() - started} ms`);
  });

  it("keeps its URL while the service scales, and reaches the new instance once it is there", async function () {
    await scaleService(tp.platform, key, 3, 3);
    const d = await awaitServiceReady(tp.platform, key, 60);
    assert.equal(`http://${d.endpoints[0].ingressUrl}`, url);
    const seen = new Set<string>();
    for (let i = 0; i < 60 && seen.size < 3; i++) seen.add(await get(`${url}/who.txt`));
    assert.equal(seen.size, 3, "the third instance answers through the same URL");

    await scaleService(tp.platform, key, 2, 3);
    const after = (await describeService(tp.platform, key))!;
    assert.equal(`http://${after.endpoints[0].ingressUrl}`, url);
    assert.ok((await get(`${url}/who.txt`)).startsWith("SPREAD "));
  });

  it("reports a removed or stopped ingress as drift, and the repair brings it back on the same URL", async function () {
    const name = ingressContainerName(tp.config.home, key);
    await tp.platform.docker.removeContainer(name);
    assert.deepEqual((await describeService(tp.platform, key))!.drift, [{ kind: "ingress-removed" }]);
    await assert.rejects(fetch(`${url}/who.txt`));
    assert.deepEqual(await repairService(tp.platform, key), [{ kind: "ingress-removed" }]);
    assert.ok((await get(`${url}/who.txt`)).startsWith("SPREAD "));

    await tp.platform.docker.stopContainer(name, 1);
    assert.deepEqual((await describeService(tp.platform, key))!.drift, [{ kind: "ingress-stopped" }]);
    assert.deepEqual(await repairService(tp.platform, key), [{ kind: "ingress-stopped" }]);
    assert.ok((await get(`${url}/who.txt`)).startsWith("SPREAD "));
    assert.deepEqual((await describeService(tp.platform, key))!.drift, []);
  });

  it("comes back on a new port when another process took its recorded one while it was away", async function () {
    await tp.platform.docker.removeContainer(ingressContainerName(tp.config.home, key));
    const taken = Number(new URL(url).port);
    const squatter = net.createServer();
    await new Promise<void>((resolve, reject) => squatter.once("error", reject).listen(taken, "127.0.0.1", resolve));
    try {
      await repairService(tp.platform, key);
      const moved = `http://${(await describeService(tp.platform, key))!.endpoints[0].ingressUrl}`;
      assert.notEqual(moved, url);
      assert.ok((await get(`${moved}/who.txt`)).startsWith("SPREAD "));
      assert.deepEqual((await describeService(tp.platform, key))!.drift, []);
      url = moved;
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });

  it("drop removes the ingress with the instances", async function () {
    await dropService(tp.platform, key);
    assert.deepEqual(await tp.platform.docker.listContainers(homeFilter(tp.config.home)), []);
    assert.deepEqual(await tp.platform.docker.listNetworks(homeFilter(tp.config.home)), []);
    await assert.rejects(fetch(`${url}/who.txt`));
  });
});
