/**
 * What a cross-field rule sees and how it reports. Rules are plain functions over the parsed document;
 * each reports through `ctx.report` with a stable code from diagnostic-codes.ts and a path as written.
 */
import type { DiagnosticCode } from "../diagnostic-codes";
import type { PathSegment } from "../diagnostics";
import type { Item, Obj } from "../spec-access";

export interface RuleReport {
  code: DiagnosticCode;
  path: PathSegment[];
  message: string;
  hint?: string;
  severity?: "error" | "warning";
  /** Point at the key rather than the value (for fields that should not be there). */
  target?: "key" | "value";
}

export interface RuleContext {
  kind: "service" | "job";
  /** The statement's MIN_INSTANCES and MAX_INSTANCES, when the caller knows them. */
  instances?: { min: number; max: number };
  /** The whole document value. */
  root: unknown;
  /** `root.spec` when it is a mapping. */
  spec: Obj | undefined;
  containers: Item[];
  endpoints: Item[];
  volumes: Item[];
  serviceRoles: Item[];
  report(r: RuleReport): void;
  /** The source text of the scalar at `path`, as written in the parsed text. */
  sourceText(path: PathSegment[]): string | undefined;
}

export type SpecRule = (ctx: RuleContext) => void;
