import assert from "node:assert/strict";
import { homeFilter } from "../../provider/common/labels";
import { PulumiProgram } from "../support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

/** `pulumi preview` shows every specification mistake with its code, path, line and column; nothing runs. */
describe("e2e: an invalid service specification in pulumi preview and up", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;
  before(async function () {
    tp = await startTestPlatform("e2e-bad-spec");
    program = PulumiProgram.create("test/fixtures/programs/bad-spec", tp);
  });
  after(async function () {
    program?.run(["destroy", "--yes"]);
    program?.dispose();
    await tp?.dispose();
  });

  it("preview fails listing each mistake at its line and column, with a fix", function () {
    const r = program.run(["preview"]);
    const out = r.stdout + r.stderr;
    assert.notEqual(r.code, 0);
    assert.match(out, /resource 'broken' has a problem: Service spec:4:5: error spec\/unknown-key: unknown field 'imag' in spec.containers\[0\] \(did you mean 'image'\?\)/);
    assert.match(out, /spec:3:5: error spec\/required: .*image/i);
    assert.match(out, /spec:6:13: error spec\/undeclared-volume: .*data/i);
  });

  it("up fails the same way and starts no container", async function () {
    const r = program.run(["up", "--yes"]);
    assert.notEqual(r.code, 0);
    assert.match(r.stdout + r.stderr, /spec\/undeclared-volume/);
    assert.deepEqual(await tp.platform.docker.listContainers(homeFilter(tp.config.home)), []);
    assert.deepEqual(tp.platform.catalog.services.list(), []);
  });
});
