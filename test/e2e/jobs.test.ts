import assert from "node:assert/strict";
import * as fs from "node:fs";
import { homeFilter } from "../../provider/common/labels";
import { stageDir } from "../../provider/objects/workloads/instance-runner";
import { PulumiProgram, spcsCli } from "../support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

const JOB = (name: string) => ({ database: "JOB_DB", schema: "PUBLIC", name });

/**
 * Job services through the real `pulumi` CLI: a synchronous 3-replica job that ends DONE before `up`
 * returns, an async job that `refresh` follows to its end, a failing job whose error carries its exit
 * code and logs and that the next `up` does not rerun, and the `spcs` CLI's views of all of them.
 */
describe("e2e: job services", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;

  before(async function () {
    tp = await startTestPlatform("e2e-jobs");
    program = PulumiProgram.create("test/fixtures/programs/jobs", tp);
  });
  after(async function () {
    program?.run(["destroy", "--yes"]);
    program?.dispose();
    await tp?.dispose();
  });

  it("up waits for the 3-replica job to end DONE; each replica wrote its index; the async job returns at once", function () {
    program.must(["up", "--yes"]);
    const out = program.outputs();
    assert.equal(out.batchStatus, "DONE");
    assert.equal(out.batchMessage, "Job WRITE_INDEXES completed successfully with status: DONE.");
    const dir = stageDir(tp.config.home, JOB("WRITE_INDEXES"), "out");
    assert.deepEqual(fs.readdirSync(dir).sort(), ["index-0", "index-1", "index-2"]);
    assert.deepEqual(["0", "1", "2"].map((i) => fs.readFileSync(`${dir}/index-${i}`, "utf8").trim()), ["0", "1", "2"]);
    const background = program.state().deployment.resources.find((r: any) => r.urn.endsWith("::background")).outputs;
    assert.ok(["PENDING", "RUNNING"].includes(background.status), `async job returned at once, status ${background.status}`);
  });

  it("refresh follows the async job to DONE, then preview shows no changes", async function () {
    await new Promise((r) => setTimeout(r, 4000));
    program.must(["refresh", "--yes"]);
    const background = program.state().deployment.resources.find((r: any) => r.urn.endsWith("::background")).outputs;
    assert.equal(background.status, "DONE");
    assert.deepEqual(background.containers.map((c: any) => [c.status, c.lastExitCode]), [["DONE", 0]]);
    program.must(["preview", "--expect-no-changes"]);
  });

  it("a failing job fails up with its exit code and last log lines, stays recorded, and is not rerun by the next up", function () {
    program.must(["config", "set", "failing", "true"]);
    const first = program.run(["up", "--yes"]);
    assert.notEqual(first.code, 0);
    const text = first.stdout + first.stderr;
    assert.match(text, /Job JOB_DB\.PUBLIC\.FAILING failed with status: FAILED\. Instance 0, container main exited with exit code 7\./);
    assert.match(text, /\| input\.csv: no such file/);
    const failing = () => program.state().deployment.resources.find((r: any) => r.urn.endsWith("::failing"));
    const queryId = failing().outputs.queryId;
    assert.equal(failing().outputs.status, "FAILED");
    const again = program.run(["up", "--yes"]);
    assert.notEqual(again.code, 0, "the failed job is reported again, not silently accepted");
    assert.match(again.stdout + again.stderr, /pulumi up --replace/);
    assert.equal(failing().outputs.queryId, queryId, "the job was not rerun");
  });

  it("spcs shows the jobs, their containers, their logs after they finished, and the job history", function () {
    const jobs = spcsCli(tp, ["show", "job", "services", "--format", "json"]);
    assert.equal(jobs.code, 0, jobs.stderr);
    assert.deepEqual(JSON.parse(jobs.stdout).map((j: any) => [j.name, j.status, j.is_job]).sort(), [["BACKGROUND", "DONE", true], ["FAILING", "FAILED", true], ["WRITE_INDEXES", "DONE", true]]);
    const containers = spcsCli(tp, ["show", "service", "containers", "in", "service", "job_db.public.write_indexes", "--format", "json"]);
    assert.deepEqual(JSON.parse(containers.stdout).map((c: any) => [c.instance_id, c.status, c.last_exit_code]), [["0", "DONE", 0], ["1", "DONE", 0], ["2", "DONE", 0]]);
    const logs = spcsCli(tp, ["logs", "job_db.public.write_indexes", "--instance", "2"]);
    assert.equal(logs.stdout, "replica 2 of 3\n");
    const failed = spcsCli(tp, ["logs", "job_db.public.failing"]);
    // stdout and stderr are separate streams: their order between each other is not kept.
    assert.deepEqual(failed.stdout.trimEnd().split("\n").sort(), ["input.csv: no such file", "loading input"]);
    const history = spcsCli(tp, ["show", "job", "history", "--format", "json"]);
    assert.deepEqual(JSON.parse(history.stdout).map((h: any) => [h.name, h.status]).sort(), [["BACKGROUND", "DONE"], ["FAILING", "FAILED"], ["WRITE_INDEXES", "DONE"]]);
  });

  it("destroy removes every job, container and volume; the history keeps them as deleted", async function () {
    program.must(["destroy", "--yes"]);
    assert.equal(tp.platform.catalog.services.list().length, 0);
    assert.equal((await tp.platform.docker.listContainers(homeFilter(tp.config.home))).length, 0);
    assert.equal((await tp.platform.docker.listVolumes(homeFilter(tp.config.home))).length, 0);
    const history = JSON.parse(spcsCli(tp, ["show", "job", "history", "--format", "json"]).stdout);
    assert.ok(history.length === 3 && history.every((h: any) => h.deleted_time !== null), JSON.stringify(history));
  });
});
