import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { configurePlatform } from "../../provider/platform/current-platform";
import { Platform } from "../../provider/platform/platform";
import { baseImageRepo } from "../../provider/model/platform-images";
import { createRepository, showImages } from "../../provider/objects/image-repositories/image-repositories";
import { imageProvider, type ImageInputs, type ImageOutputs } from "../../provider/pulumi/image-provider";
import { putImage, removeTag } from "../../provider/objects/images/images";
import { serviceProvider } from "../../provider/pulumi/service-provider";
import { containerName } from "../../provider/model/service-naming";
import { importPayloadImage } from "../support/payload-image";
import { seedPool } from "../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

const BASE = "/snowflake/images/snowflake_images/busybox:latest";

describe("integration: Image on the real registry and engine", function () {
  let tp: TestPlatform;
  const local: string[] = []; // engine references this test made, removed at the end
  const target = (over: Partial<ImageInputs> = {}) => ({ database: "IMG_DB", schema: "PUBLIC", repository: "PROD", name: "app", tag: "v1", ...over });
  const check = async (news: Partial<ImageInputs>) => {
    const { inputs, failures } = await imageProvider.check({}, { __resourceName: "img", ...news });
    assert.deepEqual(failures, []);
    return inputs!;
  };

  before(async function () {
    tp = await startTestPlatform("it-image");
    configurePlatform((k) => ({ "spcs:home": tp.config.home, "spcs:registry": tp.config.registry, "spcs:account": tp.config.account })[k]);
    for (const name of ["DEV", "PROD", "BIG"]) createRepository(tp.platform, { database: "IMG_DB", schema: "PUBLIC", name });
  });
  after(async function () {
    for (const ref of local) await tp?.platform.docker.removeImageReference(ref);
    await tp?.dispose();
  });

  it("check names the field and the fix for a missing or foreign source, a bad name and a bad tag", async function () {
    const { failures } = await imageProvider.check({}, { database: "img_db", schema: "public", repository: "prod", name: "App", tag: "-x", __resourceName: "img" });
    assert.deepEqual(failures!.map((f) => f.property), ["source", "name", "tag"]);
    assert.match(failures![0].reason, /Fix: set source to \/<db>\/<schema>\/<repository>\/<image>:<tag>/);
    const foreign = await imageProvider.check({}, { database: "img_db", schema: "public", repository: "prod", source: "nginx:latest", __resourceName: "img" });
    assert.match(foreign.failures![0].reason, /'nginx:latest' is not an image of this platform.*set localImage instead/);
    const both = await imageProvider.check({}, { database: "img_db", schema: "public", repository: "prod", source: BASE, localImage: "x:1", __resourceName: "img" });
    assert.deepEqual(both.failures!.map((f) => f.property), ["localImage"]);
  });

  it("copies a platform image by digest with blob mounts only, under the name (defaulted from the source) and tag", async function () {
    const inputs = await check({ database: "img_db", schema: "public", repository: "dev", tag: "v1", source: BASE });
    assert.equal(inputs.name, "busybox");
    const created = await imageProvider.create(inputs);
    const base = await tp.platform.registry.resolve("snowflake/images/snowflake_images/busybox", "latest");
    assert.equal(created.id, "IMG_DB.PUBLIC.DEV/busybox:v1");
    assert.equal(created.outs.digest, base!.digest, "the copy has the source's digest");
    assert.equal(created.outs.imageRef, `/img_db/public/dev/busybox@${base!.digest}`);
    assert.equal(created.outs.taggedImageRef, "/img_db/public/dev/busybox:v1");
    assert.equal(created.outs.imageUrl, `${tp.config.registry}/img_db/public/dev/busybox@${base!.digest}`);
    assert.equal((await tp.platform.registry.resolve("img_db/public/dev/busybox", "v1"))?.digest, base!.digest);
    const rows = await showImages(tp.platform, { database: "IMG_DB", schema: "PUBLIC", name: "DEV" });
    assert.deepEqual(rows.map((r) => [r.imageName, r.tags, r.digest]), [["busybox", "v1", base!.digest]]);
    // Promotion by digest: no layer is sent again.
    const put = await putImage(tp.platform, target(), { source: created.outs.imageRef });
    assert.equal(put.digest, base!.digest);
    assert.ok(put.mounted >= 2, `config and layer mounted (${put.mounted})`);
    assert.equal(put.uploaded, 0);
  });

  it("copies an image index with its child manifests, keeping every digest", async function () {
    const child = await tp.platform.registry.getRawManifest("snowflake/images/snowflake_images/busybox", "latest");
    const index = {
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.index.v1+json",
      manifests: [{ mediaType: child!.mediaType, digest: child!.digest, size: child!.bytes.length, platform: { architecture: "amd64", os: "linux" } }],
    };
    const indexDigest = await tp.platform.registry.putManifest("snowflake/images/snowflake_images/busybox", "multi", { mediaType: index.mediaType, bytes: Buffer.from(JSON.stringify(index)) });
    const put = await putImage(tp.platform, target({ name: "multi", tag: "1" }), { source: "/snowflake/images/snowflake_images/busybox:multi" });
    assert.equal(put.digest, indexDigest);
    assert.equal(put.uploaded, 0);
    assert.ok(await tp.platform.registry.resolve("img_db/public/prod/multi", child!.digest), "the child manifest is in the target too");
    await tp.platform.registry.deleteManifest("snowflake/images/snowflake_images/busybox", indexDigest);
  });

  it("measures the copy by blob mount against docker pull + tag + push of the same image", async function () {
    const big = `${tp.config.registry}/img_db/public/big/payload`;
    await importPayloadImage(tp, big, "1", 48 * 1024 * 1024);
    await tp.platform.docker.pushImage(big, "1");
    await tp.platform.docker.removeImageReference(`${big}:1`); // as on a machine that never had it
    const t0 = process.hrtime.bigint();
    const put = await putImage(tp.platform, target({ name: "payload-mounted" }), { source: "/img_db/public/big/payload:1" });
    const mountMs = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.equal(put.uploaded, 0);
    const viaDocker = `${tp.config.registry}/img_db/public/prod/payload-docker`;
    const t1 = process.hrtime.bigint();
    await tp.platform.docker.pullImage(`${big}:1`);
    await tp.platform.docker.tagImage(`${big}:1`, viaDocker, "1");
    await tp.platform.docker.pushImage(viaDocker, "1");
    const dockerMs = Number(process.hrtime.bigint() - t1) / 1e6;
    local.push(`${big}:1`, `${viaDocker}:1`);
    assert.equal((await tp.platform.registry.resolve("img_db/public/prod/payload-docker", "1"))?.digest, put.digest, "both ways give the same digest");
    console.log(`      48 MiB image: blob-mount copy ${mountMs.toFixed(0)} ms, docker pull+tag+push ${dockerMs.toFixed(0)} ms (${(dockerMs / mountMs).toFixed(1)}x)`);
    assert.ok(mountMs < dockerMs, "the copy inside the registry is faster than a round trip through the engine");
  });

  it("pushes a local engine image, and sees a rebuilt local image as a change", async function () {
    const ref = "spcs-it-image-local:1";
    await tp.platform.docker.tagImage(`${baseImageRepo(tp.config)}:latest`, "spcs-it-image-local", "1");
    local.push(ref);
    const inputs = await check({ database: "img_db", schema: "public", repository: "prod", tag: "local", localImage: ref });
    assert.equal(inputs.name, "spcs-it-image-local");
    const created = await imageProvider.create(inputs);
    const id = (await tp.platform.docker.inspectImage(ref))!.id;
    assert.equal(created.outs.sourceDigest, id);
    assert.equal((await tp.platform.registry.resolve("img_db/public/prod/spcs-it-image-local", "local"))?.digest, created.outs.digest);
    assert.equal(await tp.platform.docker.imageExists(`${tp.config.registry}/img_db/public/prod/spcs-it-image-local:local`), false, "the push reference is not left in the engine");
    assert.equal((await imageProvider.diff(created.id, created.outs, inputs)).changes, false);
    await tp.platform.docker.tagImage(`${tp.config.registry}/img_db/public/big/payload:1`, "spcs-it-image-local", "1"); // "rebuilt"
    assert.equal((await imageProvider.diff(created.id, created.outs, inputs)).changes, true);
    const updated = await imageProvider.update(created.id, created.outs, inputs);
    assert.notEqual(updated.outs.digest, created.outs.digest);
    await imageProvider.delete(created.id, updated.outs);
  });

  it("refresh shows a tag moved out of band, and update puts the image back", async function () {
    const inputs = await check({ ...target({ tag: "stable" }), source: BASE });
    const created = await imageProvider.create(inputs);
    await putImage(tp.platform, target({ tag: "stable" }), { source: "/img_db/public/big/payload:1" }); // someone pushes over it
    const read = await imageProvider.read(created.id, created.outs);
    assert.match(read.props!.drift[0], /^tag stable points at sha256:[0-9a-f]{64}, not sha256:[0-9a-f]{64}: moved out of band$/);
    assert.equal((await imageProvider.diff(created.id, read.props!, inputs)).changes, true);
    const repaired = await imageProvider.update(created.id, read.props!, inputs);
    assert.deepEqual(repaired.outs.drift, []);
    assert.equal((await tp.platform.registry.resolve("img_db/public/prod/app", "stable"))?.digest, created.outs.digest);
  });

  it("refresh shows a tag deleted out of band, and update puts it back", async function () {
    const inputs = await check({ ...target({ tag: "gone" }), source: "/img_db/public/big/payload:1" });
    const created = await imageProvider.create(inputs);
    await tp.platform.registry.deleteManifest("img_db/public/prod/app", created.outs.digest);
    const read = await imageProvider.read(created.id, created.outs);
    assert.deepEqual(read.props!.drift, ["tag gone was deleted from img_db/public/prod/app out of band"]);
    await imageProvider.update(created.id, read.props!, inputs);
    assert.equal((await tp.platform.registry.resolve("img_db/public/prod/app", "gone"))?.digest, created.outs.digest);
    assert.deepEqual((await imageProvider.read(created.id, created.outs)).props!.drift, []);
  });

  it("a moved source tag is a change; a digest source never moves", async function () {
    const byTag = await check({ ...target({ tag: "follow" }), source: "/img_db/public/dev/busybox:v1" });
    const created = await imageProvider.create(byTag);
    assert.equal((await imageProvider.diff(created.id, created.outs, byTag)).changes, false);
    await putImage(tp.platform, { database: "IMG_DB", schema: "PUBLIC", repository: "DEV", name: "busybox", tag: "v1" }, { source: "/img_db/public/big/payload:1" });
    assert.equal((await imageProvider.diff(created.id, created.outs, byTag)).changes, true);
    const byDigest = await check({ ...target({ tag: "pinned" }), source: created.outs.imageRef });
    const pinned = await imageProvider.create(byDigest);
    assert.equal((await imageProvider.diff(pinned.id, pinned.outs, byDigest)).changes, false);
  });

  it("delete removes only its tag while another tag names the image, then the manifest with the last tag", async function () {
    const a = await imageProvider.create(await check({ ...target({ name: "shared", tag: "a" }), source: BASE }));
    const b = await imageProvider.create(await check({ ...target({ name: "shared", tag: "b" }), source: BASE }));
    await imageProvider.delete(a.id, a.outs);
    assert.equal(await tp.platform.registry.resolve("img_db/public/prod/shared", "a"), undefined);
    assert.equal((await tp.platform.registry.resolve("img_db/public/prod/shared", "b"))?.digest, b.outs.digest, "the other tag stays");
    await imageProvider.delete(b.id, b.outs);
    assert.equal(await tp.platform.registry.resolve("img_db/public/prod/shared", b.outs.digest), undefined, "the manifest went with the last tag");
    assert.ok(!(await tp.platform.registry.listRepositories()).includes("img_db/public/prod/shared"));
    await imageProvider.delete(b.id, b.outs); // deleting twice converges
  });

  it("delete of a tag moved out of band removes the tag and leaves the manifest it now names", async function () {
    const created = await imageProvider.create(await check({ ...target({ name: "moved", tag: "t" }), source: BASE }));
    const theirs = await putImage(tp.platform, target({ name: "moved", tag: "t" }), { source: "/img_db/public/big/payload:1" });
    await imageProvider.delete(created.id, created.outs);
    assert.equal(await tp.platform.registry.resolve("img_db/public/prod/moved", "t"), undefined);
    assert.ok(await tp.platform.registry.resolve("img_db/public/prod/moved", theirs.digest), "their manifest stays");
  });

  it("on a registry this platform does not run, removes one tag through the API alone", async function () {
    await putImage(tp.platform, target({ name: "foreign", tag: "a" }), { source: BASE });
    await putImage(tp.platform, target({ name: "foreign", tag: "b" }), { source: BASE });
    const otherHome = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-it-image-foreign-"));
    const foreign = new Platform({ ...tp.config, home: otherHome }); // knows the registry, not its storage
    try {
      assert.equal(foreign.managedRegistryStorage(), undefined);
      assert.equal(await removeTag(foreign, target({ name: "foreign", tag: "a" })), "tag");
    } finally {
      foreign.close();
      fs.rmSync(otherHome, { recursive: true, force: true });
    }
    assert.equal(await tp.platform.registry.resolve("img_db/public/prod/foreign", "a"), undefined);
    assert.ok(await tp.platform.registry.resolve("img_db/public/prod/foreign", "b"));
    assert.deepEqual(await tp.platform.registry.listTags("img_db/public/prod/foreign"), ["b"]);
  });

  it("a service runs from a digest reference, and its containers run exactly that digest", async function () {
    seedPool(tp, "IMG_POOL", 1);
    const image = await imageProvider.create(await check({ ...target({ name: "web", tag: "v1" }), source: BASE }));
    const spec = `spec:
  containers:
  - name: web
    image: ${image.outs.imageRef}
    command: [sh, -c]
    args: ["mkdir -p /www && echo digest-ok > /www/index.html && exec httpd -f -p 8080 -h /www"]
    readinessProbe: { port: 8080, path: /index.html }
  endpoints:
  - { name: web, port: 8080, public: true }
`;
    const { inputs, failures } = await serviceProvider.check({}, { database: "img_db", schema: "public", name: "by_digest", computePool: "img_pool", spec, __resourceName: "svc" });
    assert.deepEqual(failures, []);
    const svc = await serviceProvider.create(inputs!);
    try {
      assert.equal(svc.outs.status, "RUNNING");
      assert.equal(svc.outs.containers[0].imageName, image.outs.imageRef);
      assert.equal(svc.outs.containers[0].imageDigest, image.outs.digest);
      assert.equal(await (await fetch(`${svc.outs.ingressUrl}/index.html`)).text(), "digest-ok\n");
      const c = await tp.platform.docker.inspectContainer(containerName(tp.config.home, { database: "IMG_DB", schema: "PUBLIC", name: "BY_DIGEST" }, 0, "web"));
      assert.equal(c!.image, image.outs.imageUrl);
    } finally {
      await serviceProvider.delete(svc.id, svc.outs);
      await tp.platform.docker.removeImageReference(image.outs.imageUrl); // the engine's pulled copy
    }
  });
});
