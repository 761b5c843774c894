import assert from "node:assert/strict";
import { computePoolProvider } from "../../provider/pulumi/compute-pool-provider";
import { configurePlatform } from "../../provider/platform/current-platform";
import { describePool, suspendPool } from "../../provider/objects/compute-pools/compute-pools";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

describe("integration: the ComputePool provider against a platform catalog", function () {
  let tp: TestPlatform;
  before(async function () {
    tp = await startTestPlatform("it-pool");
    configurePlatform((k) => ({ "spcs:home": tp.config.home, "spcs:registry": tp.config.registry })[k]);
  });
  after(async () => tp?.dispose());

  it("check fills SPCS defaults and auto-names from the resource name", async function () {
    const { inputs, failures } = await computePoolProvider.check({}, { instanceFamily: "cpu_x64_xs", __resourceName: "web-pool" } as any);
    assert.deepEqual(failures, []);
    assert.match(inputs!.name, /^WEB_POOL_[0-9A-F]{7}$/);
    assert.deepEqual({ ...inputs, name: undefined, __resourceName: undefined }, {
      ...{ name: undefined, __resourceName: undefined },
      instanceFamily: "CPU_X64_XS", minNodes: 1, maxNodes: 1, autoResume: true, autoSuspendSecs: 3600,
      initiallySuspended: false, comment: null, suspended: false,
    });
    const again = await computePoolProvider.check(inputs!, { instanceFamily: "CPU_X64_XS", __resourceName: "web-pool" } as any);
    assert.equal(again.inputs!.name, inputs!.name, "the auto-name is stable across previews");
  });

  it("check reports every problem at once, with SPCS's words and a fix", async function () {
    const { failures } = await computePoolProvider.check({}, { name: "p", instanceFamily: "CPU_X64_XXL", minNodes: 3, maxNodes: 2, __resourceName: "p" } as any);
    assert.deepEqual(failures!.map((f) => f.property), ["instanceFamily", "maxNodes"]);
    assert.match(failures![1].reason, /invalid property combination 'MIN_NODES'='3' and 'MAX_NODES'='2'/);
    const missing = await computePoolProvider.check({}, { __resourceName: "p" } as any);
    assert.match(missing.failures![0].reason, /Missing option\(s\): \[INSTANCE_FAMILY\]/);
  });

  it("creates, updates in place, refuses a family change on a running pool, and drops", async function () {
    const { inputs } = await computePoolProvider.check({}, { name: "pool_a", instanceFamily: "CPU_X64_XS", maxNodes: 2, __resourceName: "a" } as any);
    const { id, outs } = await computePoolProvider.create(inputs!);
    assert.equal(id, "POOL_A");
    assert.equal(outs.state, "IDLE");
    assert.equal(outs.targetNodes, 1);
    await assert.rejects(computePoolProvider.create(inputs!), /Object 'POOL_A' already exists/);

    const grown = { ...inputs!, maxNodes: 3, comment: "bigger" };
    assert.deepEqual(await computePoolProvider.diff(id, outs, grown), { changes: true, replaces: [] });
    const after = (await computePoolProvider.update(id, outs, grown)).outs;
    assert.equal(describePool(tp.platform, id)?.maxNodes, 3);

    await assert.rejects(
      computePoolProvider.update(id, after, { ...grown, instanceFamily: "CPU_X64_S" }),
      /Cannot set INSTANCE_FAMILY for compute pool that is not suspended. Please suspend the compute pool first/,
    );
    const moved = (await computePoolProvider.update(id, after, { ...grown, instanceFamily: "CPU_X64_S", suspended: true })).outs;
    assert.equal(moved.state, "SUSPENDED");
    assert.equal(moved.instanceFamily, "CPU_X64_S");
    const resumed = (await computePoolProvider.update(id, moved, { ...grown, instanceFamily: "CPU_X64_S", suspended: false })).outs;
    assert.equal(resumed.state, "IDLE");
    assert.notEqual(resumed.resumedOn, "1970-01-01T00:00:00.000Z");

    assert.deepEqual((await computePoolProvider.diff(id, resumed, { ...grown, instanceFamily: "CPU_X64_S", name: "POOL_B" })).replaces, ["name"]);
    await computePoolProvider.delete(id, resumed);
    assert.equal(describePool(tp.platform, id), undefined);
  });

  it("read reports a pool suspended out of band as suspended, and one dropped as gone", async function () {
    const { inputs } = await computePoolProvider.check({}, { name: "pool_r", instanceFamily: "CPU_X64_XS", __resourceName: "r" } as any);
    const { id, outs } = await computePoolProvider.create(inputs!);
    suspendPool(tp.platform, id);
    const read = await computePoolProvider.read(id, outs);
    assert.equal(read.props!.state, "SUSPENDED");
    assert.equal(read.inputs!.suspended, true);
    assert.deepEqual(await computePoolProvider.diff(id, read.props!, inputs!), { changes: true, replaces: [] });
    await computePoolProvider.delete(id, read.props!);
    assert.deepEqual(await computePoolProvider.read(id, outs), {});
  });
});
