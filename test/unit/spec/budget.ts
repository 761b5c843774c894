/**
 * Time budgets for the spec tests, in CPU time of this process: the machine running the suite is shared,
 * so wall time varies with its load, while the work the analyser does (what a budget is about) does not.
 */
import assert from "node:assert/strict";
import { analyzeSpec, type AnalyzeOptions, type SpecAnalysis } from "../../../provider/spec";

/** Every input of the spec language is analysed in under this much CPU time. */
export const BUDGET_MS = 1000;

export function cpuTimed<T>(f: () => T): { value: T; ms: number } {
  const start = process.cpuUsage();
  const value = f();
  const used = process.cpuUsage(start);
  return { value, ms: (used.user + used.system) / 1000 };
}

/** analyzeSpec, asserting it stays within the budget (or `budget` ms). */
export function analyzeWithin(text: string, opts: AnalyzeOptions = {}, budget = BUDGET_MS): SpecAnalysis {
  const { value, ms } = cpuTimed(() => analyzeSpec(text, opts));
  assert.ok(ms < budget, `analysis of ${text.length} characters took ${ms.toFixed(0)} ms of CPU (budget ${budget} ms)`);
  return value;
}

/** Every position is a line of the text and a column of that line (or just past its end). */
export function assertPositionsInside(r: SpecAnalysis, text: string): void {
  const lines = text.split("\n");
  const inside = (l: number, c: number): boolean => Number.isInteger(l) && Number.isInteger(c) && l >= 1 && l <= lines.length && c >= 1 && c <= lines[l - 1].length + 1;
  for (const d of r.diagnostics) {
    assert.ok(inside(d.line, d.column), `${d.code} at ${d.line}:${d.column} is outside the text`);
    if (d.endLine !== undefined && d.endColumn !== undefined) {
      assert.ok(inside(d.endLine, d.endColumn), `${d.code} ends at ${d.endLine}:${d.endColumn}, outside the text`);
      assert.ok(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column), `${d.code} ends before it starts`);
    }
  }
}
