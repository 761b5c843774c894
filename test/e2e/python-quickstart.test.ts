import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { homeFilter } from "../../provider/common/labels";
import { platformStatus } from "../../provider/provision/provision";
import { PulumiProgram, spcsCli, type PulumiResult } from "../support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

const REPO_ROOT = path.resolve(__dirname, "../../..");

/**
 * examples/quickstart-python through the real `pulumi` CLI, the Python language host and the
 * `pulumi-resource-spcs` plugin `spcs platform up` installs, with the generated SDK (`pip install
 * ./sdk/python`): one stack, several checks, to keep the file's runtime small.
 */
describe("e2e: examples/quickstart-python with the spcs provider plugin", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;
  let venv: string;
  const secretValue = `greeting-key-${process.pid}-${Date.now()}`;
  // The Python host built here ignores Pulumi.yaml's virtualenv option: the venv's bin goes first on PATH.
  // PULUMI_DEBUG_COMMANDS shows `--event-log`, where ephemeral status messages can be read back.
  const py = (args: string[]): PulumiResult => program.run(args, { PATH: `${venv}/bin${path.delimiter}${program.cliEnv.PATH}`, VIRTUAL_ENV: venv, PULUMI_DEBUG_COMMANDS: "true" });
  const pyMust = (args: string[]): PulumiResult => {
    const r = py(args);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r;
  };

  before(async function () {
    tp = await startTestPlatform("e2e-python");
    venv = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-python-venv-"));
    execFileSync("python3", ["-m", "venv", venv]);
    // From a copy: pip builds a local project in place, and the checkout's sdk/python must stay as generated.
    const sdk = path.join(venv, "sdk-python");
    fs.cpSync(path.join(REPO_ROOT, "sdk/python"), sdk, { recursive: true });
    execFileSync(path.join(venv, "bin/pip"), ["install", "--quiet", "pulumi==3.248.0", sdk], { stdio: ["ignore", "ignore", "pipe"] });
    program = PulumiProgram.create("quickstart-python", tp);
    program.must(["config", "set", "--secret", "greetingKey", secretValue]);
  });

  after(async function () {
    if (program) py(["destroy", "--yes"]);
    program?.dispose();
    if (venv) fs.rmSync(venv, { recursive: true, force: true });
    await tp?.dispose();
  });

  it("spcs platform status names the provider plugin and the Python language host beside the CLI", async function () {
    const parts = (await platformStatus(tp.config)).parts;
    for (const name of ["pulumi-resource-spcs", "pulumi-language-python"]) {
      const part = parts.find((p) => p.name === name);
      assert.ok(part?.ok, `${name}: ${JSON.stringify(part)}`);
      assert.equal(path.dirname(part.path!), tp.pulumiBin);
    }
  });

  it("pulumi up deploys the two-service app; the services report progress on their own rows", function () {
    const events = path.join(path.dirname(program.dir), "events.jsonl");
    pyMust(["up", "--yes", "--event-log", events]);
    const out = program.outputs();
    assert.equal(out.poolName, "TUTORIAL_COMPUTE_POOL");
    assert.equal(out.frontendStatus, "RUNNING");
    assert.match(out.backendDnsName, /^backend-service\.[a-z0-9]{4}\.svc\.spcs\.internal$/);
    const state = program.state().deployment.resources;
    assert.ok(state.some((r: any) => r.type === "spcs:index:Service" && r.urn.endsWith("::frontend")), "the frontend is a resource of the spcs plugin");
    const statuses = fs
      .readFileSync(events, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l).diagnosticEvent)
      .filter((d) => d?.ephemeral && d.urn?.endsWith("spcs:index:Service::frontend"));
    assert.ok(statuses.some((d) => /\d of 1 instances READY/.test(d.message)), `ephemeral status on the frontend's row: ${JSON.stringify(statuses.map((d) => d.message))}`);
  });

  it("the frontend answers through its ingress with what the backend says", async function () {
    const res = await fetch(program.outputs().frontendUrl);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "frontend says: hello from the backend\n");
  });

  it("preview --expect-no-changes finds nothing to do right after up", function () {
    const r = py(["preview", "--expect-no-changes"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it("the secret input never appears in plaintext in the stack's state", function () {
    const exported = program.must(["stack", "export"]).stdout;
    assert.ok(!exported.includes(secretValue), "stack export holds the secret in plaintext");
    const grep = spawnSync("grep", ["-rl", secretValue, path.join(path.dirname(program.dir), "state")], { encoding: "utf8" });
    assert.equal(grep.status, 1, `plaintext secret in ${grep.stdout}${grep.stderr}`); // 1: no match, 2: grep failed
    const frontend = program.state().deployment.resources.find((r: any) => r.urn.endsWith("::frontend"));
    assert.equal(frontend.inputs.secrets["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "the secrets input is a Pulumi secret");
  });

  it("pulumi import adopts a pool made with the spcs CLI, and the program that declares it previews with no changes", function () {
    const made = spcsCli(tp, ["create", "compute-pool", "imported_pool", "--family", "CPU_X64_XS", "--min-nodes", "1", "--max-nodes", "1"]);
    assert.equal(made.code, 0, made.stderr);
    const r = pyMust(["import", "spcs:index:ComputePool", "imported", "IMPORTED_POOL", "--yes", "--protect=false", "--generate-code=false"]);
    assert.match(r.stdout, /1 imported/);
    const imported = program.state().deployment.resources.find((x: any) => x.urn.endsWith("::imported"))?.outputs;
    assert.equal(imported.instanceFamily, "CPU_X64_XS");
    fs.appendFileSync(path.join(program.dir, "__main__.py"), '\nspcs.ComputePool("imported", name="IMPORTED_POOL", instance_family="CPU_X64_XS", min_nodes=1, max_nodes=1)\n');
    const preview = py(["preview", "--expect-no-changes", "--diff"]);
    assert.equal(preview.code, 0, preview.stdout + preview.stderr);
  });

  it("destroy leaves no catalog row, repository, container, network or volume behind", async function () {
    pyMust(["destroy", "--yes"]);
    assert.deepEqual(tp.platform.catalog.pools.list(), []);
    assert.deepEqual(tp.platform.catalog.services.list(), []);
    assert.deepEqual((await tp.platform.registry.listRepositories()).filter((r) => r.startsWith("tutorial_db/")), []);
    const filter = homeFilter(tp.config.home);
    assert.deepEqual(await tp.platform.docker.listContainers(filter), []);
    assert.deepEqual(await tp.platform.docker.listNetworks(filter), []);
    assert.deepEqual(await tp.platform.docker.listVolumes(filter), []);
  });
});
