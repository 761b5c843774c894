/**
 * No-op `preview` and `refresh` only, many rounds: the empty program, the services program through the
 * dynamic SDK and the same services through the provider plugin, all three deployed side by side and
 * measured one after the other in every round. Prints every sample and the per-round differences (paired,
 * so a load spike that hits a whole round cancels out), which on a shared machine are steadier than the
 * medians of `npm run bench`'s `service.*` lines. Not part of `npm run bench` (no `up`, no compose):
 *
 *     node dist/bench/service/noop-bench.js [rounds, default 7] [services, default 5]
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { PulumiResult } from "../../test/support/pulumi-program";
import { PulumiProgram } from "../../test/support/pulumi-program";
import { startTestPlatform } from "../../test/support/test-platform";
import { PluginProgram } from "./plugin-program";

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timed(run: (args: string[]) => PulumiResult, args: string[]): number {
  const t = performance.now();
  const r = run(args);
  if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return Math.round(performance.now() - t);
}

async function main(rounds: number, n: number): Promise<void> {
  const tp = await startTestPlatform("bench-noop");
  const empty = PulumiProgram.create("bench/programs/empty", tp);
  const dynamic = PulumiProgram.create("bench/programs/services", tp);
  const plugin = PluginProgram.create(tp);
  const s: Record<string, number[]> = {};
  const add = (k: string, ms: number) => (s[k] ??= []).push(ms);
  try {
    dynamic.must(["config", "set", "count", String(n)]);
    plugin.program.must(["config", "set", "count", String(n)]);
    // Both services programs stay deployed: the plugin's in its own database and pool.
    const index = path.join(plugin.program.dir, "index.ts");
    fs.writeFileSync(index, fs.readFileSync(index, "utf8").replace('"bench_db"', '"bench_db_plugin"').replace('"bench_pool"', '"bench_pool_plugin"'));
    const runs = { empty: (a: string[]) => empty.run(a), dynamic: (a: string[]) => dynamic.run(a), plugin: (a: string[]) => plugin.run(a) };
    for (const run of Object.values(runs)) timed(run, ["up", "--yes", "--skip-preview"]);
    for (let r = 0; r < rounds; r++) {
      for (const [k, run] of Object.entries(runs)) add(`preview.${k}`, timed(run, k === "empty" ? ["preview"] : ["preview", "--expect-no-changes"]));
      for (const [k, run] of Object.entries(runs)) add(`refresh.${k}`, timed(run, ["refresh", "--yes", "--skip-preview"]));
    }
    for (const [k, xs] of Object.entries(s)) console.log(`${k.padEnd(18)} median ${median(xs)} ms   samples ${xs.join(" ")}`);
    for (const op of ["preview", "refresh"]) {
      const diff = (a: string, b: string) => s[`${op}.${a}`].map((x, i) => x - s[`${op}.${b}`][i]);
      console.log(`${op}: per-round median difference: dynamic - empty ${median(diff("dynamic", "empty"))} ms, plugin - empty ${median(diff("plugin", "empty"))} ms, plugin - dynamic ${median(diff("plugin", "dynamic"))} ms`);
    }
  } finally {
    dynamic.run(["destroy", "--yes"]);
    plugin.run(["destroy", "--yes"]);
    dynamic.dispose();
    plugin.dispose();
    empty.dispose();
    await tp.dispose();
  }
}

main(Number(process.argv[2] ?? 7), Number(process.argv[3] ?? 5)).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
