import assert from "node:assert/strict";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { alterService, awaitServiceReady, createService, describeService, dropService } from "../../../provider/statements/services";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const REPO = "app_db/public/images/busybox";

const spec = (image: string): RuntimeSpec => ({
  containers: [{
    name: "main", image, command: ["sh", "-c"], args: ["mkdir -p /www && echo up > /www/up.txt && exec httpd -f -p 8080 -h /www"],
    env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session",
    readinessProbe: { port: 8080, path: "/up.txt", periodSeconds: 1, failureThreshold: 3 },
  }],
  endpoints: [{ name: "web", port: 8080, public: true, protocol: "HTTP" }],
  volumes: [],
});

/**
 * The seeded busybox image (imported with `docker import`, so linux/amd64 here) re-labelled as another
 * platform: the same layers under a config that says `arm64`, pushed as `<tag>`. This is what a laptop
 * build without `--platform linux/amd64` pushes; nothing comes from a hub.
 */
async function pushRelabelled(tp: TestPlatform, architecture: string, tag: string): Promise<string> {
  const registry = tp.platform.registry;
  const manifest = (await registry.getManifest(REPO, "1"))!;
  const config = await registry.getJsonBlob(REPO, manifest.body.config.digest);
  assert.equal(`${config.os}/${config.architecture}`, "linux/amd64", "the seeded image is amd64");
  const bytes = Buffer.from(JSON.stringify({ ...config, architecture }));
  const digest = await registry.putBlob(REPO, bytes);
  const body = { ...manifest.body, config: { ...manifest.body.config, digest, size: bytes.length } };
  return registry.putManifest(REPO, tag, { mediaType: manifest.mediaType, bytes: Buffer.from(JSON.stringify(body)) });
}

/** An OCI index listing `entries` (digest, architecture), pushed as `<tag>`: a multi-platform image. */
async function pushIndex(tp: TestPlatform, entries: [string, string][], tag: string): Promise<void> {
  const registry = tp.platform.registry;
  const manifests = [];
  for (const [digest, architecture] of entries) {
    const raw = (await registry.getRawManifest(REPO, digest))!;
    manifests.push({ mediaType: raw.mediaType, digest, size: raw.bytes.length, platform: { os: "linux", architecture } });
  }
  const mediaType = "application/vnd.oci.image.index.v1+json";
  await registry.putManifest(REPO, tag, { mediaType, bytes: Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, manifests })) });
}

/** SPCS runs linux/amd64 images only (§7 of the reference), named by path or by the Snowflake registry host. */
describe("integration: image platform and the Snowflake registry host", function () {
  let tp: TestPlatform;
  const key = (name: string) => ({ database: "APP_DB", schema: "PUBLIC", name });
  const common = { computePool: "IMG_POOL", minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null };

  before(async function () {
    tp = await startTestPlatform("it-image-platform");
    seedPool(tp, "IMG_POOL", 2);
    await seedAppImage(tp);
  });
  after(async function () {
    for (const n of ["FULL_HOST", "ARM", "MULTI", "ARM_ONLY_INDEX"]) await dropService(tp.platform, key(n), { ifExists: true });
    await tp?.dispose();
  });

  it("runs a spec that names the image with the account's Snowflake registry host, from the local registry", async function () {
    const image = `myorg-myacct.registry.snowflakecomputing.com${APP_IMAGE}`;
    await createService(tp.platform, { ...common, key: key("FULL_HOST"), spec: spec(image), specDigest: "a" });
    const d = await awaitServiceReady(tp.platform, key("FULL_HOST"), 60);
    assert.equal((await (await fetch(`http://${d.endpoints[0].ingressUrl}/up.txt`)).text()).trim(), "up");
    const pinned = tp.platform.catalog.services.get(key("FULL_HOST"))!.images.main;
    assert.equal(pinned.pullRef.startsWith(`${tp.config.registry}/${REPO}@sha256:`), true, pinned.pullRef);
  });

  it("refuses an arm64 image at create, in the words of SPCS's rule, and leaves nothing behind", async function () {
    await pushRelabelled(tp, "arm64", "arm");
    await assert.rejects(
      createService(tp.platform, { ...common, key: key("ARM"), spec: spec("/app_db/public/images/busybox:arm"), specDigest: "b" }),
      (e: Error) => {
        assert.equal(e.message.split("\n")[0], "Image '/app_db/public/images/busybox:arm' is built for linux/arm64: Snowpark Container Services requires linux/amd64 platform images.");
        assert.match(e.message, /fix: rebuild it for linux\/amd64 \(docker build --platform linux\/amd64/);
        return true;
      },
    );
    assert.equal(tp.platform.catalog.services.get(key("ARM")), undefined);
  });

  it("refuses an upgrade to an arm64 image and keeps the running one", async function () {
    const before = tp.platform.catalog.services.get(key("FULL_HOST"))!;
    await assert.rejects(
      alterService(tp.platform, key("FULL_HOST"), { spec: { spec: spec("/app_db/public/images/busybox:arm"), specDigest: "c" }, readyTimeoutSeconds: 60 }),
      /is built for linux\/arm64: Snowpark Container Services requires linux\/amd64 platform images\./,
    );
    const after = tp.platform.catalog.services.get(key("FULL_HOST"))!;
    assert.deepEqual([after.specDigest, after.images.main.digest], [before.specDigest, before.images.main.digest]);
    assert.equal((await describeService(tp.platform, key("FULL_HOST")))!.status, "RUNNING");
  });

  it("accepts a multi-platform index that has linux/amd64, and refuses one without it", async function () {
    const amd = (await tp.platform.registry.resolve(REPO, "1"))!.digest;
    const arm = (await tp.platform.registry.resolve(REPO, "arm"))!.digest;
    await pushIndex(tp, [[amd, "amd64"], [arm, "arm64"]], "multi");
    await pushIndex(tp, [[arm, "arm64"]], "arm-only");
    await createService(tp.platform, { ...common, key: key("MULTI"), spec: spec("/app_db/public/images/busybox:multi"), specDigest: "d" });
    await awaitServiceReady(tp.platform, key("MULTI"), 60);
    await assert.rejects(
      createService(tp.platform, { ...common, key: key("ARM_ONLY_INDEX"), spec: spec("/app_db/public/images/busybox:arm-only"), specDigest: "e" }),
      /Image '\/app_db\/public\/images\/busybox:arm-only' is built for linux\/arm64: /,
    );
  });
});
