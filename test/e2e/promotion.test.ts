import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { homeFilter } from "../../provider/common/labels";
import { baseImageRepo } from "../../provider/model/platform-images";
import { containerName } from "../../provider/model/service-naming";
import { PulumiProgram, spcsCli } from "../support/pulumi-program";
import { platformEnv, startTestPlatform, type TestPlatform } from "../support/test-platform";

/**
 * examples/promotion through the real `pulumi` CLI: one program, stacks dev and prod on one platform.
 * dev places and runs an image; prod promotes the digest dev runs (a StackReference) and runs exactly it.
 * A new build in dev leaves prod untouched until prod is deployed again. Then `spcs drift` over both
 * stacks: clean, then a prod pool suspended out of band. Destroy leaves nothing.
 */
describe("e2e: examples/promotion (dev and prod) and spcs drift", function () {
  let tp: TestPlatform;
  let dev: PulumiProgram;
  let prod: PulumiProgram;
  let firstDigest: string;
  const LOCAL_BUILD = "spcs-e2e-promotion:2";

  const get = async (url: string) => (await fetch(`${url}/index.html`)).text();
  /** The image every container of a stack's service was created from, read from the engine. */
  const runningImages = async (database: string, instances: number) => {
    const out: string[] = [];
    for (let i = 0; i < instances; i++) out.push((await tp.platform.docker.inspectContainer(containerName(tp.config.home, { database, schema: "APP", name: "APP_SERVICE" }, i, "web")))!.image);
    return out;
  };
  const drift = (...stacks: string[]) =>
    spcsCli(tp, ["drift", ...stacks.flatMap((s) => ["--stack", `${dev.dir}:${s}`])], { ...dev.cliEnv, ...platformEnv(tp.config) });

  before(async function () {
    tp = await startTestPlatform("e2e-promotion");
    dev = PulumiProgram.create("promotion", tp, "dev", { stackConfig: true });
    prod = dev.addStack("prod", tp);
  });

  after(async function () {
    prod?.run(["destroy", "--yes"]);
    dev?.run(["destroy", "--yes"]);
    dev?.dispose();
    await tp?.platform.docker.removeImageReference(LOCAL_BUILD);
    await tp?.dispose();
  });

  it("dev places the platform's busybox in its repository and serves it", async function () {
    dev.must(["up", "--yes"]);
    const out = dev.outputs();
    const base = await tp.platform.registry.resolve("snowflake/images/snowflake_images/busybox", "latest");
    firstDigest = out.digest;
    assert.equal(firstDigest, base!.digest, "copied by digest: the same bytes as the source");
    assert.equal(out.imageRef, `/promo_dev_db/app/app_repository/app@${firstDigest}`);
    assert.equal(await get(out.url), "hello from dev, build base\n");
  });

  it("prod promotes the digest dev runs, and every prod container runs exactly it", async function () {
    prod.must(["up", "--yes"]);
    const out = prod.outputs();
    assert.equal(out.digest, firstDigest);
    assert.equal(out.imageRef, `/promo_prod_db/app/app_repository/app@${firstDigest}`);
    assert.equal(await get(out.url), "hello from prod, build base\n");
    assert.deepEqual(out.runningDigests, [firstDigest, firstDigest], "prod runs two instances");
    assert.deepEqual(await runningImages("PROMO_PROD_DB", 2), Array(2).fill(`${tp.config.registry}/promo_prod_db/app/app_repository/app@${firstDigest}`));
    assert.equal((await tp.platform.registry.resolve("promo_prod_db/app/app_repository/app", "prod"))?.digest, firstDigest);
  });

  it("spcs drift finds both stacks clean (exit 0)", function () {
    const r = drift("dev", "prod");
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /\| dev\s+\|\s+\| clean/);
    assert.match(r.stdout, /\| prod\s+\|\s+\| clean/);
  });

  it("a change in dev that keeps its digest leaves prod's preview empty", function () {
    dev.must(["config", "set", "maxNodes", "2"]);
    dev.must(["up", "--yes"]);
    const r = prod.run(["preview", "--expect-no-changes"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it("a new build in dev: dev runs the new digest, prod keeps the old one and its preview shows the promotion", async function () {
    buildLocalImage(tp, LOCAL_BUILD);
    dev.must(["config", "set", "localImage", LOCAL_BUILD]);
    dev.must(["up", "--yes"]);
    const newDigest = dev.outputs().digest;
    assert.notEqual(newDigest, firstDigest);
    assert.equal(await get(dev.outputs().url), "hello from dev, build 2\n");
    // prod is untouched: same containers, same digest, same answer.
    assert.deepEqual(await runningImages("PROMO_PROD_DB", 2), Array(2).fill(`${tp.config.registry}/promo_prod_db/app/app_repository/app@${firstDigest}`));
    assert.equal(await get(prod.outputs().url), "hello from prod, build base\n");
    const preview = prod.run(["preview", "--expect-no-changes", "--diff"]);
    assert.notEqual(preview.code, 0, "the promoted digest changed: prod has a change to deploy");
    assert.match(preview.stdout, new RegExp(`source\\s*:\\s*"/promo_dev_db/app/app_repository/app@${firstDigest}" => "/promo_dev_db/app/app_repository/app@${newDigest}"`));
  });

  it("prod up promotes the new build", async function () {
    prod.must(["up", "--yes"]);
    const newDigest = dev.outputs().digest;
    assert.equal(prod.outputs().digest, newDigest);
    assert.deepEqual(await runningImages("PROMO_PROD_DB", 2), Array(2).fill(`${tp.config.registry}/promo_prod_db/app/app_repository/app@${newDigest}`));
    assert.equal(await get(prod.outputs().url), "hello from prod, build 2\n");
    assert.equal(prod.run(["preview", "--expect-no-changes"]).code, 0);
  });

  it("spcs drift names the stack, resource and field of what changed out of band (exit 1), and up --refresh repairs it", async function () {
    // In prod only: the pool suspended with the spcs CLI, and the image's tag deleted from the registry.
    const alter = spcsCli(tp, ["alter", "compute-pool", "promo_prod_pool", "suspend"]);
    assert.equal(alter.code, 0, alter.stderr);
    const tagged = await tp.platform.registry.resolve("promo_prod_db/app/app_repository/app", "prod");
    await tp.platform.registry.deleteManifest("promo_prod_db/app/app_repository/app", tagged!.digest);
    const r = drift("dev", "prod");
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /\| dev\s+\|\s+\| clean/);
    assert.match(r.stdout, /\| prod\s+\| spcs:ComputePool pool\s+\| update\s+\| suspended\s+\| true\s+\| false\s+\|/);
    assert.match(r.stdout, /\| prod\s+\| spcs:Image app\s+\| update\s+\| drift\s+\| tag prod was deleted from promo_prod_db\/app\/app_repository\/app out of band/);
    const json = spcsCli(tp, ["--format", "json", "drift", "--stack", `${dev.dir}:prod`], { ...dev.cliEnv, ...platformEnv(tp.config) });
    const pool = JSON.parse(json.stdout)[0].resources.find((x: any) => x.type === "spcs:ComputePool");
    assert.deepEqual(pool.fields, [{ field: "suspended", platform: true, code: false }]);
    prod.must(["up", "--refresh", "--yes"]);
    assert.equal((await tp.platform.registry.resolve("promo_prod_db/app/app_repository/app", "prod"))?.digest, tagged!.digest, "the tag is back");
    const after = drift("prod");
    assert.equal(after.code, 0, after.stdout + after.stderr);
  });

  it("destroying both stacks leaves no catalog row, registry image, container, network or volume", async function () {
    prod.must(["destroy", "--yes"]);
    dev.must(["destroy", "--yes"]);
    assert.deepEqual(tp.platform.catalog.pools.list(), []);
    assert.deepEqual(tp.platform.catalog.repositories.list().map((r) => r.name), ["SNOWFLAKE_IMAGES"]);
    assert.deepEqual((await tp.platform.registry.listRepositories()).filter((r) => r.startsWith("promo_")), []);
    const filter = homeFilter(tp.config.home);
    assert.deepEqual(await tp.platform.docker.listContainers(filter), []);
    assert.deepEqual(await tp.platform.docker.listNetworks(filter), []);
    assert.deepEqual(await tp.platform.docker.listVolumes(filter), []);
  });
});

/** `docker build` of a new build of the app: the platform's busybox plus a /version file saying 2. */
function buildLocalImage(tp: TestPlatform, tag: string): void {
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-e2e-build-"));
  try {
    fs.writeFileSync(path.join(ctx, "version"), "2\n");
    fs.writeFileSync(path.join(ctx, "Dockerfile"), `FROM ${baseImageRepo(tp.config)}:latest\nCOPY version /version\n`);
    // No buildx on these machines: the classic builder needs nothing but the engine.
    const r = spawnSync("docker", ["build", "-q", "-t", tag, ctx], { env: { ...process.env, DOCKER_BUILDKIT: "0" }, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
  }
}
