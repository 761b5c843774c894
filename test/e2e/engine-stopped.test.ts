import assert from "node:assert/strict";
import { homeFilter } from "../../provider/common/labels";
import { PrivateEngine } from "../support/private-engine";
import { PulumiProgram, spcsCli } from "../support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const KEY = { database: "SLOW_DB", schema: "PUBLIC", name: "SLOW" };

/**
 * The Docker engine stops while `pulumi up` waits for a service it created (on an engine of the test's
 * own, so no other test loses its engine). `up` fails saying the engine is gone and how to recover; the
 * service stays recorded; once the engine is back, the next `up` continues from the service that exists
 * and it answers, with nothing duplicated or leaked; destroy leaves nothing.
 */
describe("e2e: the Docker engine stops mid-create, then comes back", function () {
  let engine: PrivateEngine;
  let tp: TestPlatform;
  let program: PulumiProgram;
  before(async function () {
    engine = await PrivateEngine.start();
    tp = await startTestPlatform("e2e-engine", { dockerHost: engine.host });
    program = PulumiProgram.create("test/fixtures/programs/slow-service", tp);
  });
  after(async function () {
    await engine?.resume().catch(() => undefined);
    program?.run(["destroy", "--yes"]);
    program?.dispose();
    await tp?.dispose();
    await engine?.dispose();
  });

  it("up fails naming the engine and the way back; the next up, with the engine back, converges", async function () {
    const child = program.start(["up", "--yes", "--skip-preview"], "pipe");
    let text = "";
    child.stdout?.on("data", (d) => (text += d));
    child.stderr?.on("data", (d) => (text += d));
    const exited = new Promise<number>((r) => child.once("exit", (code) => r(code ?? -1)));
    let started = false;
    for (let i = 0; i < 240 && !started; i++) {
      await sleep(250);
      // The service is made (its container and its ingress run) and `up` waits for READY.
      const made = await tp.platform.docker.listContainers([...homeFilter(tp.config.home), "com.pulumi-spcs.service=SLOW_DB.PUBLIC.SLOW"]);
      const running = await Promise.all(made.filter((c) => ["web", "_ingress"].includes(c.labels["com.pulumi-spcs.container"])).map((c) => tp.platform.docker.inspectContainer(c.id)));
      started = running.filter((c) => c?.running).length === 2;
    }
    assert.ok(started, "the service's container and ingress run (up waits for READY) when the engine stops");
    await engine.stop();
    assert.notEqual(await exited, 0);
    assert.match(text, /The Docker engine at \S+docker\.sock is not answering/);
    assert.match(text, /start the engine again/);
    assert.ok(tp.platform.catalog.services.get(KEY), "the service stays recorded");
    const cli = spcsCli(tp, ["show", "services"]);
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /is not answering/);

    await engine.resume();
    const rerun = program.run(["up", "--yes", "--skip-preview"]);
    assert.equal(rerun.code, 0, rerun.stdout + rerun.stderr);
    assert.equal(await (await fetch(`${program.outputs().url}/index.html`)).text(), "ready\n");
    const containers = await tp.platform.docker.listContainers(homeFilter(tp.config.home));
    assert.equal(containers.length, 3, `one network container, one service container, one ingress: ${containers.map((c) => c.name).join(", ")}`);
    program.must(["preview", "--expect-no-changes"]);
  });

  it("destroy leaves nothing behind", async function () {
    program.must(["destroy", "--yes"]);
    assert.equal(tp.platform.catalog.services.list().length, 0);
    assert.equal((await tp.platform.docker.listContainers(homeFilter(tp.config.home))).length, 0);
  });
});
