import assert from "node:assert/strict";
import { providers } from "../../../provider";
import { configurePlatform } from "../../../provider/platform/current-platform";
import { createPool } from "../../../provider/objects/compute-pools/compute-pools";
import { dropService } from "../../../provider/statements/services";
import { seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const SPEC = `spec:\n  containers:\n  - name: main\n    image: /snowflake/images/snowflake_images/busybox:latest\n    args: [sleep, "3600"]\n`;

/** What `pulumi up` does with an object that already exists: fail, adopt it, or finish an interrupted create. */
describe("integration: adopting existing objects", function () {
  let tp: TestPlatform;
  before(async function () {
    tp = await startTestPlatform("it-adoption");
    configurePlatform((k) => ({ "spcs:home": tp.config.home, "spcs:registry": tp.config.registry })[k]);
    seedPool(tp, "ADOPT_SVC_POOL", 2);
  });
  after(async function () {
    for (const s of tp?.platform.catalog.services.list() ?? []) await dropService(tp.platform, { database: s.databaseName, schema: s.schemaName, name: s.name }, { ifExists: true });
    await tp?.dispose();
  });

  const poolInputs = async (adopt?: boolean) => (await providers.ComputePool.check({}, { name: "made_by_hand", instanceFamily: "CPU_X64_XS", maxNodes: 2, adopt, __resourceName: "pool", __creator: "proj/dev/pool" })).inputs;

  it("without adopt, an existing object is SPCS's 'already exists' error, with the fix", async function () {
    createPool(tp.platform, { name: "MADE_BY_HAND", instanceFamily: "CPU_X64_XS", minNodes: 1, maxNodes: 3, autoResume: true, autoSuspendSecs: 3600, initiallySuspended: false, comment: "by hand" });
    await assert.rejects(providers.ComputePool.create(await poolInputs()), /Object 'MADE_BY_HAND' already exists\.\n  fix: .*set adopt: true/);
    assert.equal(tp.platform.catalog.pools.get("MADE_BY_HAND")?.maxNodes, 3, "the existing pool is untouched");
  });

  it("with adopt, takes the object over as it is; the next diff shows where it differs and update converges", async function () {
    const inputs = await poolInputs(true);
    const { id, outs } = await providers.ComputePool.create(inputs);
    assert.equal(id, "MADE_BY_HAND");
    assert.equal(outs.maxNodes, 3, "outputs are the platform's, not the program's");
    assert.equal(outs.comment, "by hand");
    assert.equal(outs.adopt, true);
    const diff = await providers.ComputePool.diff(id, outs, inputs);
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);
    const { outs: updated } = await providers.ComputePool.update(id, outs, inputs);
    assert.equal(updated.maxNodes, 2);
    assert.equal(tp.platform.catalog.pools.get("MADE_BY_HAND")?.maxNodes, 2);
    assert.equal(tp.platform.catalog.creators.get("COMPUTE POOL", "MADE_BY_HAND"), "proj/dev/pool");
  });

  it("a create interrupted after the service came to be is finished by the same resource's next create; another resource still gets 'already exists'", async function () {
    const inputs = (creator: string) => providers.Service.check({}, { database: "adopt_db", schema: "public", name: "web", computePool: "adopt_svc_pool", spec: SPEC, __resourceName: "web", __creator: creator }).then((r) => r.inputs);
    const first = await providers.Service.create(await inputs("proj/dev/web"));
    // The `pulumi up` that made it was killed before recording it: its state has no such resource.
    const again = await providers.Service.create(await inputs("proj/dev/web"));
    assert.equal(again.id, first.id);
    assert.equal(again.outs.status, "RUNNING");
    assert.deepEqual(again.outs.containers.map((c: any) => c.imageDigest), first.outs.containers.map((c: any) => c.imageDigest));
    await assert.rejects(providers.Service.create(await inputs("proj/prod/web")), /Object 'ADOPT_DB\.PUBLIC\.WEB' already exists\./);
    // Deleting the service forgets its creator: a later service of that name is nobody's leftover.
    await providers.Service.delete(first.id, first.outs);
    assert.equal(tp.platform.catalog.creators.get("SERVICE", "ADOPT_DB.PUBLIC.WEB"), undefined);
  });

  it("a create that fails leaves no creator behind, so nobody later takes over an object by mistake", async function () {
    const { inputs } = await providers.Service.check({}, { database: "adopt_db", schema: "public", name: "missing_image", computePool: "adopt_svc_pool", spec: SPEC.replace("busybox:latest", "busybox:no-such-tag"), __resourceName: "m", __creator: "proj/dev/m" });
    await assert.rejects(providers.Service.create(inputs), /does not exist in image repository/);
    assert.equal(tp.platform.catalog.creators.get("SERVICE", "ADOPT_DB.PUBLIC.MISSING_IMAGE"), undefined);
  });
});
