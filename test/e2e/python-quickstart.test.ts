import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { homeFilter } from "../../provider/common/labels";
import { platformStatus } from "../../provider/provision/provision";
import { spcsStatementExecutor } from "../../provider/sql/statements";
import { describeService } from "../../provider/statements/services";
import { PulumiProgram, spcsCli, type PulumiResult } from "../support/pulumi-program";
import { PythonVenv } from "../support/python-venv";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

/**
 * examples/quickstart-python through the real `pulumi` CLI, the Python language host and the
 * `pulumi-resource-spcs` plugin `spcs platform up` installs, with the generated SDK (`pip install
 * ./sdk/python`): one stack, several checks, to keep the file's runtime small.
 */
describe("e2e: examples/quickstart-python with the spcs provider plugin", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;
  let venv: PythonVenv;
  const secretValue = `greeting-key-${process.pid}-${Date.now()}`;
  const py = (args: string[]): PulumiResult => venv.run(program, args);
  const pyMust = (args: string[]): PulumiResult => venv.must(program, args);
  const backendKey = { database: "TUTORIAL_DB", schema: "DATA_SCHEMA", name: "BACKEND_SERVICE" };

  before(async function () {
    tp = await startTestPlatform("e2e-python");
    venv = PythonVenv.create();
    program = PulumiProgram.create("quickstart-python", tp);
    program.must(["config", "set", "--secret", "greetingKey", secretValue]);
  });

  after(async function () {
    if (program && venv) py(["destroy", "--yes"]);
    program?.dispose();
    venv?.dispose();
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
    const exported = program.must(["stack", "export", "--show-secrets=false"]).stdout;
    assert.ok(!exported.includes(secretValue), "stack export holds the secret in plaintext");
    const grep = spawnSync("grep", ["-rl", secretValue, path.join(path.dirname(program.dir), "state")], { encoding: "utf8" });
    assert.equal(grep.status, 1, `plaintext secret in ${grep.stdout}${grep.stderr}`); // 1: no match, 2: grep failed
    const frontend = program.state().deployment.resources.find((r: any) => r.urn.endsWith("::frontend"));
    assert.equal(frontend.inputs.secrets["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "the secrets input is a Pulumi secret");
  });

  it("an out-of-band suspend is seen by refresh (the diff shows it) and repaired by up", async function () {
    const suspended = spcsCli(tp, ["alter", "service", "tutorial_db.data_schema.backend_service", "suspend"]);
    assert.equal(suspended.code, 0, suspended.stderr);
    const refresh = pyMust(["refresh", "--yes", "--diff"]);
    // The refresh's own diff: the backend's row, with suspended and status changed by what DESCRIBE saw.
    const backendRow = refresh.stdout.slice(refresh.stdout.lastIndexOf("::spcs:index:Service::backend]"));
    assert.match(backendRow, /~ status\s*: "RUNNING" => "SUSPENDED"\n[\s\S]*~ suspended\s*: false => true\n/, refresh.stdout);
    assert.equal(program.state().deployment.resources.find((r: any) => r.urn.endsWith("::backend")).outputs.status, "SUSPENDED");
    const up = pyMust(["up", "--yes", "--diff"]);
    assert.match(up.stdout, /~ suspended\s*: true => false/, up.stdout);
    assert.equal((await describeService(tp.platform, backendKey))?.status, "RUNNING");
    // The frontend reaches the backend over the service network again (the backend has no ingress to wake it).
    const res = await fetch(program.outputs().frontendUrl);
    assert.equal(await res.text(), "frontend says: hello from the backend\n");
    pyMust(["preview", "--expect-no-changes"]);
  });

  it("a spec change upgrades the frontend in place: the endpoint answers with the new behaviour", async function () {
    const before = program.state().deployment.resources.find((r: any) => r.urn.endsWith("::frontend")).outputs;
    program.must(["config", "set", "greetingPrefix", "upgraded frontend says"]);
    const up = pyMust(["up", "--yes"]);
    assert.match(up.stdout, /~ 1 updated/, up.stdout);
    const after = program.state().deployment.resources.find((r: any) => r.urn.endsWith("::frontend")).outputs;
    assert.notEqual(after.specDigest, before.specDigest);
    assert.equal(after.createdOn, before.createdOn, "updated in place, not replaced");
    const res = await fetch(program.outputs().frontendUrl);
    assert.equal(await res.text(), "upgraded frontend says: hello from the backend\n");
  });

  it("pulumi import adopts a pool made with the spcs CLI and a service made with SQL; the program that declares them previews with no changes", async function () {
    const made = spcsCli(tp, ["create", "compute-pool", "imported_pool", "--family", "CPU_X64_XS", "--min-nodes", "1", "--max-nodes", "1"]);
    assert.equal(made.code, 0, made.stderr);
    // The spcs CLI has no CREATE SERVICE: the statement `snow sql` would send, run by the SQL endpoint's executor.
    // Lower-case names, serviceRoles and a non-default probe are what a rebuilt-from-runtime spec would lose.
    const spec = [
      "spec:",
      "  containers:",
      "  - name: web",
      "    image: /snowflake/images/snowflake_images/busybox:latest",
      "    command: [sh, -c]",
      "    args: ['mkdir -p /www && echo imported > /www/index.html && exec httpd -f -p 8080 -h /www']",
      "    readinessProbe: {port: 8080, path: /index.html, periodSeconds: 2}",
      "  endpoints:",
      "  - {name: web, port: 8080}",
      "serviceRoles:",
      "- name: viewer",
      "  endpoints: [web]",
    ].join("\n");
    const sql = spcsStatementExecutor(tp.platform);
    await sql(`CREATE SERVICE tutorial_db.data_schema.imported_service IN COMPUTE POOL imported_pool FROM SPECIFICATION $$\n${spec}\n$$ MIN_INSTANCES = 1 MAX_INSTANCES = 2 AUTO_RESUME = FALSE COMMENT = 'made with SQL'`, { user: "TESTER", role: "ACCOUNTADMIN" });
    const pool = pyMust(["import", "spcs:index:ComputePool", "imported", "IMPORTED_POOL", "--yes", "--protect=false", "--generate-code=false"]);
    assert.match(pool.stdout, /1 imported/);
    const service = pyMust(["import", "spcs:index:Service", "imported-service", "TUTORIAL_DB.DATA_SCHEMA.IMPORTED_SERVICE", "--yes", "--protect=false", "--generate-code=false"]);
    assert.match(service.stdout, /1 imported/);
    assert.doesNotMatch(service.stdout + service.stderr, /do not match/, "the import's own check and diff found nothing to change");
    const resources = program.state().deployment.resources;
    assert.equal(resources.find((x: any) => x.urn.endsWith("::imported")).outputs.instanceFamily, "CPU_X64_XS");
    const imported = resources.find((x: any) => x.urn.endsWith("::imported-service"));
    assert.deepEqual(
      [imported.inputs.computePool, imported.inputs.minInstances, imported.inputs.maxInstances, imported.inputs.autoResume, imported.inputs.comment],
      ["IMPORTED_POOL", 1, 2, false, "made with SQL"],
    );
    fs.appendFileSync(
      path.join(program.dir, "__main__.py"),
      [
        "",
        'imported_pool = spcs.ComputePool("imported", name="IMPORTED_POOL", instance_family="CPU_X64_XS", min_nodes=1, max_nodes=1)',
        `spcs.Service("imported-service", database="tutorial_db", schema="data_schema", name="imported_service", compute_pool=imported_pool.name,`,
        `    spec=${JSON.stringify(spec)}, min_instances=1, max_instances=2, auto_resume=False, comment="made with SQL")`,
        "",
      ].join("\n"),
    );
    const preview = py(["preview", "--expect-no-changes", "--diff"]);
    assert.equal(preview.code, 0, preview.stdout + preview.stderr);
    // An import records no dependencies: the first up after it (changing nothing) records that the service
    // uses the pool, so destroy drops the service first.
    pyMust(["up", "--yes", "--expect-no-changes"]);
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
