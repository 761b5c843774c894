import assert from "node:assert/strict";
import { describePool } from "../../provider/statements/compute-pools";
import { PulumiProgram } from "../support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

/**
 * `autoSuspendSecs` through the real `pulumi` CLI: the service deployed with it suspends itself when idle
 * (the platform agent), then its pool; the platform's suspension is no drift (`preview --refresh
 * --expect-no-changes` passes); an update of another property leaves it suspended. (SET / UNSET of
 * AUTO_SUSPEND_SECS in place: test/integration/scaling/sql-suspension.test.ts.)
 */
describe("e2e: a Service with autoSuspendSecs", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;
  const key = { database: "NAP_DB", schema: "PUBLIC", name: "API" };
  const recorded = () => tp.platform.catalog.services.get(key)?.status;
  const until = async (what: string, ok: () => boolean, seconds: number) => {
    const end = Date.now() + seconds * 1000;
    while (!ok()) {
      if (Date.now() > end) assert.fail(`${what} after ${seconds} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  before(async function () {
    tp = await startTestPlatform("e2e-auto-suspend");
    program = PulumiProgram.create("test/fixtures/programs/auto-suspend", tp);
  });
  after(async function () {
    program?.run(["destroy", "--yes"]);
    program?.dispose();
    await tp?.dispose();
  });

  it("suspends itself and its pool when idle, which is no drift; updates keep it suspended", async function () {
    const up = program.run(["up", "--yes", "--skip-preview"]);
    assert.equal(up.code, 0, up.stdout + up.stderr);
    assert.deepEqual([program.outputs().autoSuspendSecs, program.outputs().status], [2, "RUNNING"]);
    await until("the service is not SUSPENDED", () => recorded() === "SUSPENDED", 30);
    await until("the pool is not SUSPENDED", () => describePool(tp.platform, "NAPPING_POOL")?.state === "SUSPENDED", 30);

    const preview = program.run(["preview", "--refresh", "--expect-no-changes"]);
    assert.equal(preview.code, 0, preview.stdout + preview.stderr);

    program.must(["config", "set", "comment", "second"]);
    const update = program.run(["up", "--yes", "--skip-preview"]);
    assert.equal(update.code, 0, update.stdout + update.stderr);
    assert.equal(program.outputs().status, "SUSPENDED");
    assert.equal(recorded(), "SUSPENDED");
    assert.equal(tp.platform.catalog.services.get(key)?.comment, "second");
  });
});
