import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { homePaths, type PlatformConfig } from "../../provider/common/config";
import { homeFilter } from "../../provider/common/labels";
import { MIGRATIONS } from "../../provider/catalog/migrations";
import { Platform } from "../../provider/platform/platform";
import { platformDown } from "../../provider/provision/provision";
import { describePool } from "../../provider/objects/compute-pools/compute-pools";
import { PulumiProgram, spcsCli } from "../support/pulumi-program";
import { buildPreviousRelease, CURRENT_BUILD, linkedNodeModules, PREVIOUS_RELEASE, usePulumiSpcs, type PreviousRelease } from "../support/previous-release";

/** The catalog's schema version and tables, read without migrating it (opening a Platform would). */
function catalogSchema(home: string): { version: number; tables: string[] } {
  const Database: typeof BetterSqlite3 = require("better-sqlite3");
  const db = new Database(homePaths(home).catalog, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    return { version: db.pragma("user_version", { simple: true }) as number, tables };
  } finally {
    db.close();
  }
}

/**
 * Upgrading the package under a deployed stack. The previous release (a pinned commit, see
 * previous-release.ts) provisions the platform and deploys its own examples/quickstart; then the
 * program's `pulumi-spcs` is swapped for the current build, as `npm install pulumi-spcs@new` would, and
 * refresh, preview, update and destroy run with the new code on the old state and the old catalog.
 */
describe(`e2e: upgrading a stack deployed with the previous release (${PREVIOUS_RELEASE.slice(0, 7)})`, function () {
  let release: PreviousRelease;
  let config: PlatformConfig;
  let program: PulumiProgram;
  let modules: string;
  let platform: Platform | undefined;
  let oldProviders: Record<string, string>;
  const providers = () => Object.fromEntries(program.state().deployment.resources.filter((r: any) => r.inputs?.__provider).map((r: any) => [r.urn.split("::").pop(), r.inputs.__provider]));
  const hello = async () => (await fetch(program.outputs().frontendUrl)).text();

  before(async function () {
    release = buildPreviousRelease();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-e2e-upgrade-"));
    config = { home, registry: `127.0.0.1:${15000 + Math.floor(Math.random() * 5000)}`, account: "TEST_ACCOUNT" };
    // The platform as the previous release's `spcs platform up` leaves it: its catalog, its base image.
    const up = release.spcs(["--format", "json", "platform", "up"], config);
    assert.equal(up.code, 0, up.stdout + up.stderr);
    const pulumiBin = JSON.parse(up.stdout).parts.find((p: any) => p.name === "pulumi").path;
    modules = linkedNodeModules(path.join(home, "program-node_modules"), release.dir);
    program = PulumiProgram.create(path.join(release.dir, "examples/quickstart"), { config, pulumiBin }, "test", { nodeModules: modules });
  });

  after(async function () {
    program?.run(["destroy", "--yes"]);
    program?.dispose();
    platform?.close();
    if (config) {
      await platformDown(config);
      fs.rmSync(config.home, { recursive: true, force: true });
    }
    release?.dispose();
  });

  it("the previous release deploys examples/quickstart on its own catalog", async function () {
    program.must(["up", "--yes", "--skip-preview"]);
    assert.equal(program.outputs().frontendStatus, "RUNNING");
    assert.equal(await hello(), "frontend says: hello from the backend\n");
    const schema = catalogSchema(config.home);
    assert.equal(schema.version, 2, "the previous release's catalog has two migrations");
    assert.ok(!schema.tables.includes("job_services") && !schema.tables.includes("object_creators"), schema.tables.join());
    oldProviders = providers();
    assert.equal(Object.keys(oldProviders).length, 4, "every resource holds the serialised provider shim of the previous release");
  });

  it("after the upgrade, refresh runs the new code on the old state and migrates the catalog in place", async function () {
    usePulumiSpcs(modules, CURRENT_BUILD);
    program.must(["refresh", "--yes", "--skip-preview"]);
    const schema = catalogSchema(config.home);
    assert.equal(schema.version, MIGRATIONS.length, "the new code migrated the catalog");
    for (const t of ["job_services", "job_history", "custom_runtime_environments", "object_creators"]) assert.ok(schema.tables.includes(t), `${t} created`);
    // Only the new code reports `adopt`: the old state's provider shim loaded the installed package.
    assert.equal(program.resourceOutputs(":ComputePool").adopt, false);
    platform = new Platform(config);
    assert.deepEqual(platform.catalog.services.list().map((s) => s.name).sort(), ["BACKEND_SERVICE", "FRONTEND_SERVICE"], "the old rows survived the migration");
    assert.equal(describePool(platform, "TUTORIAL_COMPUTE_POOL")?.state, "ACTIVE");
    assert.equal(await hello(), "frontend says: hello from the backend\n", "refresh touched no container");
  });

  it("preview of the unchanged program shows the one change the upgrade brings: the public service gains its ingress; up makes it and the URL answers", async function () {
    // The previous release published a public endpoint from instance 0; this one serves it from a
    // load-balanced ingress per service, which the refresh found missing (drift). Nothing else changes.
    const preview = JSON.parse(program.must(["preview", "--json"]).stdout);
    const changed = preview.steps.filter((s: any) => s.op !== "same").map((s: any) => `${s.op} ${s.urn.split("::").pop()}`);
    assert.deepEqual(changed, ["update frontend"]);
    assert.deepEqual(program.state().deployment.resources.find((r: any) => r.urn.endsWith("::frontend")).outputs.drift, ["ingress: removed"]);
    program.must(["up", "--yes", "--skip-preview"]);
    assert.equal(await hello(), "frontend says: hello from the backend\n");
    const r = program.run(["preview", "--expect-no-changes", "--diff"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it("the new release's `spcs platform up` (what `npm run quickstart` runs after an upgrade) keeps the stack as it is", async function () {
    const up = spcsCli({ config }, ["platform", "up"]);
    assert.equal(up.code, 0, up.stdout + up.stderr);
    assert.equal(await hello(), "frontend says: hello from the backend\n");
    const r = program.run(["preview", "--refresh", "--expect-no-changes"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it("an update runs with the new code: a service's spec and a pool's size change on the platform", async function () {
    program.must(["config", "set", "greetingPrefix", "upgraded"]);
    program.must(["config", "set", "maxNodes", "3"]);
    const up = program.must(["up", "--yes", "--skip-preview"]);
    assert.match(up.stdout, /2 updated/);
    assert.equal(await hello(), "upgraded: hello from the backend\n");
    assert.equal(describePool(platform!, "TUTORIAL_COMPUTE_POOL")?.maxNodes, 3);
    assert.equal(program.run(["preview", "--expect-no-changes"]).code, 0);
    // The resources the update did not touch still hold the previous release's serialised provider.
    const now = providers();
    for (const name of ["tutorial-repository", "backend"]) assert.equal(now[name], oldProviders[name], name);
  });

  it("destroy, through the old state's providers, leaves the platform empty", async function () {
    program.must(["destroy", "--yes", "--skip-preview"]);
    const catalog = platform!.catalog;
    assert.deepEqual(catalog.pools.list(), []);
    assert.deepEqual(catalog.services.list(), []);
    assert.deepEqual(catalog.repositories.list().map((r) => r.name), ["SNOWFLAKE_IMAGES"]);
    assert.deepEqual((await platform!.registry.listRepositories()).filter((r) => r.startsWith("tutorial_db/")), []);
    const filter = homeFilter(config.home);
    assert.deepEqual(await platform!.docker.listContainers(filter), []);
    assert.deepEqual(await platform!.docker.listNetworks(filter), []);
    assert.deepEqual(await platform!.docker.listVolumes(filter), []);
  });
});
