import * as fs from "node:fs";
import { performance } from "node:perf_hooks";

/**
 * Where the time of an operation goes, for `npm run bench` and the notes (docs/performance.md). Off
 * unless SPCS_PHASE_TIMINGS names a file: then every timed phase appends one JSON line
 * `{"phase":"Service.create","ms":123.4,"pid":42}` to it. Phases nest (a create contains its engine
 * calls), so totals of different phases do not add up to the wall time; counts and sums per phase do.
 * The dynamic provider inherits the variable from the `pulumi` CLI, so this sees inside `pulumi up`.
 */
export function phaseTimingsFile(): string | undefined {
  return process.env.SPCS_PHASE_TIMINGS || undefined;
}

/** Runs `fn`, recording its duration under `phase` when timings are on; otherwise just runs it. */
export async function timed<T>(phase: string, fn: () => Promise<T>): Promise<T> {
  const file = phaseTimingsFile();
  if (!file) return fn();
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    recordPhase(file, phase, performance.now() - t0);
  }
}

/** One measured phase. */
export interface PhaseTiming {
  phase: string;
  ms: number;
  pid: number;
}

function recordPhase(file: string, phase: string, ms: number): void {
  const line: PhaseTiming = { phase, ms: Math.round(ms * 10) / 10, pid: process.pid };
  try {
    fs.appendFileSync(file, JSON.stringify(line) + "\n");
  } catch {
    // Measuring never fails an operation.
  }
}

/** Count, total and mean per phase, slowest total first. */
export function summarizePhases(lines: PhaseTiming[]): { phase: string; count: number; totalMs: number; meanMs: number; maxMs: number }[] {
  const by = new Map<string, number[]>();
  for (const l of lines) by.set(l.phase, [...(by.get(l.phase) ?? []), l.ms]);
  return [...by.entries()]
    .map(([phase, ms]) => {
      const totalMs = ms.reduce((a, b) => a + b, 0);
      return { phase, count: ms.length, totalMs: Math.round(totalMs), meanMs: Math.round((totalMs / ms.length) * 10) / 10, maxMs: Math.max(...ms) };
    })
    .sort((a, b) => b.totalMs - a.totalMs);
}

/** Reads a timings file (missing: none), skipping lines a concurrent writer left half-written. */
export function readPhaseTimings(file: string): PhaseTiming[] {
  let text = "";
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const out: PhaseTiming[] = [];
  for (const l of text.split("\n")) {
    try {
      if (l.trim()) out.push(JSON.parse(l) as PhaseTiming);
    } catch {
      // a torn line
    }
  }
  return out;
}
