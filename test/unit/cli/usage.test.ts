import assert from "node:assert/strict";
import { itExitsWithUsageError, runWithoutPlatform } from "./usage-harness";

const run = runWithoutPlatform;

describe("cli usage errors and help", function () {
  const usageErrors: [string[], RegExp][] = [
    [[], /Usage: spcs/],
    [["show"], /Usage: spcs show/],
    [["frobnicate"], /unknown command 'frobnicate'/],
    [["show", "pools"], /unknown command 'pools'/],
    [["show", "compute-pools", "--bogus"], /unknown option '--bogus'/],
    [["describe", "compute-pool"], /missing required argument 'name'/],
    [["create", "compute-pool", "p"], /required option '--family <family>' not specified/],
    [["create", "compute-pool", "p", "--family", "CPU_X64_XS", "--min-nodes", "two"], /'--min-nodes <n>' argument 'two' is invalid. Expected a whole number/],
    [["alter", "compute-pool", "p", "explode"], /'explode' is invalid for argument 'action'. Use suspend, resume, stop-all, set/],
    [["alter", "compute-pool", "p", "set"], /set needs at least one of --min-nodes/],
    [["alter", "compute-pool", "p", "suspend", "--max-nodes", "2"], /property options apply to 'set', not 'suspend'/],
    [["alter", "compute-pool", "p", "set", "--auto-resume", "maybe"], /Expected true or false/],
    [["show", "images"], /which repository\?/],
    [["show", "images", "in", "image-repository", "db.repo"], /expected an image repository as DB.SCHEMA.REPO, got 'db.repo'/],
    [["show", "image-repositories", "--in-database", "d", "--in-schema", "d.s"], /--in-database or --in-schema, not both/],
    [["show", "image-repositories", "--in-schema", "s"], /expected a schema as DB.SCHEMA, got 's'/],
    [["--format", "yaml", "show", "compute-pools"], /'yaml' is invalid. Allowed choices are table, json/],
  ];
  itExitsWithUsageError(usageErrors);

  it("prints help on stdout and exits 0 for --help, at every level", async function () {
    const top = await run("--help");
    assert.equal(top.code, 0);
    for (const verb of ["show", "describe", "create", "alter", "drop", "platform", "spec"]) assert.match(top.stdout, new RegExp(`\\n  ${verb}\\b`));
    const create = await run("create", "compute-pool", "--help");
    assert.equal(create.code, 0);
    for (const opt of ["--family", "--min-nodes", "--max-nodes", "--auto-resume", "--no-auto-resume", "--initially-suspended", "--auto-suspend-secs", "--comment", "--if-not-exists"]) {
      assert.ok(create.stdout.includes(opt), opt);
    }
  });

  it("passes `spec` and everything after it to the specification CLI, its own --help and --format included", async function () {
    const help = await run("spec", "--help");
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^Usage: spcs spec <command>/);
    const bad = await run("spec", "frobnicate");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown command 'frobnicate'/);
    const schema = await run("spec", "schema");
    assert.equal(schema.code, 0);
    assert.equal(JSON.parse(schema.stdout).$schema, "http://json-schema.org/draft-07/schema#");
  });
});
