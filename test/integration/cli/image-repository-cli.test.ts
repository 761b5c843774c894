import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { runSpcs } from "../../support/spcs-cli";
import { SHOW_IMAGE_REPOSITORIES_COLUMNS, SHOW_IMAGES_COLUMNS } from "../../../provider/cli/image-repository-commands";
import { sqlColumnName } from "../../../provider/cli/table";
import { snowflakeTimestamp } from "../../../provider/cli/sql-row";
import { Platform } from "../../../provider/platform/platform";
import { createRepository } from "../../../provider/objects/image-repositories/image-repositories";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

/** A registry of this test's own (startTestPlatform), so the user's registry is never touched; SHOW IMAGES reads it live. */
let REGISTRY = "";
/** A fixed path of our own in that shared registry, emptied before and after. */
const REPO_PATH = "spcs_cli_it/public/cli_repo";

const spcs = runSpcs;

const sha256 = (b: Buffer) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

async function uploadBlob(repo: string, body: Buffer): Promise<string> {
  const digest = sha256(body);
  const start = await fetch(`http://${REGISTRY}/v2/${repo}/blobs/uploads/`, { method: "POST" });
  assert.equal(start.status, 202, `start upload to ${repo}: HTTP ${start.status}`);
  const location = new URL(start.headers.get("location")!, `http://${REGISTRY}`);
  location.searchParams.set("digest", digest);
  const put = await fetch(location, { method: "PUT", body, headers: { "content-type": "application/octet-stream" } });
  assert.equal(put.status, 201, `upload blob to ${repo}: HTTP ${put.status} ${await put.text()}`);
  return digest;
}

/**
 * Pushes a one-layer image straight through the distribution API (no Docker needed). The config's
 * `created` is fixed, so a re-run pushes the same digest even if a previous cleanup could not delete it.
 */
async function pushImage(image: string, tags: string[], created: string): Promise<string> {
  const repo = `${REPO_PATH}/${image}`;
  const layer = gzipSync(Buffer.alloc(1024)); // an empty tar archive
  const config = Buffer.from(JSON.stringify({ created, architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [sha256(Buffer.alloc(1024))] }, config: {} }));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.docker.distribution.manifest.v2+json",
      config: { mediaType: "application/vnd.docker.container.image.v1+json", size: config.length, digest: await uploadBlob(repo, config) },
      layers: [{ mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip", size: layer.length, digest: await uploadBlob(repo, layer) }],
    }),
  );
  for (const tag of tags) {
    const res = await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${tag}`, { method: "PUT", body: manifest, headers: { "content-type": "application/vnd.docker.distribution.manifest.v2+json" } });
    assert.equal(res.status, 201, `push ${repo}:${tag}: HTTP ${res.status} ${await res.text()}`);
  }
  return sha256(manifest);
}

/** Deletes every manifest under our path; best effort, as the shared registry may refuse deletes. */
async function emptyOurPath(): Promise<void> {
  const platform = new Platform({ home: os.tmpdir(), registry: REGISTRY, account: "TEST" });
  try {
    const repos = (await platform.registry.listRepositories()).filter((r) => r.startsWith(REPO_PATH + "/"));
    for (const repo of repos) {
      for (const tag of await platform.registry.listTags(repo)) {
        const ref = await platform.registry.resolve(repo, tag);
        if (ref) await platform.registry.deleteManifest(repo, ref.digest).catch(() => undefined);
      }
    }
  } finally {
    platform.close();
  }
}

describe("integration: spcs image-repository verbs against a real catalog and a real registry", function () {
  let tp: TestPlatform;
  let home: string;
  let env: NodeJS.ProcessEnv;
  let registryAnswers = false;
  const ok = async (...argv: string[]) => {
    const r = await spcs(env, ...argv);
    assert.equal(r.code, 0, `spcs ${argv.join(" ")} failed: ${r.stderr}`);
    return r;
  };
  const json = async (...argv: string[]) => JSON.parse((await ok("--format", "json", ...argv)).stdout);

  before(async function () {
    tp = await startTestPlatform("it-cli-repo");
    REGISTRY = tp.config.registry;
    const res = await fetch(`http://${REGISTRY}/v2/`, { signal: AbortSignal.timeout(5000) }).catch((e: Error) => e);
    if (res instanceof Error || !res.ok) {
      assert.fail(`the registry at ${REGISTRY} does not answer (${res instanceof Error ? res.message : `HTTP ${res.status}`}); start it with \`spcs platform up\``);
    }
    registryAnswers = true;
    home = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-cli-repo-"));
    env = { SPCS_HOME: home, SPCS_REGISTRY: REGISTRY };
    // There is no `spcs create image-repository` yet: the catalog rows come from the module the provider uses.
    const platform = new Platform({ home, registry: REGISTRY, account: "TEST" });
    try {
      createRepository(platform, { database: "SPCS_CLI_IT", schema: "PUBLIC", name: "CLI_REPO" }, { comment: "images for the CLI test" });
      createRepository(platform, { database: "SPCS_CLI_IT", schema: "OTHER", name: "SECOND_REPO" });
      createRepository(platform, { database: "ELSEWHERE", schema: "PUBLIC", name: "THIRD_REPO" }, { encryption: "SNOWFLAKE_SSE" });
    } finally {
      platform.close();
    }
    await emptyOurPath();
  });
  after(async function () {
    if (home) fs.rmSync(home, { recursive: true, force: true });
    if (registryAnswers) await emptyOurPath(); // else `before` has already failed, saying why
    await tp?.dispose();
  });

  it("show image-repositories prints SHOW IMAGE REPOSITORIES' ten columns (--wide), with a lower-case repository_url", async function () {
    const lines = (await ok("show", "image-repositories", "--wide")).stdout.trimEnd().split("\n");
    assert.deepEqual(lines[1].split("|").slice(1, -1).map((h) => h.trim()), SHOW_IMAGE_REPOSITORIES_COLUMNS.map(sqlColumnName));
    assert.equal(lines.length, 7, "three rows");
    const narrow = (await ok("show", "image-repositories")).stdout.trimEnd().split("\n");
    assert.deepEqual(narrow[1].split("|").slice(1, -1).map((h) => h.trim()), ["name", "database_name", "schema_name", "repository_url", "created_on"]);
    const rows = await json("show", "image-repositories");
    const cli = rows.find((r: { name: string }) => r.name === "CLI_REPO");
    assert.equal(cli.repository_url, `${REGISTRY}/${REPO_PATH}`);
    assert.equal(cli.comment, "images for the CLI test");
    assert.equal(cli.privatelink_repository_url, null);
  });

  it("show image-repositories filters by --like, --in-database and --in-schema, case-insensitively", async function () {
    const names = async (...args: string[]) => (await json("show", "image-repositories", ...args)).map((r: { name: string }) => r.name).sort();
    assert.deepEqual(await names("--like", "%repo"), ["CLI_REPO", "SECOND_REPO", "THIRD_REPO"]);
    assert.deepEqual(await names("--like", "cli%"), ["CLI_REPO"]);
    assert.deepEqual(await names("--in-database", "spcs_cli_it"), ["CLI_REPO", "SECOND_REPO"]);
    assert.deepEqual(await names("--in-schema", "spcs_cli_it.other"), ["SECOND_REPO"]);
    assert.deepEqual(await names("--in-schema", "nowhere.public"), []);
  });

  it("describe image-repository prints its properties; a missing one is an SPCS error", async function () {
    const d = await json("describe", "image-repository", "elsewhere.public.third_repo");
    assert.equal(d.encryption, "SNOWFLAKE_SSE");
    assert.equal(d.registry_host, REGISTRY);
    assert.match((await ok("describe", "image-repository", "SPCS_CLI_IT.PUBLIC.CLI_REPO")).stdout, new RegExp(`\\| repository_url +\\| ${REGISTRY.replace(/\./g, "\\.")}\\/spcs_cli_it\\/public\\/cli_repo +\\|`));
    const missing = await spcs(env, "describe", "image-repository", "a.b.c");
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, "error: Image repository 'A.B.C' does not exist or not authorized.\n");
  });

  it("show images in image-repository lists what the registry holds: one row per digest, tags joined", async function () {
    const empty = (await ok("show", "images", "in", "image-repository", "spcs_cli_it.public.cli_repo")).stdout.trimEnd().split("\n");
    assert.deepEqual(empty[1].split("|").slice(1, -1).map((h) => h.trim()), SHOW_IMAGES_COLUMNS.map(sqlColumnName));
    assert.equal(empty.length, 4, "header only: the repository is empty");

    const hello = await pushImage("hello", ["v1", "latest"], "2024-04-18T20:51:35Z");
    const world = await pushImage("world", ["1.0"], "2025-01-02T03:04:05Z");
    const rows = await json("show", "images", "in", "image-repository", "spcs_cli_it.public.cli_repo");
    assert.deepEqual(rows, [
      { created_on: snowflakeTimestamp("2024-04-18T20:51:35.000Z"), image_name: "hello", tags: "latest,v1", digest: hello, image_path: `${REPO_PATH}/hello:latest` },
      { created_on: snowflakeTimestamp("2025-01-02T03:04:05.000Z"), image_name: "world", tags: "1.0", digest: world, image_path: `${REPO_PATH}/world:1.0` },
    ]);
    assert.deepEqual(await json("show", "images", "--in", "SPCS_CLI_IT.PUBLIC.CLI_REPO"), rows, "--in is the same statement");
    assert.deepEqual((await json("show", "images", "--like", "wor%", "--in", "spcs_cli_it.public.cli_repo")).map((r: { image_name: string }) => r.image_name), ["world"]);
    const table = (await ok("show", "images", "in", "image-repository", "spcs_cli_it.public.cli_repo")).stdout;
    assert.match(table, new RegExp(`\\| hello +\\| latest,v1 \\| ${hello} \\| ${REPO_PATH}/hello:latest \\|`));
    assert.deepEqual(await json("show", "images", "--in", "spcs_cli_it.other.second_repo"), [], "images of another repository are not shown");
  });

  it("show images fails with the registry's address and a fix when the registry does not answer", async function () {
    const r = await spcs(env, "--registry", "127.0.0.1:1", "show", "images", "in", "image-repository", "spcs_cli_it.public.cli_repo");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: the image registry at 127\.0\.0\.1:1 does not answer .*\n  fix: run `spcs platform up`/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});
