/**
 * The diagnostic shape every stage of the pipeline reports, and how it is printed.
 */
import type { DiagnosticCode } from "./diagnostic-codes";

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
  return `${where}: ${d.severity} ${d.code}: ${d.message}${d.hint ? ` (${d.hint})` : ""}`;
}

/** Document order, then errors before warnings, then by code, so output is stable. */
export function compareDiagnostics(a: SpecDiagnostic, b: SpecDiagnostic): number {
  return a.line - b.line || a.column - b.column || (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) || a.code.localeCompare(b.code) || a.message.localeCompare(b.message);
}

/** Sorted, without exact repeats (two stages may notice the same problem at the same place). */
export function finishDiagnostics(list: SpecDiagnostic[]): SpecDiagnostic[] {
  const seen = new Set<string>();
  const out: SpecDiagnostic[] = [];
  for (const d of [...list].sort(compareDiagnostics)) {
    const key = `${d.code}\u0000${d.path}\u0000${d.line}:${d.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

export function hasErrors(list: readonly SpecDiagnostic[]): boolean {
  return list.some((d) => d.severity === "error");
}
