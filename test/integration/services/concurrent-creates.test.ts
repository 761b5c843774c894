import assert from "node:assert/strict";
import { homeFilter } from "../../../provider/common/labels";
import { describePool } from "../../../provider/objects/compute-pools/compute-pools";
import { describeService } from "../../../provider/objects/services/describe-service";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { egressNetworkName, platformNetworkName } from "../../../provider/model/service-naming";
import { createService, dropService } from "../../../provider/statements/services";
import { seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

/** Creates racing in one process (as a `pulumi up` with many services does) share one network and never oversubscribe the pool. */
describe("integration: concurrent service creates", function () {
  let tp: TestPlatform;
  const keys = Array.from({ length: 5 }, (_, i) => ({ database: "APP_DB", schema: "PUBLIC", name: `RACER_${i}` }));
  before(async function () {
    tp = await startTestPlatform("it-concurrent");
    seedPool(tp, "TIGHT_POOL", 1);
  });
  after(async function () {
    for (const k of keys) await dropService(tp.platform, k, { ifExists: true });
    await tp?.dispose();
  });

  it("five creates at once into a pool with room for two: one internal and one egress network, two running, three pending", async function () {
    const spec: RuntimeSpec = { containers: [{ name: "main", image: "/snowflake/images/snowflake_images/busybox:latest", command: ["sleep", "3600"], env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session" }], endpoints: [], volumes: [] };
    await Promise.all(keys.map((key) => createService(tp.platform, { key, computePool: "TIGHT_POOL", spec, specDigest: "d", minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null })));
    const networks = await tp.platform.docker.listNetworks(homeFilter(tp.config.home));
    assert.deepEqual(networks.map((n) => n.name).sort(), [platformNetworkName(tp.config.home), egressNetworkName(tp.config.home)].sort());
    const placed = (await Promise.all(keys.map((k) => describeService(tp.platform, k)))).map((d) => d!.instances[0].nodeId !== null);
    assert.equal(placed.filter(Boolean).length, 2, "a CPU_X64_XS node holds two 0.5 vCPU instances");
    assert.equal(describePool(tp.platform, "TIGHT_POOL")!.activeNodes, 1);
  });
});
