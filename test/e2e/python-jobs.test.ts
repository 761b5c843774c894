import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { homeFilter } from "../../provider/common/labels";
import { spcsStatementExecutor } from "../../provider/sql/statements";
import { describeService } from "../../provider/statements/services";
import { PulumiProgram, spcsCli } from "../support/pulumi-program";
import { PythonVenv } from "../support/python-venv";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

/**
 * Job services from a Python program (test/fixtures/programs/jobs-python) through the real `pulumi` CLI,
 * the Python language host and the `pulumi-resource-spcs` plugin: a 3-replica job that `up` waits for
 * until DONE, the import of a job run with SQL, and a failing job whose `up` error carries its exit code
 * and last log lines. One stack, one `up` per case.
 */
describe("e2e: job services from Python with the spcs provider plugin", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;
  let venv: PythonVenv;

  before(async function () {
    tp = await startTestPlatform("e2e-python-jobs");
    venv = PythonVenv.create();
    program = PulumiProgram.create("test/fixtures/programs/jobs-python", tp);
  });
  after(async function () {
    if (program && venv) venv.run(program, ["destroy", "--yes"]);
    program?.dispose();
    venv?.dispose();
    await tp?.dispose();
  });

  it("up waits for the 3-replica job to end DONE; each replica's log holds its SNOWFLAKE_JOB_INDEX", function () {
    const events = path.join(path.dirname(program.dir), "events.jsonl");
    venv.must(program, ["up", "--yes", "--event-log", events]);
    const out = program.outputs();
    assert.equal(out.batchStatus, "DONE");
    assert.equal(out.batchMessage, "Job REPLICA_INDEXES completed successfully with status: DONE.");
    for (const i of [0, 1, 2]) {
      const logs = spcsCli(tp, ["logs", "job_db.public.replica_indexes", "--instance", String(i)]);
      assert.equal(logs.code, 0, logs.stderr);
      assert.equal(logs.stdout, `replica ${i} of 3\n`);
    }
    // Progress went to the job's own row as ephemeral status messages.
    const statuses = fs
      .readFileSync(events, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l).diagnosticEvent)
      .filter((d) => d?.ephemeral && d.urn?.endsWith("spcs:index:JobService::batch"))
      .map((d) => d.message);
    assert.ok(statuses.some((m) => /\d of 3 replicas DONE/.test(m)), `ephemeral status on the job's row: ${JSON.stringify(statuses)}`);
  });

  it("pulumi import adopts a job run with SQL; the program that declares it previews with no changes and does not rerun it", async function () {
    const spec = "spec:\n  containers:\n  - name: main\n    image: /snowflake/images/snowflake_images/busybox:latest\n    args: [sh, -c, 'echo imported job $SNOWFLAKE_JOB_INDEX']";
    const sql = spcsStatementExecutor(tp.platform);
    await sql(`EXECUTE JOB SERVICE IN COMPUTE POOL py_job_pool FROM SPECIFICATION $$\n${spec}\n$$ NAME = job_db.public.sql_job REPLICAS = 2 COMMENT = 'run with SQL'`, { user: "TESTER", role: "ACCOUNTADMIN" });
    const queryId = (await describeService(tp.platform, { database: "JOB_DB", schema: "PUBLIC", name: "SQL_JOB" }) as any).queryId;
    const imported = venv.must(program, ["import", "spcs:index:JobService", "imported-job", "JOB_DB.PUBLIC.SQL_JOB", "--yes", "--protect=false", "--generate-code=false"]);
    assert.match(imported.stdout, /1 imported/);
    const inputs = program.state().deployment.resources.find((r: any) => r.urn.endsWith("::imported-job")).inputs;
    assert.deepEqual([inputs.computePool, inputs.replicas, inputs.async, inputs.comment], ["PY_JOB_POOL", 2, false, "run with SQL"]);
    fs.appendFileSync(
      path.join(program.dir, "__main__.py"),
      `\nspcs.JobService("imported-job", database="job_db", schema="public", name="sql_job", compute_pool=pool.name, replicas=2, comment="run with SQL",\n    spec=${JSON.stringify(spec)})\n`,
    );
    const preview = venv.run(program, ["preview", "--expect-no-changes", "--diff"]);
    assert.equal(preview.code, 0, preview.stdout + preview.stderr);
    // The first up after an import records the job's dependency on the pool (for destroy's order); nothing reruns.
    venv.must(program, ["up", "--yes", "--expect-no-changes"]);
    assert.equal((await describeService(tp.platform, { database: "JOB_DB", schema: "PUBLIC", name: "SQL_JOB" }) as any).queryId, queryId);
  });

  it("a failing job fails up with its exit code and last log lines, and stays recorded as FAILED", function () {
    program.must(["config", "set", "failing", "true"]);
    const up = venv.run(program, ["up", "--yes"]);
    assert.notEqual(up.code, 0);
    const text = up.stdout + up.stderr;
    assert.match(text, /Job JOB_DB\.PUBLIC\.FAILING failed with status: FAILED\. Instance 0, container main exited with exit code 7\./);
    assert.match(text, /\| input\.csv: no such file/);
    assert.match(text, /\| loading input/);
    const failing = program.state().deployment.resources.find((r: any) => r.urn.endsWith("::failing"));
    assert.equal(failing.type, "spcs:index:JobService");
    assert.equal(failing.outputs.status, "FAILED");
  });

  it("destroy removes every job and container", async function () {
    venv.must(program, ["destroy", "--yes"]);
    assert.deepEqual(tp.platform.catalog.services.list(), []);
    assert.deepEqual(tp.platform.catalog.pools.list(), []);
    assert.deepEqual(await tp.platform.docker.listContainers(homeFilter(tp.config.home)), []);
  });
});
