/**
 * Job services: a job of N replicas executed by the provider's code path (EXECUTE JOB SERVICE, waiting
 * for the end as ASYNC = FALSE does) against the same containers run with raw Docker calls (create,
 * start, wait for exit, read the logs, remove), all in one run on one machine. Part of `npm run bench`.
 *
 *     node dist/bench/jobs/job-bench.js [replica counts, default 1,4,8]
 *
 * What each side includes: the provider validates nothing here (the spec is already a runtime spec) but
 * schedules the replicas, pins the image digest, starts a network container and the job container per
 * replica, polls until every container exited, records exit codes and logs in the catalog and removes
 * the containers. The raw side starts the job containers only (no network namespace container), waits,
 * reads the logs and removes them: the least work that gives the same answer.
 */
import { performance } from "node:perf_hooks";
import { benchResult, type BenchResult } from "../bench-result";
import { withAnchorService } from "../anchor";
import { PhaseRecorder } from "../phases";
import { managedLabels } from "../../provider/common/labels";
import { isStopped } from "../../provider/runtime/container-runtime";
import { awaitJobEnd } from "../../provider/objects/jobs/await-job";
import { executeJobService } from "../../provider/objects/jobs/execute-job";
import { baseImageRepo } from "../../provider/model/platform-images";
import { createPool } from "../../provider/objects/compute-pools/compute-pools";
import { dropService } from "../../provider/statements/services";
import { startTestPlatform, type TestPlatform } from "../../test/support/test-platform";

const elapsed = (t0: number) => Math.round(performance.now() - t0);
const SCRIPT = 'echo "replica $SNOWFLAKE_JOB_INDEX"';

/** A job of `replicas` through the provider's path against the raw calls, alternating, medians of `rounds`. */
export async function runJobBench(tp: TestPlatform, replicas: number[], rounds: number, phases = new PhaseRecorder(undefined)): Promise<BenchResult[]> {
  if (!tp.platform.catalog.pools.get("JOB_BENCH")) {
    createPool(tp.platform, { name: "JOB_BENCH", instanceFamily: "CPU_X64_L", minNodes: 1, maxNodes: 4, autoResume: true, autoSuspendSecs: 3600, initiallySuspended: false, comment: null });
  }
  const out: BenchResult[] = [];
  for (const n of replicas) {
    const p: number[] = [];
    const r: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // On a platform in use (its networks exist), as the raw side's default bridge always does.
      p.push(await withAnchorService(tp, () => phases.around(`job-${n}-${i}`, () => provider(tp, n, i))));
      r.push(await raw(tp, n));
    }
    out.push(benchResult(`job.${n}`, "ms", median(p), median(r), `EXECUTE JOB SERVICE of ${n} replica(s) until DONE, finished and removed, vs raw create/start/wait/logs/rm (median of ${rounds})${n === 1 ? "; goal <= 1.3" : ""}`));
  }
  return out;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function provider(tp: TestPlatform, replicas: number, round: number): Promise<number> {
  const key = { database: "BENCH_DB", schema: "PUBLIC", name: `JOB_${replicas}_${round}` };
  const spec = { containers: [{ name: "main", image: "/snowflake/images/snowflake_images/busybox:latest", command: ["sh", "-c", SCRIPT], env: {}, resources: {}, volumeMounts: [], mountSessionToken: true, sessionTokenPath: "/snowflake/session" }], endpoints: [], volumes: [] };
  const t = performance.now();
  await executeJobService(tp.platform, { key, computePool: "JOB_BENCH", spec, specDigest: "d", replicas, async: false, externalAccessIntegrations: null, queryWarehouse: null, comment: null, runtimeEnvironment: null });
  const d = await awaitJobEnd(tp.platform, key, 120);
  const ms = elapsed(t);
  if (d.status !== "DONE") throw new Error(`job of ${replicas} ended ${d.status}`);
  await dropService(tp.platform, key);
  return ms;
}

async function raw(tp: TestPlatform, replicas: number): Promise<number> {
  const docker = tp.platform.docker;
  const image = `${baseImageRepo(tp.config)}:latest`;
  const labels = managedLabels(tp.config.home, "job-container", "raw-bench");
  const t = performance.now();
  await Promise.all(
    Array.from({ length: replicas }, async (_, i) => {
      const id = await docker.createContainer({ name: `raw-job-${replicas}-${i}-${Date.now()}`, image, labels, env: { SNOWFLAKE_JOB_INDEX: String(i) }, entrypoint: ["sh", "-c", SCRIPT], restart: "never" });
      await docker.startContainer(id);
      for (;;) {
        const info = await docker.inspectContainer(id);
        if (info && isStopped(info)) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await docker.containerLogs(id, 1000);
      await docker.removeContainer(id);
    }),
  );
  return elapsed(t);
}

if (require.main === module) {
  (async () => {
    const tp = await startTestPlatform("bench-jobs");
    try {
      for (const r of await runJobBench(tp, (process.argv[2] ?? "1,4,8").split(",").map(Number), 3)) console.log(JSON.stringify(r));
    } finally {
      await tp.dispose();
    }
  })().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
