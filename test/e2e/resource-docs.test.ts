import assert from "node:assert/strict";
import { homeFilter } from "../../provider/common/labels";
import { PulumiProgram } from "../support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

/**
 * The examples embedded in docs/resources/*.md, composed into one program (docs/resources/examples/index.ts)
 * and deployed with the real `pulumi` CLI: each page's example runs and does what its comments say.
 */
describe("e2e: the resource docs' examples with the pulumi CLI", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;

  before(async function () {
    // The CustomRuntimeEnvironment example copies the platform's ML runtime image.
    tp = await startTestPlatform("e2e-resource-docs", { runtimeImage: true });
    program = PulumiProgram.create("docs/resources/examples", tp);
  });

  after(async function () {
    program?.run(["destroy", "--yes"]);
    program?.dispose();
    await tp?.dispose();
  });

  it("pulumi up deploys every example, each with the outputs its comments promise", async function () {
    program.must(["up", "--yes", "--skip-preview"]);
    const out = program.outputs();
    assert.equal(out.computePool.poolName, "EXAMPLE_POOL");
    assert.equal(out.computePool.poolState, "IDLE");
    assert.equal(out.imageRepository.repositoryUrl, `${tp.config.registry}/docs_db/public/app_images`);
    assert.deepEqual(out.imageRepository.images, []);
    assert.match(out.image.imageRef, /^\/docs_db\/public\/release_images\/busybox@sha256:[0-9a-f]{64}$/);
    const busybox = await tp.platform.registry.resolve("snowflake/images/snowflake_images/busybox", "latest");
    assert.equal(out.image.imageDigest, busybox?.digest, "the copy is the source's digest");
    assert.equal(out.service.serviceStatus, "RUNNING");
    assert.equal(await (await fetch(out.service.url)).text(), "hello from SPCS\n");
    assert.match(out.service.dnsName, /^web\.[a-z0-9]{4}\.svc\.spcs\.internal$/);
    assert.equal(out.jobService.jobStatus, "DONE");
    assert.deepEqual(out.jobService.exitCodes, [0, 0]);
    const runtime = await tp.platform.registry.resolve("docs_db/public/ml_images/ml-runtime", "v1");
    assert.equal(out.customRuntimeEnvironment.creDigest, runtime?.digest);
    assert.equal(out.customRuntimeEnvironment.checksPassed, true);
    assert.equal(out.snapshot.snapshotState, "CREATED");
    assert.equal(out.snapshot.snapshotOf, "DOCS_DB.PUBLIC.NOTES");
  });

  it("preview --expect-no-changes finds nothing to do right after up", function () {
    const r = program.run(["preview", "--expect-no-changes", "--diff"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it("destroy removes every example's objects", async function () {
    program.must(["destroy", "--yes", "--skip-preview"]);
    const catalog = tp.platform.catalog;
    assert.deepEqual(catalog.pools.list(), []);
    assert.deepEqual(catalog.services.list(), []);
    assert.deepEqual(catalog.runtimeEnvironments.list(), []);
    assert.deepEqual(catalog.snapshots.list(), [], "the Snapshot is dropped, and the Service's FORCE drop took no backup (snapshotOnDelete: false)");
    assert.deepEqual(catalog.repositories.list().map((r) => r.name), ["SNOWFLAKE_IMAGES"]);
    assert.deepEqual((await tp.platform.registry.listRepositories()).filter((r) => r.startsWith("docs_db/")), []);
    assert.deepEqual(await tp.platform.docker.listContainers(homeFilter(tp.config.home)), []);
  });
});
