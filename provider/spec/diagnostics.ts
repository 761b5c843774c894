import { oneLine } from "../common/text";
/**
 * The diagnostic shape every stage of the pipeline reports, and how it is printed.
 */
import type { DiagnosticCode } from "./diagnostic-codes";
import { MAX_DIAGNOSTICS } from "./spec-limits";

export interface SpecDiagnostic {
  code: DiagnosticCode | string;
  severity: "error" | "warning";
  message: string;
  /** How to fix it. */
  hint?: string;
  /** Where, as written in the document: `spec.containers[1].env.PORT`. Empty for the document itself. */
  path: string;
  /** 1-based line and column in the ORIGINAL text (before template rendering). */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export type PathSegment = string | number;

/**
 * `["spec","containers",1,"env","PORT"]` → `spec.containers[1].env.PORT`. Keys that would be ambiguous in
 * a dotted path (dots, brackets, quotes, spaces) are bracket-quoted: `limits["nvidia.com/gpu"]`.
 */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z0-9_$/-]+$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** `file:line:col: error CODE: message (hint)` — the compiler-style line editors and CI annotate. */
export function formatDiagnostic(d: SpecDiagnostic, file?: string): string {
  const where = `${file ?? "<spec>"}:${d.line}:${d.column}`;
  // One line each, whatever the message quotes from the spec: a newline in a value cannot forge another diagnostic.
  return oneLine(`${where}: ${d.severity} ${d.code}: ${d.message}${d.hint ? ` (${d.hint})` : ""}`);
}

/** Document order, then errors before warnings, then by code, so output is stable. */
export function compareDiagnostics(a: SpecDiagnostic, b: SpecDiagnostic): number {
  return a.line - b.line || a.column - b.column || (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) || a.code.localeCompare(b.code) || a.message.localeCompare(b.message);
}

/**
 * Sorted, without exact repeats (two stages may notice the same problem at the same place), and at most
 * MAX_DIAGNOSTICS long: a flood of diagnostics (one per placeholder of a 200 KB template) helps nobody and
 * costs time and memory downstream, so the last one says how many more there were.
 */
export function finishDiagnostics(list: readonly SpecDiagnostic[]): SpecDiagnostic[] {
  const seen = new Set<string>();
  const out: SpecDiagnostic[] = [];
  for (const d of [...list].sort(compareDiagnostics)) {
    const key = `${d.code}\u0000${d.path}\u0000${d.line}:${d.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return capDiagnostics(out);
}

/** The first MAX_DIAGNOSTICS - 1 of a sorted list, then one "and N more" at the first one left out. */
export function capDiagnostics(sorted: SpecDiagnostic[]): SpecDiagnostic[] {
  if (sorted.length <= MAX_DIAGNOSTICS) return sorted;
  const kept = sorted.slice(0, MAX_DIAGNOSTICS - 1);
  const rest = sorted.slice(MAX_DIAGNOSTICS - 1);
  const errors = rest.filter((d) => d.severity === "error").length;
  const first = rest[0];
  kept.push({
    code: "spec/too-many-diagnostics",
    severity: errors > 0 ? "error" : "warning",
    message: `and ${rest.length} more (${errors} errors, ${rest.length - errors} warnings) not listed`,
    hint: "fix the problems listed, then check again to see the rest",
    path: "",
    line: first.line,
    column: first.column,
  });
  return kept;
}

/** Appends without spreading: `push(...list)` overflows the stack for very long lists. */
export function appendAll<T>(to: T[], from: readonly T[]): void {
  for (const x of from) to.push(x);
}

export function hasErrors(list: readonly SpecDiagnostic[]): boolean {
  return list.some((d) => d.severity === "error");
}
