import assert from "node:assert/strict";
import { createRepository, dropRepository, showImages } from "../../provider/objects/image-repositories/image-repositories";
import { imageRepositoryProvider } from "../../provider/pulumi/image-repository-provider";
import { configurePlatform } from "../../provider/platform/current-platform";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

describe("integration: image repositories on the real registry", function () {
  let tp: TestPlatform;
  const key = { database: "IT_DB", schema: "PUBLIC", name: "REPO" };
  const path = "it_db/public/repo";

  before(async function () {
    tp = await startTestPlatform("it-repo");
    configurePlatform((k) => ({ "spcs:home": tp.config.home, "spcs:registry": tp.config.registry, "spcs:account": tp.config.account })[k]);
  });
  after(async () => tp?.dispose());

  async function push(image: string, tag: string) {
    const base = `${tp.config.registry}/snowflake/images/snowflake_images/busybox:latest`;
    await tp.platform.docker.tagImage(base, `${tp.config.registry}/${path}/${image}`, tag);
    await tp.platform.docker.pushImage(`${tp.config.registry}/${path}/${image}`, tag);
  }

  it("lists pushed images as SHOW IMAGES does: one row per digest, tags joined", async function () {
    createRepository(tp.platform, key);
    await push("app", "v1");
    await push("app", "latest");
    await push("tools", "1.0");
    const rows = await showImages(tp.platform, key);
    assert.deepEqual(rows.map((r) => [r.imageName, r.tags, r.imagePath]), [
      ["app", "latest,v1", `${path}/app:latest`],
      ["tools", "1.0", `${path}/tools:1.0`],
    ]);
    assert.match(rows[0].createdOn, /^\d{4}-\d\d-\d\dT/);
  });

  it("DROP IMAGE REPOSITORY deletes its images: the registry no longer holds them or lists the repository", async function () {
    assert.equal(await dropRepository(tp.platform, key), true);
    assert.equal(await tp.platform.registry.resolve(`${path}/app`, "v1"), undefined);
    assert.equal(await tp.platform.registry.resolve(`${path}/tools`, "1.0"), undefined);
    assert.deepEqual((await tp.platform.registry.listRepositories()).filter((r) => r.startsWith(path)), []);
    await assert.rejects(showImages(tp.platform, key), /Image repository 'IT_DB.PUBLIC.REPO' does not exist or not authorized/);
  });

  it("the provider rejects bad identifiers and encryption in check, naming the field and the fix", async function () {
    const { failures } = await imageRepositoryProvider.check({}, { database: "it-db", schema: "public", encryption: "AES" as any, __resourceName: "r" });
    assert.deepEqual(failures!.map((f) => f.property), ["database", "encryption"]);
    assert.match(failures![1].reason, /invalid value 'AES' for property 'ENCRYPTION'. Fix: use SNOWFLAKE_FULL or SNOWFLAKE_SSE/);
  });

  it("the provider creates, reads drift, updates the comment in place and deletes", async function () {
    const { inputs } = await imageRepositoryProvider.check({}, { database: "it_db", schema: "public", name: "prov", __resourceName: "r" });
    const created = await imageRepositoryProvider.create(inputs!);
    assert.equal(created.id, "IT_DB.PUBLIC.PROV");
    assert.equal(created.outs.repositoryUrl, `${tp.config.registry}/it_db/public/prov`);
    await assert.rejects(imageRepositoryProvider.create(inputs!), /Object 'IT_DB.PUBLIC.PROV' already exists/);
    const diff = await imageRepositoryProvider.diff(created.id, created.outs, { ...inputs!, comment: "new" });
    assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    const enc = await imageRepositoryProvider.diff(created.id, created.outs, { ...inputs!, encryption: "SNOWFLAKE_SSE" });
    assert.deepEqual(enc, { changes: true, replaces: ["encryption"], deleteBeforeReplace: true });
    const updated = await imageRepositoryProvider.update(created.id, created.outs, { ...inputs!, comment: "new" });
    assert.equal(updated.outs.comment, "new");
    await imageRepositoryProvider.delete(created.id, updated.outs);
    assert.deepEqual(await imageRepositoryProvider.read(created.id, updated.outs), {});
    await imageRepositoryProvider.delete(created.id, updated.outs); // deleting twice converges
  });
});
