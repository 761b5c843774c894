import assert from "node:assert/strict";
import * as path from "node:path";
import { PulumiProgram } from "../support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";
import { FIXTURE_ROOT, listFixtures } from "../unit/spec/fixtures";

/**
 * Every valid fixture of the specification corpus in one real `pulumi preview`, one Service each: the
 * engine accepts them all. (Invalid fixtures: preview stops at the first failing resource, so each is
 * checked through the provider's check in test/integration/spec/corpus-check.test.ts, and
 * spec-preview.test.ts shows the engine printing those failures.) Job fixtures need JobService.
 */
describe("e2e: the valid specification corpus in pulumi preview", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;
  before(async function () {
    tp = await startTestPlatform("e2e-corpus");
    program = PulumiProgram.create("test/fixtures/programs/spec-corpus", tp);
    program.must(["config", "set", "corpus", path.resolve(FIXTURE_ROOT)]);
    program.must(["config", "set", "set", "valid"]);
  });
  after(async function () {
    program?.dispose();
    await tp?.dispose();
  });

  it("previews one Service per valid fixture with no problem reported", function () {
    const expected = listFixtures("valid").filter((f) => f.options.kind !== "job").length;
    assert.ok(expected >= 40, `${expected} valid fixtures`);
    const r = program.run(["preview"]);
    const out = r.stdout + r.stderr;
    assert.equal(r.code, 0, out.slice(-4000));
    assert.doesNotMatch(out, /has a problem/);
    assert.match(out, new RegExp(`\\+ ${expected + 1} to create`)); // the services and the stack
  });
});
