import assert from "node:assert/strict";
import { PulumiProgram, spcsCli } from "../support/pulumi-program";
import { brokenImage, pushAs, runtimeImage } from "../support/runtime-images";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

const RUNTIME = "/e2e_db/public/images/runtime:1";
const BROKEN = "/e2e_db/public/images/broken:1";

/**
 * A CustomRuntimeEnvironment through the real `pulumi` CLI: created RESOLVED after server-side
 * validation, stable on preview, DEPRECATED in place, drift from the CLI seen by refresh and repaired by
 * up, destroyed without touching the image; and a broken
 * image refused with every failed check in `pulumi up`'s output and nothing in the catalog.
 */
describe("e2e: custom runtime environment", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;
  let digest: string;

  before(async function () {
    tp = await startTestPlatform("e2e-cre", { runtimeImage: true });
    digest = await pushAs(tp, runtimeImage(tp), RUNTIME);
    await pushAs(tp, await brokenImage(tp.platform.docker, "many-problems"), BROKEN);
    program = PulumiProgram.create("test/fixtures/programs/custom-runtime", tp);
    program.must(["config", "set", "imagePath", RUNTIME]);
  });
  after(async function () {
    program?.run(["destroy", "--yes"]);
    program?.dispose();
    await tp?.dispose();
  });

  it("creates the CRE RESOLVED, with the image's digest and every check passed", function () {
    program.must(["up", "--yes"]);
    const out = program.outputs();
    assert.equal(out.name, "E2E_RUNTIME");
    assert.equal(out.creStatus, "RESOLVED");
    assert.equal(out.digest, digest);
    assert.equal(out.checks.length, 20);
    assert.ok(out.checks.every((c: string) => c.startsWith("PASS ")), out.checks.join(", "));
    assert.equal(tp.platform.catalog.runtimeEnvironments.get("E2E_RUNTIME")?.digest, digest);
  });

  it("previews no changes on an unchanged program", function () {
    const r = program.run(["preview", "--expect-no-changes"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it("deprecates it in place: an update, not a replacement", function () {
    const before = program.outputs();
    program.must(["config", "set", "creStatus", "DEPRECATED"]);
    const up = program.must(["up", "--yes"]);
    assert.match(up.stdout, /~ 1 updated/);
    assert.doesNotMatch(up.stdout, /replaced/);
    const after = program.outputs();
    assert.equal(after.creStatus, "DEPRECATED");
    assert.equal(after.createdOn, before.createdOn);
    assert.equal(tp.platform.catalog.runtimeEnvironments.get("E2E_RUNTIME")?.creStatus, "DEPRECATED");
  });

  it("sees a status altered out of band on refresh, and up sets it back", function () {
    const alter = spcsCli(tp, ["alter", "custom-runtime-environment", "e2e_runtime", "set-status", "RESOLVED"]);
    assert.equal(alter.code, 0, alter.stderr);
    const refresh = program.must(["refresh", "--yes"]);
    assert.match(refresh.stdout, /~ 1 updated/);
    assert.equal(program.resourceOutputs("CustomRuntimeEnvironment").creStatus, "RESOLVED"); // stack outputs change only on up
    program.must(["up", "--yes"]);
    assert.equal(program.outputs().creStatus, "DEPRECATED");
    assert.equal(tp.platform.catalog.runtimeEnvironments.get("E2E_RUNTIME")?.creStatus, "DEPRECATED");
  });

  it("destroys the CRE and leaves its image in the repository", async function () {
    program.must(["destroy", "--yes"]);
    assert.deepEqual(tp.platform.catalog.runtimeEnvironments.list(), []);
    assert.equal((await tp.platform.registry.resolve("e2e_db/public/images/runtime", "1"))?.digest, digest);
  });

  it("refuses a broken image: pulumi up lists every failed check and nothing is created", function () {
    program.must(["config", "set", "imagePath", BROKEN]);
    program.must(["config", "rm", "creStatus"]);
    const r = program.run(["up", "--yes"]);
    const out = r.stdout + r.stderr;
    assert.notEqual(r.code, 0);
    assert.match(out, /CustomRuntimeEnvironment: Custom runtime environment 'E2E_RUNTIME' was not created: image '\/e2e_db\/public\/images\/broken:1' failed 3 of 20 validation checks:/);
    assert.match(out, /\[FAIL\] env_DASHBOARD_PORT: Environment variable 'DASHBOARD_PORT' not found\. Expected: DASHBOARD_PORT=12003/);
    assert.match(out, /\[FAIL\] pkg_xgboost-ray: Package 'xgboost-ray' is not installed/);
    assert.match(out, /\[FAIL\] dependency_health: Broken dependencies detected:/);
    assert.match(out, /legacy-notebook-extension 0\.3\.0 has requirement notebook<7, but you have notebook 7\.4\.4\./);
    assert.deepEqual(tp.platform.catalog.runtimeEnvironments.list(), []);
    assert.equal(program.state().deployment.resources.filter((x: { type: string }) => x.type.endsWith("CustomRuntimeEnvironment")).length, 0);
  });
});
