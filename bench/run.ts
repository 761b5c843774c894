/**
 * `npm run bench`: every benchmark in one run, each against its baseline measured in the same run, so
 * the ratios hold on a busy machine where absolute times do not. Writes one JSON line per benchmark
 * (a BenchResult) to stdout and to bench/results/<timestamp>.jsonl, then a table of ratios.
 *
 *     npm run bench -- [--services N] [--replicas 1,4] [--rounds R] [--only service,job,spec,plugin,ingress] [--phases] [--no-plugin] [--no-marginal]
 *
 *  --services N   services in the pulumi program (default 50; 5 for a quick run)
 *  --replicas     job sizes (default 1)
 *  --rounds R     rounds of each measurement next to its baseline (medians; default 3)
 *  --only         a subset of: service (up, preview, refresh, destroy, create), job, spec, plugin (the
 *                 provider plugin's start), ingress
 *  --no-plugin    skip the `.plugin` lines (the services program through the provider plugin)
 *  --no-marginal  skip `service.up.marginal` (an extra up of N/2 services and compose of N/2 per round)
 *  --phases       also record where the time goes (provider/common/phase-timings.ts) into
 *                 bench/results/<timestamp>-phases/ and print the slowest phases
 *
 * Baselines: the empty program (bench/programs/empty) for the Pulumi engine's floor; Debian's
 * docker-compose 1.29 for the same containers (installed by bench/setup.ts when missing); the raw Engine
 * API calls for a single create and a job; a bare `node` start for the plugin's start; the bare YAML
 * parse for the spec pipeline; direct connections for the ingress (bench/ingress, when present).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import type { BenchResult } from "./bench-result";
import { runJobBench } from "./jobs/job-bench";
import { PhaseRecorder } from "./phases";
import { runPluginStartupBench } from "./plugin/plugin-startup";
import { ensureBenchTools } from "./setup";
import { runServiceBench } from "./service/service-bench";
import { runSpecBenchResults } from "./spec/spec-results";
import { ratioTable } from "./ratio-table";
import { startTestPlatform } from "../test/support/test-platform";

const REPO_ROOT = path.resolve(__dirname, "../..");
const ALL = ["service", "job", "spec", "plugin", "ingress"] as const;

/**
 * The ingress benchmark's hook: bench/ingress/ingress-bench.ts exports runIngressBench() (issue #14,
 * point 3). Loaded only when it is there, so this runner works before and after it lands.
 */
async function runIngressBenchIfPresent(): Promise<BenchResult[] | string> {
  const file = path.join(__dirname, "ingress", "ingress-bench.js");
  if (!fs.existsSync(file)) return "bench/ingress/ingress-bench.ts is not there yet: no ingress results";
  const mod = require(file) as { runIngressBench?: () => Promise<BenchResult[]> };
  if (!mod.runIngressBench) return "bench/ingress/ingress-bench.ts exports no runIngressBench";
  return mod.runIngressBench();
}

async function main(): Promise<void> {
  const opts = new Command()
    .option("--services <n>", "services in the pulumi program", "50")
    .option("--replicas <list>", "job sizes", "1")
    .option("--rounds <n>", "samples of single creates and jobs", "3")
    .option("--only <list>", `subset of ${ALL.join(",")}`, ALL.join(","))
    .option("--phases", "record where the time goes")
    .option("--no-plugin", "skip the services program through the provider plugin")
    .option("--no-marginal", "skip the up of half the services (the marginal cost per service)")
    .parse()
    .opts<{ services: string; replicas: string; rounds: string; only: string; phases?: boolean; plugin: boolean; marginal: boolean }>();
  const only = new Set(opts.only.split(","));
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const resultsDir = path.join(REPO_ROOT, "bench", "results");
  fs.mkdirSync(resultsDir, { recursive: true });
  const out = path.join(resultsDir, `${stamp}.jsonl`);
  const phases = new PhaseRecorder(opts.phases ? path.join(resultsDir, `${stamp}-phases`) : undefined);
  const results: BenchResult[] = [];
  const notes: string[] = [];
  const emit = (rs: BenchResult[]) => {
    for (const r of rs) {
      results.push(r);
      console.log(JSON.stringify(r));
      fs.appendFileSync(out, JSON.stringify(r) + "\n");
    }
  };

  if (only.has("spec")) emit(runSpecBenchResults());
  if (only.has("plugin")) emit(await runPluginStartupBench(Number(opts.rounds) * 3));
  if (only.has("service") || only.has("job")) {
    if (only.has("service")) await ensureBenchTools();
    const tp = await startTestPlatform("bench");
    try {
      if (only.has("service")) emit(await runServiceBench(tp, { n: Number(opts.services), rounds: Number(opts.rounds), phases, plugin: opts.plugin, marginal: opts.marginal }));
      if (only.has("job")) emit(await runJobBench(tp, opts.replicas.split(",").map(Number), Number(opts.rounds), phases));
    } finally {
      await tp.dispose();
    }
  }
  if (only.has("ingress")) {
    const r = await runIngressBenchIfPresent();
    if (typeof r === "string") notes.push(r);
    else emit(r);
  }

  console.log("");
  console.log(ratioTable(results));
  for (const n of notes) console.log(`note: ${n}`);
  console.log(`results: ${path.relative(REPO_ROOT, out)}`);
  phases.collect();
  for (const [step, rows] of Object.entries(phases.summaries)) {
    console.log(`\nphases of ${step} (count, total ms, mean ms), slowest first:`);
    for (const r of rows.slice(0, 14)) console.log(`  ${r.phase.padEnd(34)}${String(r.count).padStart(6)}${String(r.totalMs).padStart(9)}${String(r.meanMs).padStart(9)}`);
  }
  if (opts.phases) fs.writeFileSync(path.join(resultsDir, `${stamp}-phases.json`), JSON.stringify(phases.summaries, null, 1) + "\n");
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
