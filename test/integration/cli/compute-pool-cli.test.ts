import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runSpcs } from "../../support/spcs-cli";
import { SHOW_COMPUTE_POOLS_COLUMNS, SHOW_COMPUTE_POOLS_NARROW } from "../../../provider/cli/compute-pool-commands";
import { sqlColumnName } from "../../../provider/cli/table";

const REPO_ROOT = path.resolve(__dirname, "../../../..");

const spcs = runSpcs;

describe("integration: spcs compute-pool verbs against a real catalog", function () {
  let home: string;
  let env: NodeJS.ProcessEnv;
  const ok = async (...argv: string[]) => {
    const r = await spcs(env, ...argv);
    assert.equal(r.code, 0, `spcs ${argv.join(" ")} failed: ${r.stderr}`);
    assert.equal(r.stderr, "");
    return r;
  };
  const json = async (...argv: string[]) => JSON.parse((await ok("--format", "json", ...argv)).stdout);

  beforeEach(function () {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-cli-pool-"));
    env = { SPCS_HOME: home };
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it("create then show: one table row under the 21 SHOW COMPUTE POOLS columns, name upper-cased", async function () {
    const created = await ok("create", "compute-pool", "tutorial_pool", "--family", "cpu_x64_xs", "--comment", "for the tutorial");
    assert.match(created.stdout, /\| Compute pool TUTORIAL_POOL successfully created\. \|/);
    const lines = (await ok("show", "compute-pools")).stdout.trimEnd().split("\n");
    assert.equal(lines.length, 5, "edge, header, rule, one row, edge");
    const header = lines[1].split("|").slice(1, -1).map((h) => h.trim());
    assert.deepEqual(header, SHOW_COMPUTE_POOLS_NARROW.map(sqlColumnName), "people see the narrow table");
    const cells = Object.fromEntries(header.map((h, i) => [h, lines[3].split("|").slice(1, -1)[i].trim()]));
    assert.equal(cells.name, "TUTORIAL_POOL");
    assert.equal(cells.state, "IDLE");
    assert.equal(cells.instance_family, "CPU_X64_XS");
    assert.equal(cells.min_nodes, "1");
    const wide = (await ok("--wide", "show", "compute-pools")).stdout.trimEnd().split("\n");
    const wideHeader = wide[1].split("|").slice(1, -1).map((h) => h.trim());
    assert.deepEqual(wideHeader, SHOW_COMPUTE_POOLS_COLUMNS.map(sqlColumnName), "--wide: all 21 columns, in SPCS's order");
    const all = Object.fromEntries(wideHeader.map((h, i) => [h, wide[3].split("|").slice(1, -1)[i].trim()]));
    assert.equal(all.auto_resume, "true");
    assert.equal(all.application, "", "null prints empty");
    assert.equal(all.comment, "for the tutorial");
    assert.match(all.created_on, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} [+-]\d{4}$/, "Snowflake's timestamp form");
  });

  it("create takes snow's options and defaults: max-nodes = min-nodes, auto-resume on, 3600 s", async function () {
    await ok("create", "compute-pool", "a", "--family", "CPU_X64_S", "--min-nodes", "2");
    await ok("create", "compute-pool", "b", "--family", "CPU_X64_S", "--max-nodes", "4", "--no-auto-resume", "--initially-suspended", "--auto-suspend-secs", "0");
    const a = await json("describe", "compute-pool", "A");
    assert.deepEqual([a.min_nodes, a.max_nodes, a.auto_resume, a.auto_suspend_secs, a.state, a.comment], [2, 2, true, 3600, "IDLE", null]);
    const b = await json("describe", "compute-pool", "b");
    assert.deepEqual([b.min_nodes, b.max_nodes, b.auto_resume, b.auto_suspend_secs, b.state, b.initially_suspended], [1, 4, false, 0, "SUSPENDED", true]);
  });

  it("--format json: show prints an array and describe an object, keyed by SQL column name as snow's JSON is", async function () {
    await ok("create", "compute-pool", "p1", "--family", "CPU_X64_XS");
    const shown = await json("show", "compute-pools");
    assert.ok(Array.isArray(shown));
    assert.equal(shown.length, 1);
    const described = await json("describe", "compute-pool", "p1");
    assert.deepEqual(shown[0], described);
    assert.deepEqual(Object.keys(described), [
      "name", "state", "min_nodes", "max_nodes", "instance_family", "num_services", "num_jobs", "auto_suspend_secs", "auto_resume", "active_nodes",
      "idle_nodes", "target_nodes", "created_on", "resumed_on", "updated_on", "owner", "comment", "is_exclusive", "application", "error_code",
      "status_message", "placement_group", "backup_instance_families", "suspended", "initially_suspended",
    ]);
    assert.equal(described.auto_resume, true, "booleans stay booleans in JSON");
    assert.deepEqual(await json("show", "compute-pools", "--like", "nothing%"), []);
  });

  it("describe prints one property / value line per DESCRIBE column", async function () {
    await ok("create", "compute-pool", "p1", "--family", "CPU_X64_XS");
    const out = (await ok("describe", "compute-pool", "P1")).stdout;
    assert.match(out, /\| property +\| value +\|/);
    assert.match(out, /\| name +\| P1 +\|/);
    assert.match(out, /\| status_message +\| Compute pool is ready\. +\|/);
    assert.match(out, /\| comment +\| +\|/);
  });

  it("show --like filters with SQL LIKE, case-insensitively", async function () {
    for (const n of ["web_pool", "web_pool_2", "batch_pool"]) await ok("create", "compute-pool", n, "--family", "CPU_X64_XS");
    assert.deepEqual((await json("show", "compute-pools", "--like", "web%")).map((p: { name: string }) => p.name), ["WEB_POOL", "WEB_POOL_2"]);
    assert.deepEqual((await json("show", "compute-pools", "--like", "%_POOL")).map((p: { name: string }) => p.name), ["BATCH_POOL", "WEB_POOL"]);
  });

  it("alter suspend, resume and set change what describe shows", async function () {
    await ok("create", "compute-pool", "p1", "--family", "CPU_X64_XS");
    assert.match((await ok("alter", "compute-pool", "p1", "suspend")).stdout, /Statement executed successfully\./);
    assert.equal((await json("describe", "compute-pool", "p1")).state, "SUSPENDED");
    await ok("alter", "compute-pool", "p1", "set", "--family", "cpu_x64_m", "--min-nodes", "2", "--max-nodes", "3", "--auto-resume", "false", "--auto-suspend-secs", "60", "--comment", "resized");
    await ok("alter", "compute-pool", "P1", "RESUME");
    const d = await json("describe", "compute-pool", "p1");
    assert.deepEqual([d.state, d.instance_family, d.min_nodes, d.max_nodes, d.auto_resume, d.auto_suspend_secs, d.comment, d.target_nodes], ["IDLE", "CPU_X64_M", 2, 3, false, 60, "resized", 2]);
    // STOP ALL on a pool without workloads succeeds and leaves the pool as it was (its effect on workloads: test/integration/scaling).
    assert.match((await ok("alter", "compute-pool", "p1", "stop-all")).stdout, /Statement executed successfully\./);
    assert.deepEqual([(await json("describe", "compute-pool", "p1")).state, (await json("describe", "compute-pool", "p1")).num_services], ["IDLE", 0]);
  });

  it("create --if-not-exists and drop --if-exists succeed when there is nothing to do, with SQL's wording", async function () {
    await ok("create", "compute-pool", "p1", "--family", "CPU_X64_XS");
    const again = await ok("create", "compute-pool", "p1", "--family", "CPU_X64_M", "--if-not-exists");
    assert.match(again.stdout, /P1 already exists, statement succeeded\./);
    assert.equal((await json("describe", "compute-pool", "p1")).instance_family, "CPU_X64_XS", "the existing pool is left alone");
    assert.match((await ok("drop", "compute-pool", "p1")).stdout, /\| P1 successfully dropped\. \|/);
    assert.match((await ok("drop", "compute-pool", "p1", "--if-exists")).stdout, /Drop statement executed successfully \(P1 already dropped\)\./);
    assert.deepEqual(await json("show", "compute-pools"), []);
  });

  it("SPCS errors exit 1 with SPCS's message and the fix on stderr, never a stack trace", async function () {
    const cases: [string[], RegExp][] = [
      [["describe", "compute-pool", "nope"], /^error: Compute pool 'NOPE' does not exist or not authorized\.\n$/],
      [["drop", "compute-pool", "nope"], /^error: Compute pool 'NOPE' does not exist or not authorized\.\n$/],
      [["alter", "compute-pool", "nope", "suspend"], /^error: Compute pool 'NOPE' does not exist or not authorized\.\n$/],
      [["create", "compute-pool", "p", "--family", "CPU_X64_XQ"], /^error: Invalid instance family CPU_X64_XQ\..*\n  fix: did you mean CPU_X64_XS\?/],
      [["create", "compute-pool", "1p", "--family", "CPU_X64_XS"], /^error: Invalid compute pool name: '1p' is not an unquoted identifier.*\n  fix: /],
      [["create", "compute-pool", "p", "--family", "CPU_X64_XS", "--min-nodes", "3", "--max-nodes", "2"], /^error: invalid property combination 'MIN_NODES'='3' and 'MAX_NODES'='2'\n  fix: /],
      [["create", "compute-pool", "p", "--family", "CPU_X64_XS", "--min-nodes", "0"], /^error: invalid value '0' for property 'MIN_NODES'/],
    ];
    for (const [argv, message] of cases) {
      const r = await spcs(env, ...argv);
      assert.equal(r.code, 1, `spcs ${argv.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
      assert.equal(r.stdout, "");
    }
    await ok("create", "compute-pool", "p", "--family", "CPU_X64_XS");
    const dup = await spcs(env, "create", "compute-pool", "P", "--family", "CPU_X64_XS");
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /^error: Object 'P' already exists\.\n  fix: .*spcs drop compute-pool P/);
    const family = await spcs(env, "alter", "compute-pool", "p", "set", "--family", "CPU_X64_M");
    assert.equal(family.code, 1);
    assert.match(family.stderr, /Cannot set INSTANCE_FAMILY for compute pool that is not suspended/);
  });

  it("show compute-pool-instance-families counts the nodes the pools keep up", async function () {
    await ok("create", "compute-pool", "a", "--family", "CPU_X64_XS", "--min-nodes", "2");
    await ok("create", "compute-pool", "b", "--family", "CPU_X64_XS", "--initially-suspended");
    const rows = await json("show", "compute-pool-instance-families");
    assert.deepEqual(rows[0], {
      name: "CPU_X64_XS", description: "Smallest instance available for Snowpark Containers.", vcpu: 1, memory_gib: 6, storage_gib: 100,
      gpu: "", gpu_count: 0, gpu_memory_gib: 0, current_node_usage: 2, message: "",
    });
    const table = (await ok("show", "compute-pool-instance-families")).stdout.split("\n")[1];
    assert.match(table, /^\| name +\| description +\| vcpu \| memory_gib \| storage_gib \| gpu +\| gpu_count \| gpu_memory_gib \| current_node_usage \| message +\|$/);
  });

  it("--home overrides SPCS_HOME", async function () {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-cli-other-"));
    try {
      await ok("--home", other, "create", "compute-pool", "elsewhere", "--family", "CPU_X64_XS");
      assert.deepEqual(await json("show", "compute-pools"), []);
      assert.equal((await json("show", "compute-pools", "--home", other))[0].name, "ELSEWHERE");
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it("the installed entry point runs as a program: exit code and stderr as in-process", function () {
    const main = path.join(REPO_ROOT, "dist/provider/cli/main.js");
    assert.match(fs.readFileSync(main, "utf8"), /^#!\/usr\/bin\/env node\n/);
    const bin = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).bin.spcs;
    assert.equal(path.resolve(REPO_ROOT, bin), main);
    const run = (...args: string[]) => spawnSync(process.execPath, [main, "--home", home, ...args], { encoding: "utf8" });
    const created = run("create", "compute-pool", "p1", "--family", "CPU_X64_XS", "--format", "json");
    assert.equal(created.status, 0, created.stderr);
    assert.deepEqual(JSON.parse(created.stdout), { status: "Compute pool P1 successfully created." });
    const missing = run("describe", "compute-pool", "nope");
    assert.equal(missing.status, 1);
    assert.equal(missing.stderr, "error: Compute pool 'NOPE' does not exist or not authorized.\n");
    assert.equal(run("show", "nothing").status, 2);
  });
});
