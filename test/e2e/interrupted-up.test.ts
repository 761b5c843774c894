import assert from "node:assert/strict";
import { homeFilter } from "../../provider/common/labels";
import { PulumiProgram } from "../support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `pulumi up` killed (SIGKILL, CLI and plugins) while it waits for a service it has created: the state never
 * learns of the service. The next `up` must converge: it finishes the create from the service that exists
 * (recorded as created by this very resource) instead of failing with "already exists", and nothing leaks.
 */
describe("e2e: pulumi up killed mid-create, then run again", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;
  before(async function () {
    tp = await startTestPlatform("e2e-interrupted");
    program = PulumiProgram.create("test/fixtures/programs/slow-service", tp);
  });
  after(async function () {
    program?.run(["destroy", "--yes"]);
    program?.dispose();
    await tp?.dispose();
  });

  it("the rerun converges on the one service the killed run created, which then answers", async function () {
    const child = program.start(["up", "--yes", "--skip-preview"]);
    const exited = new Promise((r) => child.once("exit", r));
    let seen = false;
    for (let i = 0; i < 240 && !seen; i++) {
      await sleep(250);
      seen = tp.platform.catalog.services.get({ database: "SLOW_DB", schema: "PUBLIC", name: "SLOW" }) !== undefined;
    }
    assert.ok(seen, "the first run created the service");
    process.kill(-child.pid!, "SIGKILL");
    await exited;
    const recorded = program.state().deployment.resources.filter((r: any) => r.type.endsWith("spcs:Service"));
    assert.equal(recorded.length, 0, "the killed run never recorded the service in state");

    // The killed CLI left its lock, as it would for a user: `pulumi cancel` removes it.
    program.must(["cancel", "--yes"]);
    const rerun = program.run(["up", "--yes", "--skip-preview"]);
    assert.equal(rerun.code, 0, rerun.stdout + rerun.stderr);
    assert.match(rerun.stdout, /already exists, created by this resource in a run that was interrupted: continuing from it/);
    assert.equal(await (await fetch(`${program.outputs().url}/index.html`)).text(), "ready\n");
    const containers = await tp.platform.docker.listContainers(homeFilter(tp.config.home));
    assert.equal(containers.length, 3, `one network container, one service container and the ingress: ${containers.map((c) => c.name).join(", ")}`);
    program.must(["preview", "--expect-no-changes"]);
  });

  it("destroy leaves nothing behind", async function () {
    program.must(["destroy", "--yes"]);
    assert.equal(tp.platform.catalog.services.list().length, 0);
    assert.equal((await tp.platform.docker.listContainers(homeFilter(tp.config.home))).length, 0);
  });
});
