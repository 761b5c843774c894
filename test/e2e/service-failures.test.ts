import assert from "node:assert/strict";
import { homeFilter } from "../../provider/common/labels";
import { PulumiProgram } from "../support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

/**
 * The ways a service fails, each through the real `pulumi up`: the error says why (in SPCS's words, with the
 * container's logs where there are some), nothing is left half-made, and the next `up` with the mistake
 * fixed converges, with no container, volume or catalog row leaked.
 */
describe("e2e: service failures, then recovery", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;
  const up = (mode: string) => {
    program.must(["config", "set", "mode", mode]);
    const r = program.run(["up", "--yes", "--skip-preview"]);
    return { ...r, text: r.stdout + r.stderr };
  };
  const containers = async () => (await tp.platform.docker.listContainers(homeFilter(tp.config.home))).map((c) => c.name).sort();
  const healthy = async () => {
    const r = up("healthy");
    assert.equal(r.code, 0, r.text);
    assert.equal(await (await fetch(`${program.outputs().url}/health`)).text(), "healthy\n");
    assert.equal((await containers()).length, 3, "one network container, one service container and the service's ingress");
    assert.equal(tp.platform.catalog.services.list().length, 1);
  };

  before(async function () {
    tp = await startTestPlatform("e2e-failures");
    program = PulumiProgram.create("test/fixtures/programs/failures", tp);
  });
  after(async function () {
    program?.run(["destroy", "--yes"]);
    program?.dispose();
    await tp?.dispose();
  });

  it("a missing image fails naming it and creates nothing; fixed, up converges", async function () {
    const r = up("bad-image");
    assert.notEqual(r.code, 0);
    assert.match(r.text, /Failed to pull image: '\/snowflake\/images\/snowflake_images\/busybox:no-such-tag' does not exist/);
    assert.deepEqual(await containers(), []);
    assert.equal(tp.platform.catalog.services.list().length, 0);
    await healthy();
  });

  it("a spec that can never fit the pool fails with SPCS's reason and leaves the running service untouched; fixed, up converges", async function () {
    const before = await containers();
    const r = up("too-big");
    assert.notEqual(r.code, 0);
    assert.match(r.text, /Unschedulable due to insufficient resources/);
    await healthy();
    assert.deepEqual(await containers(), before);
  });

  it("a crash loop fails fast with the container's last log lines; fixed, up converges", async function () {
    const started = Date.now();
    const r = up("crash-loop");
    assert.notEqual(r.code, 0);
    assert.match(r.text, /is in a crash loop/);
    assert.match(r.text, /\| config missing: \/etc\/app\.conf/);
    assert.ok(Date.now() - started < 60_000, "fails fast, well before a timeout");
    await healthy();
  });

  it("a readiness probe that never passes fails at readyTimeoutSeconds in SPCS's words, recorded as a partial failure; fixed, up converges", async function () {
    const r = up("never-ready");
    assert.notEqual(r.code, 0);
    assert.match(r.text, /did not become READY within 8s: Readiness probe is failing at path: \/health, port: 8080/);
    const recorded = program.state().deployment.resources.find((x: any) => x.type.endsWith("spcs:Service"));
    assert.ok(recorded, "the service stays in state");
    await healthy();
  });

  it("destroy leaves nothing behind", async function () {
    program.must(["destroy", "--yes"]);
    assert.deepEqual(await containers(), []);
    assert.equal(tp.platform.catalog.services.list().length, 0);
    assert.equal((await tp.platform.docker.listVolumes(homeFilter(tp.config.home))).length, 0);
  });
});
