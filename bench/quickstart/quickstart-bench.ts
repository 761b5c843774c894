/**
 * Wall time of the quick start through the real `pulumi` CLI (up, preview, refresh, destroy), against a
 * baseline measured in the same run: the same two objects created and dropped with the `spcs` CLI, i.e.
 * the platform's own cost without the Pulumi engine. Prints a table and one JSON line.
 *
 *     node dist/bench/quickstart/quickstart-bench.js [rounds]
 */
import { performance } from "node:perf_hooks";
import { PulumiProgram, spcsCli } from "../../test/support/pulumi-program";
import { startTestPlatform } from "../../test/support/test-platform";

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 3);
  const t0 = performance.now();
  const tp = await startTestPlatform("bench-quickstart");
  const platformUpMs = performance.now() - t0;
  const program = PulumiProgram.create("quickstart", tp);
  const samples: Record<string, number[]> = { "pulumi up": [], "pulumi preview": [], "pulumi refresh": [], "pulumi destroy": [], "spcs create (baseline)": [], "spcs drop (baseline)": [] };
  const time = (label: string, fn: () => void) => {
    const s = performance.now();
    fn();
    samples[label].push(performance.now() - s);
  };
  try {
    for (let i = 0; i < rounds; i++) {
      time("pulumi up", () => program.must(["up", "--yes", "--skip-preview"]));
      time("pulumi preview", () => program.must(["preview"]));
      time("pulumi refresh", () => program.must(["refresh", "--yes", "--skip-preview"]));
      time("pulumi destroy", () => program.must(["destroy", "--yes", "--skip-preview"]));
      time("spcs create (baseline)", () => {
        must(spcsCli(tp, ["create", "compute-pool", "bench_pool", "--family", "CPU_X64_XS"]));
        must(spcsCli(tp, ["show", "image-repositories"]));
      });
      time("spcs drop (baseline)", () => must(spcsCli(tp, ["drop", "compute-pool", "bench_pool"])));
    }
  } finally {
    program.run(["destroy", "--yes"]);
    program.dispose();
    await tp.dispose();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  console.log(`platform up (warm, own registry + base image push): ${platformUpMs.toFixed(0)} ms`);
  console.log("operation                 median ms");
  for (const [k, v] of Object.entries(m)) console.log(`${k.padEnd(26)}${v.toFixed(0).padStart(9)}`);
  const ratioUp = m["pulumi up"] / m["spcs create (baseline)"];
  const ratioDestroy = m["pulumi destroy"] / m["spcs drop (baseline)"];
  console.log(`ratio pulumi up / spcs create: ${ratioUp.toFixed(1)}x; pulumi destroy / spcs drop: ${ratioDestroy.toFixed(1)}x`);
  console.log(JSON.stringify({ bench: "quickstart", rounds, platformUpMs: Math.round(platformUpMs), medianMs: m, ratioUp, ratioDestroy }));
}

function must(r: { code: number; stderr: string }): void {
  if (r.code !== 0) throw new Error(r.stderr);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
