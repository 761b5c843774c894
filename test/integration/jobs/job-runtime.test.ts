import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { homeFilter } from "../../../provider/common/labels";
import { awaitJobEnd, cancelJob, describeJob, executeJobService, reconcileJob, type JobDefinition } from "../../../provider/statements/jobs";
import { stopAgent } from "../../../provider/provision/agent";
import { describePool } from "../../../provider/objects/compute-pools/compute-pools";
import { parseStageLocation, stageHostPath } from "../../../provider/model/stage-location";
import type { RuntimeContainer, RuntimeSpec } from "../../../provider/model/runtime-spec";
import { dropComputePool } from "../../../provider/statements/compute-pools";
import { dropService } from "../../../provider/statements/services";
import { spcsCli } from "../../support/pulumi-program";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const GIB = 1024 ** 3;
const container = (name: string, script: string, extra: Partial<RuntimeContainer> = {}): RuntimeContainer => ({
  name, image: APP_IMAGE, command: ["sh", "-c"], args: [script], env: {}, resources: {}, volumeMounts: [], mountSessionToken: true, sessionTokenPath: "/snowflake/session", ...extra,
});
const spec = (...containers: RuntimeContainer[]): RuntimeSpec => ({ containers, endpoints: [], volumes: [] });

describe("integration: job services on the real engine and registry", function () {
  let tp: TestPlatform;
  const key = (name: string) => ({ database: "APP_DB", schema: "PUBLIC", name });
  const def = (name: string, s: RuntimeSpec, over: Partial<JobDefinition> = {}): JobDefinition => ({
    key: key(name), computePool: "JOB_POOL", spec: s, specDigest: "d-" + name, replicas: 1, async: false,
    externalAccessIntegrations: null, queryWarehouse: null, comment: null, runtimeEnvironment: null, ...over,
  });

  before(async function () {
    tp = await startTestPlatform("it-jobs");
    seedPool(tp, "JOB_POOL", 2);
    seedPool(tp, "ONE_NODE", 1);
    await seedAppImage(tp);
  });
  after(async function () {
    for (const s of tp?.platform.catalog.services.list() ?? []) await dropService(tp.platform, key(s.name), { ifExists: true });
    await tp?.dispose();
  });

  it("runs 3 replicas with SNOWFLAKE_JOB_INDEX / JOBS_COUNT to DONE, keeps exit codes and logs, and releases the pool", async function () {
    const s: RuntimeSpec = {
      containers: [container("main", 'echo "replica $SNOWFLAKE_JOB_INDEX of $SNOWFLAKE_JOBS_COUNT"; echo $SNOWFLAKE_JOB_INDEX > /out/index-$SNOWFLAKE_JOB_INDEX', { volumeMounts: [{ name: "out", mountPath: "/out" }] })],
      endpoints: [],
      volumes: [{ name: "out", source: "stage", stage: "@results/three" }],
    };
    await executeJobService(tp.platform, def("THREE", s, { replicas: 3 }));
    const d = await awaitJobEnd(tp.platform, key("THREE"), 60);
    assert.equal(d.status, "DONE");
    assert.equal(d.message, "Job THREE completed successfully with status: DONE.");
    assert.deepEqual(d.instances.map((i) => [i.instanceId, i.status]), [["0", "SUCCEEDED"], ["1", "SUCCEEDED"], ["2", "SUCCEEDED"]]);
    assert.deepEqual(d.containers.map((c) => [c.status, c.lastExitCode]), [["DONE", 0], ["DONE", 0], ["DONE", 0]]);
    assert.ok(d.startedOn !== null && d.completedOn !== null && d.completedOn >= d.startedOn);
    // What each replica wrote to the stage volume.
    const dir = stageHostPath(tp.config.home, parseStageLocation("@results/three", { database: "APP_DB", schema: "PUBLIC" }));
    assert.deepEqual(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8").trim()]), [["index-0", "0"], ["index-1", "1"], ["index-2", "2"]]);
    // Logs stay in the catalog after the containers are gone; the pool's capacity is released.
    assert.deepEqual(tp.platform.catalog.jobs.containers(key("THREE")).map((c) => c.logs.trim()), ["replica 0 of 3", "replica 1 of 3", "replica 2 of 3"]);
    const left = await tp.platform.docker.listContainers([...homeFilter(tp.config.home), "com.pulumi-spcs.service=APP_DB.PUBLIC.THREE"]);
    assert.equal(left.length, 0);
    assert.equal(d.currentInstances, 0);
    const history = tp.platform.catalog.jobs.history({ start: "1970-01-01", end: "9999-12-31", limit: 10 });
    assert.equal(history.find((h) => h.name === "THREE")?.status, "DONE");
  });

  it("a failing replica makes the job FAILED with the container's exit code, and never restarts it", async function () {
    await executeJobService(tp.platform, def("BROKEN", spec(container("main", 'echo "about to fail"; [ "$SNOWFLAKE_JOB_INDEX" = 1 ] && exit 3; exit 0')), { replicas: 2 }));
    const d = await awaitJobEnd(tp.platform, key("BROKEN"), 60);
    assert.equal(d.status, "FAILED");
    assert.deepEqual(d.instances.map((i) => i.status), ["SUCCEEDED", "FAILED"]);
    assert.deepEqual(d.containers.map((c) => [c.status, c.lastExitCode, c.restartCount]), [["DONE", 0, 0], ["FAILED", 3, 0]]);
  });

  it("waits PENDING while the pool is busy and starts when another job frees it", async function () {
    // CPU_X64_XS has 1 vCPU per node and the pool one node: two jobs of 0.8 vCPU cannot run at once.
    const big = { requests: { cpuMilli: 800, memoryBytes: GIB / 4 } };
    await executeJobService(tp.platform, def("FIRST", spec(container("main", "sleep 2", { resources: big })), { async: true, computePool: "ONE_NODE" }));
    await executeJobService(tp.platform, def("SECOND", spec(container("main", "echo second", { resources: big })), { computePool: "ONE_NODE" }));
    const waiting = await describeJob(tp.platform, key("SECOND"));
    assert.equal(waiting?.status, "PENDING");
    assert.equal(waiting?.containers[0].message, "Pending scheduling.");
    const second = await awaitJobEnd(tp.platform, key("SECOND"), 60);
    assert.equal(second.status, "DONE");
    assert.equal((await describeJob(tp.platform, key("FIRST")))?.status, "DONE");
    // num_jobs counts running jobs, as SPCS does: both ended, so none, and the pool is IDLE again.
    assert.deepEqual([describePool(tp.platform, "ONE_NODE")?.numJobs, describePool(tp.platform, "ONE_NODE")?.state], [0, "IDLE"]);
  });

  it("cancels a running job: CANCELLED, containers stopped and removed, history keeps it after the drop", async function () {
    await executeJobService(tp.platform, def("LONG", spec(container("main", "echo started; exec sleep 600")), { async: true }));
    for (let i = 0; i < 40 && (await describeJob(tp.platform, key("LONG")))?.status !== "RUNNING"; i++) await new Promise((r) => setTimeout(r, 250));
    const status = await cancelJob(tp.platform, key("LONG"));
    assert.equal(status, "CANCELLED");
    const d = await describeJob(tp.platform, key("LONG"));
    assert.equal(d?.status, "CANCELLED");
    assert.equal(d?.containers[0].message, "Container was stopped: the job was cancelled.");
    const queryId = d!.queryId;
    await dropService(tp.platform, key("LONG"));
    const row = tp.platform.catalog.jobs.history({ start: "1970-01-01", end: "9999-12-31", limit: 100 }).find((h) => h.queryId === queryId);
    assert.equal(row?.status, "CANCELLED");
    assert.ok(row?.deletedTime);
  });

  it("DROP COMPUTE POOL aborts its running jobs: cancelled, containers removed, history kept", async function () {
    seedPool(tp, "DOOMED", 1);
    await executeJobService(tp.platform, def("ORPHAN", spec(container("main", "exec sleep 600")), { async: true, computePool: "DOOMED" }));
    const queryId = (await describeJob(tp.platform, key("ORPHAN")))!.queryId;
    assert.equal(await dropComputePool(tp.platform, "DOOMED"), true);
    assert.equal(tp.platform.catalog.services.get(key("ORPHAN")), undefined);
    assert.equal((await tp.platform.docker.listContainers([...homeFilter(tp.config.home), "com.pulumi-spcs.service=APP_DB.PUBLIC.ORPHAN"])).length, 0);
    const row = tp.platform.catalog.jobs.history({ start: "1970-01-01", end: "9999-12-31", limit: 100 }).find((h) => h.queryId === queryId);
    assert.equal(row?.status, "CANCELLED");
    assert.ok(row?.deletedTime);
  });

  it("DESCRIBE of a job whose containers have all exited changes nothing; finishing is the explicit step", async function () {
    // No agent: nothing but this test may finish the job.
    stopAgent(tp.config);
    await executeJobService(tp.platform, def("ENDED", spec(container("main", "echo ended")), { async: true }));
    const engine = async () => {
      const found = await tp.platform.docker.listContainers([...homeFilter(tp.config.home), "com.pulumi-spcs.service=APP_DB.PUBLIC.ENDED"]);
      return (await Promise.all(found.map(async (c) => `${c.name} ${(await tp.platform.docker.inspectContainer(c.name))?.running ? "running" : "exited"}`))).sort();
    };
    const catalog = () => JSON.stringify([tp.platform.catalog.services.get(key("ENDED")), tp.platform.catalog.services.instances(key("ENDED")), tp.platform.catalog.jobs.get(key("ENDED")), tp.platform.catalog.jobs.containers(key("ENDED")), tp.platform.catalog.jobs.history({ start: "1970-01-01", end: "9999-12-31", limit: 100 })]);
    for (let i = 0; i < 100 && !(await engine()).some((c) => c.endsWith("-main exited")); i++) await new Promise((r) => setTimeout(r, 100));
    const [before, running] = [catalog(), await engine()];
    assert.equal(running.length, 2, "the job's container and its network container exist");

    const described = spcsCli(tp, ["describe", "service", "APP_DB.PUBLIC.ENDED", "--format", "json"]);
    assert.equal(described.code, 0, described.stderr);
    assert.equal(JSON.parse(described.stdout).status, "DONE", "DESCRIBE derives the end from what the engine shows");
    assert.equal(spcsCli(tp, ["show", "job", "history"]).code, 0);
    assert.equal(catalog(), before, "the catalog is unchanged by DESCRIBE and GET_JOB_HISTORY");
    assert.deepEqual(await engine(), running, "the engine is unchanged by them");

    await reconcileJob(tp.platform, key("ENDED"));
    assert.equal((await describeJob(tp.platform, key("ENDED")))?.completedOn !== null, true, "finishing records the end");
    assert.deepEqual(await engine(), [], "and removes the containers");
  });
});
