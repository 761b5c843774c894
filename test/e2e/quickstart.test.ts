import assert from "node:assert/strict";
import { homeFilter } from "../../provider/common/labels";
import { describePool } from "../../provider/objects/compute-pools/compute-pools";
import { PulumiProgram, spcsCli } from "../support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

/**
 * examples/quickstart through the real `pulumi` CLI: up, preview --expect-no-changes, out-of-band changes
 * with the `spcs` CLI, the registry and the catalog, refresh showing them, up repairing them, destroy.
 */
describe("e2e: examples/quickstart with the pulumi CLI", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;
  const appRepo = () => `${tp.config.registry}/tutorial_db/data_schema/tutorial_repository/app`;

  before(async function () {
    tp = await startTestPlatform("e2e-quickstart");
    program = PulumiProgram.create("quickstart", tp);
  });

  after(async function () {
    program?.run(["destroy", "--yes"]);
    program?.dispose();
    await tp?.dispose();
  });

  it("pulumi up creates the compute pool and the image repository", function () {
    program.must(["up", "--yes"]);
    const out = program.outputs();
    assert.equal(out.poolName, "TUTORIAL_COMPUTE_POOL");
    assert.equal(out.poolState, "IDLE");
    assert.equal(out.repositoryUrl, `${tp.config.registry}/tutorial_db/data_schema/tutorial_repository`);
    assert.deepEqual(out.images, []);
    assert.equal(out.frontendStatus, "RUNNING");
    assert.match(out.backendDnsName, /^backend-service\.[a-z0-9]{4}\.svc\.spcs\.internal$/);
    const shown = spcsCli(tp, ["describe", "compute-pool", "tutorial_compute_pool", "--format", "json"]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(JSON.parse(shown.stdout).state, "ACTIVE");
  });

  it("the public frontend answers on its ingress URL with what the backend says through its DNS name", async function () {
    const res = await fetch(program.outputs().frontendUrl);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "frontend says: hello from the backend\n");
  });

  it("preview --expect-no-changes finds nothing to do right after up", function () {
    const r = program.run(["preview", "--expect-no-changes"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it("refresh shows an image pushed to the repository with docker, as SHOW IMAGES would", async function () {
    await tp.platform.docker.tagImage(`${tp.config.registry}/snowflake/images/snowflake_images/busybox:latest`, appRepo(), "v1");
    await tp.platform.docker.pushImage(appRepo(), "v1");
    program.must(["refresh", "--yes"]);
    const images = program.resourceOutputs(":ImageRepository").images;
    assert.equal(images.length, 1);
    assert.equal(images[0].imageName, "app");
    assert.equal(images[0].tags, "v1");
    assert.match(images[0].digest, /^sha256:[0-9a-f]{64}$/);
    assert.equal(images[0].imagePath, "tutorial_db/data_schema/tutorial_repository/app:v1");
  });

  it("a pool suspended with the spcs CLI shows as drift, and the next up resumes it", function () {
    const alter = spcsCli(tp, ["alter", "compute-pool", "tutorial_compute_pool", "suspend"]);
    assert.equal(alter.code, 0, alter.stderr);
    program.must(["refresh", "--yes"]);
    assert.equal(program.resourceOutputs(":ComputePool").state, "SUSPENDED");
    const preview = program.run(["preview", "--expect-no-changes", "--diff"]);
    assert.notEqual(preview.code, 0, "preview should report the suspended pool as a change");
    assert.match(preview.stdout, /suspended\s*:\s*true\s*=>\s*false/);
    program.must(["up", "--yes"]);
    assert.equal(describePool(tp.platform, "TUTORIAL_COMPUTE_POOL")?.state, "ACTIVE");
    assert.equal(program.run(["preview", "--expect-no-changes"]).code, 0);
  });

  it("refresh shows images deleted from the registry", async function () {
    const ref = await tp.platform.registry.resolve("tutorial_db/data_schema/tutorial_repository/app", "v1");
    assert.ok(ref, "the pushed image should be in the registry");
    await tp.platform.registry.deleteManifest("tutorial_db/data_schema/tutorial_repository/app", ref.digest);
    program.must(["refresh", "--yes"]);
    assert.deepEqual(program.resourceOutputs(":ImageRepository").images, []);
  });

  it("a service container removed with docker rm -f shows as drift on refresh, and up repairs only that", async function () {
    const { containerName } = await import("../../provider/model/service-naming");
    const key = { database: "TUTORIAL_DB", schema: "DATA_SCHEMA", name: "BACKEND_SERVICE" };
    await tp.platform.docker.removeContainer(containerName(tp.config.home, key, 0, "api"));
    program.must(["refresh", "--yes"]);
    const backend = program.state().deployment.resources.find((r: any) => r.outputs?.name === "BACKEND_SERVICE").outputs;
    assert.deepEqual(backend.drift, ["instance 0, container api: removed"]);
    const preview = program.run(["preview", "--expect-no-changes"]);
    assert.notEqual(preview.code, 0, "the drift is a pending change");
    const frontendId = (await tp.platform.docker.inspectContainer(containerName(tp.config.home, { ...key, name: "FRONTEND_SERVICE" }, 0, "web")))!.id;
    program.must(["up", "--yes"]);
    const res = await fetch(program.outputs().frontendUrl);
    assert.equal(await res.text(), "frontend says: hello from the backend\n");
    const after = program.state().deployment.resources.find((r: any) => r.outputs?.name === "BACKEND_SERVICE").outputs;
    assert.deepEqual(after.drift, []);
    assert.equal(after.status, "RUNNING");
    const frontendAfter = (await tp.platform.docker.inspectContainer(containerName(tp.config.home, { ...key, name: "FRONTEND_SERVICE" }, 0, "web")))!.id;
    assert.equal(frontendAfter, frontendId, "what did not drift is not touched");
    assert.equal(program.run(["preview", "--expect-no-changes"]).code, 0);
  });

  it("the frontend's ingress removed with docker rm -f shows as drift, and up brings it back on the same URL", async function () {
    const { ingressContainerName } = await import("../../provider/model/service-naming");
    const url = program.outputs().frontendUrl;
    await tp.platform.docker.removeContainer(ingressContainerName(tp.config.home, { database: "TUTORIAL_DB", schema: "DATA_SCHEMA", name: "FRONTEND_SERVICE" }));
    await assert.rejects(fetch(url));
    program.must(["refresh", "--yes"]);
    const frontend = program.state().deployment.resources.find((r: any) => r.outputs?.name === "FRONTEND_SERVICE").outputs;
    assert.deepEqual(frontend.drift, ["ingress: removed"]);
    program.must(["up", "--yes"]);
    assert.equal(program.outputs().frontendUrl, url, "the ingress URL did not change");
    assert.equal(await (await fetch(url)).text(), "frontend says: hello from the backend\n");
    assert.equal(program.run(["preview", "--expect-no-changes"]).code, 0);
  });

  it("dropping the pool with the spcs CLI fails while its services run, naming them", function () {
    const drop = spcsCli(tp, ["drop", "compute-pool", "tutorial_compute_pool"]);
    assert.equal(drop.code, 1);
    assert.match(drop.stderr, /Cannot drop compute pool TUTORIAL_COMPUTE_POOL because it has services: TUTORIAL_DB.DATA_SCHEMA.BACKEND_SERVICE, TUTORIAL_DB.DATA_SCHEMA.FRONTEND_SERVICE/);
  });

  it("destroy leaves no catalog row, registry repository, container, network or volume behind", async function () {
    await tp.platform.docker.pushImage(appRepo(), "v1"); // an image the repository's DROP must delete
    program.must(["destroy", "--yes"]);
    assert.deepEqual(tp.platform.catalog.pools.list(), []);
    assert.deepEqual(
      tp.platform.catalog.repositories.list().map((r) => r.name),
      ["SNOWFLAKE_IMAGES"], // only the platform's own base-image repository remains
    );
    const repos = await tp.platform.registry.listRepositories();
    assert.deepEqual(repos.filter((r) => r.startsWith("tutorial_db/")), []);
    assert.equal(await tp.platform.registry.resolve("tutorial_db/data_schema/tutorial_repository/app", "v1"), undefined);
    const filter = homeFilter(tp.config.home);
    assert.deepEqual(await tp.platform.docker.listContainers(filter), []);
    assert.deepEqual(await tp.platform.docker.listNetworks(filter), []);
    assert.deepEqual(await tp.platform.docker.listVolumes(filter), []);
  });
});
