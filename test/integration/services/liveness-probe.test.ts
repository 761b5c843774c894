import assert from "node:assert/strict";
import { awaitServiceReady } from "../../../provider/objects/services/await-service-ready";
import { describeService } from "../../../provider/objects/services/describe-service";
import type { RuntimeContainer, RuntimeSpec } from "../../../provider/model/runtime-spec";
import { createService, dropService } from "../../../provider/statements/services";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const container = (name: string, script: string, extra: Partial<RuntimeContainer> = {}): RuntimeContainer => ({
  name, image: APP_IMAGE, command: ["sh", "-c"], args: [script], env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session", ...extra,
});

/**
 * livenessProbe: after failureThreshold consecutive failed GETs the container is restarted (restartCount
 * grows, the instance comes back READY); a container whose probe keeps answering 200 is never touched,
 * even as a non-root user next to a failing one.
 */
describe("integration: liveness probes restart containers", function () {
  let tp: TestPlatform;
  const key = { database: "APP_DB", schema: "PUBLIC", name: "LIVE" };
  before(async function () {
    tp = await startTestPlatform("it-liveness");
    seedPool(tp, "LIVE_POOL", 1);
    await seedAppImage(tp);
  });
  after(async function () {
    await dropService(tp.platform, key, { ifExists: true });
    await tp?.dispose();
  });

  it("restarts a container whose probe fails, and only that one", async function () {
    // `flaky` serves /alive for about 4 seconds after each start, then stops answering 200.
    const flaky = container("flaky", "mkdir -p /www && echo ok > /www/alive && (sleep 4; rm /www/alive) & exec httpd -f -p 8081 -h /www", {
      livenessProbe: { port: 8081, path: "/alive", periodSeconds: 1, failureThreshold: 2 },
    });
    const steady = container("steady", "mkdir -p /tmp/www && echo ok > /tmp/www/alive && exec httpd -f -p 8082 -h /tmp/www", {
      command: ["su", "-s", "/bin/sh", "nobody", "-c"],
      livenessProbe: { port: 8082, path: "/alive", periodSeconds: 1, failureThreshold: 2 },
    });
    const spec: RuntimeSpec = { containers: [flaky, steady], endpoints: [], volumes: [] };
    await createService(tp.platform, {
      key, computePool: "LIVE_POOL", spec, specDigest: "d-live", minInstances: 1, maxInstances: 1, minReadyInstances: 1,
      autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null,
    });
    await awaitServiceReady(tp.platform, key, 60);
    let restarts = 0;
    for (let i = 0; i < 60 && restarts < 2; i++) {
      await sleep(500);
      restarts = (await describeService(tp.platform, key))!.containers.find((c) => c.containerName === "flaky")!.restartCount;
    }
    assert.ok(restarts >= 2, `flaky restarted ${restarts} times`);
    const d = await describeService(tp.platform, key);
    assert.equal(d!.containers.find((c) => c.containerName === "steady")!.restartCount, 0, "a healthy container is never restarted");
  });
});
