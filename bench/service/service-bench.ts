/**
 * Services through the real `pulumi` CLI: `up`, a no-op `preview` and `refresh` of N
 * one-container services, each against its baseline in the same run: the empty program's `up` /
 * `preview` / `refresh` (the engine's own floor) and Debian's docker-compose 1.29 starting the same
 * containers. Plus one service created by the provider's code path against the raw Engine API calls it
 * makes. Part of `npm run bench` (bench/run.ts); standalone:
 *
 *     node dist/bench/service/service-bench.js [N, default 50]
 *
 * What each side includes: `pulumi up` runs the program, validates every spec, schedules, pins the image
 * digest, starts a network container and the app container per service, and waits until every service
 * is RUNNING (READY, and holding). `docker-compose up -d` starts the containers and waits for nothing.
 */
import { performance } from "node:perf_hooks";
import { benchResult, type BenchResult } from "../bench-result";
import { withAnchorService } from "../anchor";
import { PhaseRecorder } from "../phases";
import { ensureBenchTools } from "../setup";
import { describeService } from "../../provider/statements/services";
import { PulumiProgram } from "../../test/support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../../test/support/test-platform";
import { composeUpDown } from "./compose-baseline";
import { PluginProgram } from "./plugin-program";
import { providerVsRaw } from "./provider-vs-raw";

export interface ServiceBenchOptions {
  /** Services in the program (the goal is stated for 50). */
  n: number;
  /** Rounds of every measurement and its baseline (medians are reported). */
  rounds: number;
  phases?: PhaseRecorder;
  /**
   * Also the same program through the provider plugin (bench/programs/services-plugin), next to the same
   * empty-program baselines in each round: the `.plugin` lines.
   */
  plugin?: boolean;
  /**
   * Also `up` of half the services from scratch (and compose of half the containers), for the marginal
   * cost per service: the slope (up(N) - up(N/2)) / (N - N/2), where every fixed cost cancels.
   */
  marginal?: boolean;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Times one CLI command; it must succeed. */
function timedPulumi(program: PulumiProgram, args: string[], env: Record<string, string> = {}): number {
  const t = performance.now();
  const r = program.run(args, env);
  if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return performance.now() - t;
}

export async function runServiceBench(tp: TestPlatform, opts: ServiceBenchOptions): Promise<BenchResult[]> {
  const { n } = opts;
  const phases = opts.phases ?? new PhaseRecorder(undefined);
  const empty = PulumiProgram.create("bench/programs/empty", tp);
  const program = PulumiProgram.create("bench/programs/services", tp);
  const plugin = opts.plugin ? PluginProgram.create(tp) : undefined;
  const half = opts.marginal && n >= 2 ? Math.floor(n / 2) : 0;
  const t: Record<string, number[]> = {};
  const sample = (k: string, ms: number) => (t[k] ??= []).push(ms);
  try {
    // The empty program's first `up` creates its stack resource; later ones are what a no-op costs.
    timedPulumi(empty, ["up", "--yes", "--skip-preview"]);
    program.must(["config", "set", "count", String(n)]);
    plugin?.program.must(["config", "set", "count", String(n)]);
    // Each measurement next to its baseline, round after round, so a load spike on the shared machine
    // hits both sides; medians are reported.
    for (let r = 0; r < opts.rounds; r++) {
      sample("emptyUp", timedPulumi(empty, ["up", "--yes", "--skip-preview"]));
      sample("up", timedPulumi(program, ["up", "--yes", "--skip-preview"], phases.env(`up-${n}-${r}`)));
      await expectRunning(tp, n);
      sample("emptyPreview", timedPulumi(empty, ["preview"]));
      sample("preview", timedPulumi(program, ["preview", "--expect-no-changes"], phases.env(`preview-${n}-${r}`)));
      sample("emptyRefresh", timedPulumi(empty, ["refresh", "--yes", "--skip-preview"]));
      sample("refresh", timedPulumi(program, ["refresh", "--yes", "--skip-preview"], phases.env(`refresh-${n}-${r}`)));
      program.must(["destroy", "--yes", "--skip-preview"]);
      if (half) {
        program.must(["config", "set", "count", String(half)]);
        sample("upHalf", timedPulumi(program, ["up", "--yes", "--skip-preview"]));
        await expectRunning(tp, half);
        program.must(["destroy", "--yes", "--skip-preview"]);
        program.must(["config", "set", "count", String(n)]);
        sample("composeUpHalf", composeUpDown(tp, half, "app").upMs);
      }
      if (plugin) {
        const env = (step: string) => plugin.env(phases.env(`${step}-${n}-${r}-plugin`));
        sample("pluginUp", timedPulumi(plugin.program, ["up", "--yes", "--skip-preview"], env("up")));
        await expectRunning(tp, n);
        sample("pluginPreview", timedPulumi(plugin.program, ["preview", "--expect-no-changes"], env("preview")));
        sample("pluginRefresh", timedPulumi(plugin.program, ["refresh", "--yes", "--skip-preview"], env("refresh")));
        timedPulumi(plugin.program, ["destroy", "--yes", "--skip-preview"], plugin.env());
      }
      sample("composeUp", composeUpDown(tp, n, "app").upMs);
      sample("composeInstanceUp", composeUpDown(tp, n, "instance").upMs);
      const one = await withAnchorService(tp, () => phases.around(`create-one-${r}`, () => providerVsRaw(tp, r)));
      sample("createProvider", one.providerMs);
      sample("createReady", one.providerReadyMs);
      sample("createRaw", one.rawMs);
    }
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
    const ms = (x: number) => `${Math.round(x)} ms`;
    const of = `median of ${opts.rounds}`;
    const pluginLines = !plugin
      ? []
      : [
          benchResult(`service.up.${n}.plugin`, "ms", m.pluginUp - m.emptyUp, m.composeUp, `the same services through the spcs provider plugin: pulumi up (${ms(m.pluginUp)}) minus the empty program's up, vs docker-compose up -d of the ${n} app containers, ${of}`),
          benchResult(`service.preview.${n}.plugin`, "ms", m.pluginPreview, m.emptyPreview, `no-op pulumi preview of ${n} services through the plugin vs the empty program's preview: +${ms(m.pluginPreview - m.emptyPreview)} (goal <= +1000 ms), ${of}`),
          benchResult(`service.refresh.${n}.plugin`, "ms", m.pluginRefresh, m.emptyRefresh, `pulumi refresh of ${n} services through the plugin vs the empty program's refresh: +${ms(m.pluginRefresh - m.emptyRefresh)} (goal <= +1000 ms), ${of}`),
        ];
    const marginalLines = !half
      ? []
      : [
          benchResult(`service.up.marginal`, "ms", (m.up - m.upHalf) / (n - half), (m.composeUp - m.composeUpHalf) / (n - half), `marginal cost of one service: (up of ${n} - up of ${half}) / ${n - half}, from scratch each (fixed costs cancel), vs the same slope of docker-compose up -d; medians of ${opts.rounds}; goal <= 1.5`),
        ];
    return [
      benchResult(`service.up.${n}`, "ms", m.up - m.emptyUp, m.composeUp, `pulumi up of ${n} services (${ms(m.up)}) minus the empty program's up (${ms(m.emptyUp)}), vs docker-compose up -d of the ${n} app containers, ${of}; goal <= 1.5`),
      benchResult(`service.up.${n}.same-layout`, "ms", m.up - m.emptyUp, m.composeInstanceUp, `the same pulumi up vs docker-compose up -d of the same ${2 * n} containers (network container + app container per service), ${of}`),
      benchResult(`service.preview.${n}`, "ms", m.preview, m.emptyPreview, `no-op pulumi preview of ${n} services vs the empty program's preview: +${ms(m.preview - m.emptyPreview)} (goal <= +1000 ms), ${of}`),
      benchResult(`service.refresh.${n}`, "ms", m.refresh, m.emptyRefresh, `pulumi refresh of ${n} services vs the empty program's refresh: +${ms(m.refresh - m.emptyRefresh)} (goal <= +1000 ms), ${of}`),
      benchResult("service.create.1", "ms", m.createProvider, m.createRaw, `provider CREATE SERVICE of one service vs the raw Engine API calls it makes, on a platform already in use (its networks exist), ${of}; until RUNNING: ${ms(m.createReady)}; goal <= 1.2`),
      ...marginalLines,
      ...pluginLines,
    ];
  } finally {
    program.run(["destroy", "--yes"]);
    program.dispose();
    plugin?.run(["destroy", "--yes"]);
    plugin?.dispose();
    empty.dispose();
  }
}

/** Every service of the program is RUNNING, as DESCRIBE SERVICE shows it. */
async function expectRunning(tp: TestPlatform, n: number): Promise<void> {
  const statuses = await Promise.all(tp.platform.catalog.services.list().map(async (s) => (await describeService(tp.platform, { database: s.databaseName, schema: s.schemaName, name: s.name }))?.status));
  const running = statuses.filter((s) => s === "RUNNING").length;
  if (running !== n) throw new Error(`expected ${n} RUNNING services after up, found ${running}`);
}

if (require.main === module) {
  (async () => {
    await ensureBenchTools();
    const tp = await startTestPlatform("bench-service");
    try {
      for (const r of await runServiceBench(tp, { n: Number(process.argv[2] ?? 50), rounds: 1 })) console.log(JSON.stringify(r));
    } finally {
      await tp.dispose();
    }
  })().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
