import type { BenchResult } from "./bench-result";

/** The table `npm run bench` ends with: each benchmark, its value, its same-run baseline and the ratio. */
export function ratioTable(results: BenchResult[]): string {
  const rows = results.map((r) => [r.bench, `${r.value} ${r.unit}`, `${r.baseline} ${r.unit}`, `${r.ratio.toFixed(2)}x`]);
  const head = ["benchmark", "value", "baseline (same run)", "ratio"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
