/**
 * One benchmark's result, as `npm run bench` writes it (one JSON line each) and tabulates it.
 *
 * `value` and `baseline` are measured in the same run on the same machine, in `unit`; `ratio` is
 * value / baseline (lower is better), which is what the project reports: absolute times on a shared
 * machine move with its load, ratios against a same-run baseline much less.
 */
export type BenchResult = {
  /** What was measured, e.g. "service.up.50" or "ingress.latency". */
  bench: string;
  /** "ms", "MB/s", "ops/s", ... */
  unit: string;
  value: number;
  baseline: number;
  ratio: number;
  /** What the baseline is, N, or why a number is what it is. */
  note?: string;
};

/** A result whose ratio is value / baseline (rounded for reading; the raw numbers stay). */
export function benchResult(bench: string, unit: string, value: number, baseline: number, note?: string): BenchResult {
  const ratio = baseline === 0 ? Number.POSITIVE_INFINITY : Math.round((value / baseline) * 1000) / 1000;
  return { bench, unit, value: Math.round(value * 10) / 10, baseline: Math.round(baseline * 10) / 10, ratio, ...(note !== undefined && { note }) };
}
