import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PulumiProgram } from "../support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

const DYNAMIC = `import * as spcs from "pulumi-spcs";
const pool = new spcs.ComputePool("pool", { instanceFamily: "CPU_X64_XS", comment: "moves to the plugin" });
export const poolName = pool.name;
`;
// The same pool as a resource of the spcs plugin, with the alias the generated SDKs carry.
const PLUGIN = `import * as pulumi from "@pulumi/pulumi";
class ComputePool extends pulumi.CustomResource {
  declare readonly name: pulumi.Output<string>;
  constructor(name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions = {}) {
    super("spcs:index:ComputePool", name, { name: undefined, ...args }, { aliases: [{ type: "pulumi-nodejs:dynamic/spcs:ComputePool" }], ...opts });
  }
}
const pool = new ComputePool("pool", { instanceFamily: "CPU_X64_XS", comment: "moves to the plugin" });
export const poolName = pool.name;
`;

/**
 * A TypeScript stack deployed with the dynamic SDK moves onto the provider plugin through the schema's
 * alias: nothing is replaced, the auto-named pool keeps its name and creation time, and the plugin then
 * owns it (its destroy drops it).
 */
describe("e2e: a dynamic resource moves onto the spcs plugin with no replacement", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;

  before(async function () {
    tp = await startTestPlatform("e2e-migration");
    program = PulumiProgram.create("quickstart", tp);
    fs.writeFileSync(path.join(program.dir, "index.ts"), DYNAMIC);
  });

  after(async function () {
    program?.run(["destroy", "--yes"]);
    program?.dispose();
    await tp?.dispose();
  });

  it("preview shows the aliased plugin resource unchanged, up keeps the object, and destroy through the plugin drops it", function () {
    program.must(["up", "--yes"]);
    const name = program.outputs().poolName;
    const created = tp.platform.catalog.pools.get(name)?.createdOn;
    assert.ok(created, `the dynamic provider created ${name}`);

    fs.writeFileSync(path.join(program.dir, "index.ts"), PLUGIN);
    const preview = program.run(["preview", "--expect-no-changes"]);
    assert.equal(preview.code, 0, preview.stdout + preview.stderr);
    program.must(["up", "--yes"]);
    const resource = program.state().deployment.resources.find((r: any) => r.urn.endsWith("::pool"));
    assert.equal(resource.type, "spcs:index:ComputePool");
    assert.match(resource.provider, /::pulumi:providers:spcs::default/);
    assert.equal(program.outputs().poolName, name, "the auto-named pool keeps its name");
    assert.equal(tp.platform.catalog.pools.get(name)?.createdOn, created, "the pool was not replaced");

    program.must(["destroy", "--yes"]);
    assert.deepEqual(tp.platform.catalog.pools.list(), []);
  });
});
