/**
 * Two builds of the provider in one process, on one platform, interleaved round by round (the order
 * alternating), each next to the same raw Engine API calls: the comparison that survives other engineers'
 * load on a shared machine, since a spike hits both builds alike. Used for the before/after tables of
 * docs/performance.md.
 *
 *     node dist/bench/service/two-builds.js <dist of build A> <dist of build B> [rounds, default 7]
 *
 * Per build and round: CREATE SERVICE of one service (and until RUNNING) with its raw calls
 * (provider-vs-raw.ts), and a 1-replica job until DONE, finished and removed, against raw create, start,
 * wait, logs, rm. An anchor service keeps the platform's networks (steady state). Prints medians.
 */
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { TestPlatform } from "../../test/support/test-platform";

interface Build {
  label: string;
  providerVsRaw: (tp: TestPlatform, round: number) => Promise<{ providerMs: number; providerReadyMs: number; rawMs: number }>;
  executeJobService: (platform: unknown, def: unknown) => Promise<unknown>;
  awaitJobEnd: (platform: unknown, key: unknown, timeoutSeconds: number) => Promise<{ status: string }>;
  dropService: (platform: unknown, key: unknown) => Promise<void>;
  createPool: (platform: unknown, def: unknown) => void;
}

function load(dist: string, label: string): Build {
  const r = (rel: string) => require(path.resolve(dist, rel));
  return {
    label,
    providerVsRaw: r("bench/service/provider-vs-raw.js").providerVsRaw,
    executeJobService: r("provider/objects/jobs/execute-job.js").executeJobService,
    awaitJobEnd: r("provider/objects/jobs/await-job.js").awaitJobEnd,
    dropService: r("provider/statements/services.js").dropService,
    createPool: r("provider/objects/compute-pools/compute-pools.js").createPool,
  };
}

const SCRIPT = 'echo "replica $SNOWFLAKE_JOB_INDEX"';

async function jobSample(b: Build, tp: TestPlatform, round: number): Promise<number> {
  const key = { database: "BENCH_DB", schema: "PUBLIC", name: `JOB_${b.label}_${round}` };
  const spec = { containers: [{ name: "main", image: "/snowflake/images/snowflake_images/busybox:latest", command: ["sh", "-c", SCRIPT], env: {}, resources: {}, volumeMounts: [], mountSessionToken: true, sessionTokenPath: "/snowflake/session" }], endpoints: [], volumes: [] };
  const t = performance.now();
  await b.executeJobService(tp.platform, { key, computePool: "JOB_BENCH", spec, specDigest: "d", replicas: 1, async: false, externalAccessIntegrations: null, queryWarehouse: null, comment: null, runtimeEnvironment: null });
  const d = await b.awaitJobEnd(tp.platform, key, 120);
  const ms = performance.now() - t;
  if (d.status !== "DONE") throw new Error(`job ended ${d.status}`);
  await b.dropService(tp.platform, key);
  return ms;
}

async function rawJob(tp: TestPlatform, image: string, labels: Record<string, string>): Promise<number> {
  const docker = tp.platform.docker;
  const t = performance.now();
  const id = await docker.createContainer({ name: `raw-job-${Date.now()}`, image, labels, env: { SNOWFLAKE_JOB_INDEX: "0" }, entrypoint: ["sh", "-c", SCRIPT], restart: "never" });
  await docker.startContainer(id);
  await docker.awaitAnyExit([id], 60_000);
  await docker.containerLogs(id, 1000);
  await docker.removeContainer(id);
  return performance.now() - t;
}

const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);

async function main(): Promise<void> {
  const [distA, distB, roundsArg] = process.argv.slice(2);
  const rounds = Number(roundsArg ?? 7);
  const builds = [load(distA, "A"), load(distB, "B")];
  const { startTestPlatform } = require(path.resolve(distA, "test/support/test-platform.js"));
  const { withAnchorService } = require(path.resolve(distA, "bench/anchor.js"));
  const { managedLabels } = require(path.resolve(distA, "provider/common/labels.js"));
  const { baseImageRepo } = require(path.resolve(distA, "provider/model/platform-images.js"));
  const tp: TestPlatform = await startTestPlatform("bench-two-builds");
  const samples: Record<string, number[]> = {};
  const add = (k: string, v: number) => (samples[k] ??= []).push(v);
  try {
    builds[0].createPool(tp.platform, { name: "JOB_BENCH", instanceFamily: "CPU_X64_L", minNodes: 1, maxNodes: 4, autoResume: true, autoSuspendSecs: 3600, initiallySuspended: false, comment: null });
    await withAnchorService(tp, async () => {
      for (let i = 0; i < rounds; i++) {
        const order = i % 2 ? [...builds].reverse() : builds;
        for (const b of order) {
          const s = await b.providerVsRaw(tp, i * 2 + (b.label === "A" ? 0 : 1));
          add(`${b.label} create`, s.providerMs);
          add(`${b.label} ready`, s.providerReadyMs);
          add("raw create", s.rawMs);
          add(`${b.label} job`, await jobSample(b, tp, i));
          add("raw job", await rawJob(tp, `${baseImageRepo(tp.config)}:latest`, managedLabels(tp.config.home, "job-container", "raw-bench")));
        }
        console.log(`round ${i + 1}: ${Object.entries(samples).map(([k, v]) => `${k} ${Math.round(v[v.length - 1])}`).join(", ")}`);
      }
    });
  } finally {
    await tp.dispose();
  }
  console.log(`\nmedians of ${rounds} rounds (A = ${distA}, B = ${distB}):`);
  for (const [k, v] of Object.entries(samples)) console.log(`${k.padEnd(12)} ${median(v)} ms`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
