import assert from "node:assert/strict";
import { awaitServiceReady } from "../../../provider/objects/services/await-service-ready";
import { describeService } from "../../../provider/objects/services/describe-service";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { createService, dropService, type ServiceDefinition } from "../../../provider/statements/services";
import { suspendService } from "../../../provider/objects/services/service-lifecycle";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const spec: RuntimeSpec = {
  containers: [{ name: "web", image: APP_IMAGE, command: ["sh", "-c"], args: ["mkdir -p /www && echo awake > /www/index.html && exec httpd -f -p 8080 -h /www"], env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session", readinessProbe: { port: 8080, path: "/index.html", periodSeconds: 1, failureThreshold: 3 } }],
  endpoints: [{ name: "web", port: 8080, public: true, protocol: "HTTP" }],
  volumes: [],
};

/**
 * AUTO_RESUME: a request to a suspended service's ingress resumes it (the platform agent, started by
 * `platform up`, does what SPCS's control plane does) and is answered once the service is READY; without
 * AUTO_RESUME the service stays suspended and the request is refused.
 */
describe("integration: services resume when used (AUTO_RESUME)", function () {
  let tp: TestPlatform;
  const key = (name: string) => ({ database: "APP_DB", schema: "PUBLIC", name });
  const def = (name: string, autoResume: boolean): ServiceDefinition => ({
    key: key(name), computePool: "WAKE_POOL", spec, specDigest: "d", minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume, externalAccessIntegrations: null, queryWarehouse: null, comment: null,
  });
  before(async function () {
    tp = await startTestPlatform("it-auto-resume");
    seedPool(tp, "WAKE_POOL", 1);
    await seedAppImage(tp);
  });
  after(async function () {
    for (const s of tp?.platform.catalog.services.list() ?? []) await dropService(tp.platform, key(s.name), { ifExists: true });
    await tp?.dispose();
  });

  it("a request to a suspended service with AUTO_RESUME resumes it and is answered", async function () {
    await createService(tp.platform, def("SLEEPY", true));
    const url = `http://${(await awaitServiceReady(tp.platform, key("SLEEPY"), 60)).endpoints[0].ingressUrl}`;
    await suspendService(tp.platform, key("SLEEPY"));
    assert.equal((await describeService(tp.platform, key("SLEEPY")))?.status, "SUSPENDED");
    const started = Date.now();
    const res = await fetch(`${url}/index.html`, { signal: AbortSignal.timeout(60_000) });
    assert.equal(await res.text(), "awake\n");
    const d = await describeService(tp.platform, key("SLEEPY"));
    assert.equal(d?.status, "RUNNING");
    assert.ok(d?.resumedOn, "resumed_on is set");
    console.log(`      (answered ${Date.now() - started} ms after the request reached the suspended service)`);
  });

  it("without AUTO_RESUME the service stays suspended and the request is refused", async function () {
    await createService(tp.platform, def("STAYS_DOWN", false));
    const url = `http://${(await awaitServiceReady(tp.platform, key("STAYS_DOWN"), 60)).endpoints[0].ingressUrl}`;
    await suspendService(tp.platform, key("STAYS_DOWN"));
    await assert.rejects(fetch(`${url}/index.html`, { signal: AbortSignal.timeout(10_000) }));
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal((await describeService(tp.platform, key("STAYS_DOWN")))?.status, "SUSPENDED");
  });
});
