import assert from "node:assert/strict";
import { awaitServiceReady } from "../../../provider/objects/services/await-service-ready";
import type { RuntimeContainer, RuntimeSpec } from "../../../provider/model/runtime-spec";
import { dropService, createService } from "../../../provider/statements/services";
import { poolNodesOf } from "../../../provider/objects/workloads/capacity";
import { upgradeService } from "../../../provider/objects/services/service-updates";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const spec = (cpuMilli: number): RuntimeSpec => ({
  containers: [{ name: "main", image: APP_IMAGE, command: ["sleep", "3600"], env: {}, resources: { requests: { cpuMilli } }, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session" } as RuntimeContainer],
  endpoints: [],
  volumes: [],
});

/** An upgrade that changes what instances request is scheduled again: it never oversubscribes a node. */
describe("integration: upgrades are scheduled like creates", function () {
  let tp: TestPlatform;
  const key = { database: "APP_DB", schema: "PUBLIC", name: "GROWING" };
  before(async function () {
    tp = await startTestPlatform("it-upgrade-sched");
    seedPool(tp, "TWO_NODES", 2); // CPU_X64_XS: 1 vCPU per node
    await seedAppImage(tp);
  });
  after(async function () {
    await dropService(tp.platform, key, { ifExists: true });
    await tp?.dispose();
  });

  it("moves instances that no longer fit together to another node, and refuses a request no node can hold", async function () {
    await createService(tp.platform, { key, computePool: "TWO_NODES", spec: spec(500), specDigest: "small", minInstances: 2, maxInstances: 2, minReadyInstances: 2, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null });
    await awaitServiceReady(tp.platform, key, 60);
    assert.deepEqual(poolNodesOf(tp.platform, "TWO_NODES").map((n) => [n.id, n.used.cpuMilli]), [["node-1", 1000]], "both fit on the first node");
    await upgradeService(tp.platform, key, spec(800), "bigger", 60);
    const nodes = poolNodesOf(tp.platform, "TWO_NODES");
    assert.deepEqual(nodes.map((n) => n.used.cpuMilli), [800, 800], "one instance per node after the upgrade");
    await assert.rejects(upgradeService(tp.platform, key, spec(1500), "too-big", 60), /Cannot alter service APP_DB\.PUBLIC\.GROWING in compute pool TWO_NODES\. Unschedulable/);
    assert.equal(tp.platform.catalog.services.get(key)?.specDigest, "bigger", "a refused upgrade changes nothing");
  });
});
