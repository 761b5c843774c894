/**
 * The whole pipeline: render the template (if any) → parse YAML → check the schema → run the
 * cross-field rules → normalise and digest. Every stage reports diagnostics instead of throwing, and a
 * stage's failure stops only what depends on it: YAML errors stop validation (positions after a syntax
 * error mean little), but schema problems do not stop the rules, so one run reports every problem.
 */
import { appendAll, finishDiagnostics, formatPath, hasErrors, type SpecDiagnostic } from "./diagnostics";
import { locateNode } from "./locate-node";
import { canonicalYaml, normalizeSpec, specDigest } from "./normalize-spec";
import { parseYaml, scalarSource } from "./parse-spec";
import { isTemplate, renderTemplateDetailed } from "./render-template";
import { ALL_RULES } from "./rules/all-rules";
import type { RuleContext, RuleReport } from "./rules/rule";
import type { ServiceSpec } from "./service-spec";
import { isObj, itemsAt, specList } from "./spec-access";
import { SourcePositions, type Substitution } from "./source-positions";
import { MAX_SPEC_BYTES, MAX_SPEC_SIZE_TEXT } from "./spec-limits";
import { schemaReports } from "./zod-issues";

export interface AnalyzeOptions {
  /** Job services reject a few things services allow (see rules/job.ts). Default "service". */
  kind?: "service" | "job";
  /** Shown in formatted diagnostics; not read. */
  file?: string;
  /** USING values; when given (or when the text has `{{ }}`) the text is rendered as a template first. */
  using?: Record<string, string>;
  /** The statement's MIN_INSTANCES and MAX_INSTANCES: a service with block volumes needs them equal (rules/block-instances.ts). */
  instances?: { min: number; max: number };
}

export interface SpecAnalysis {
  ok: boolean;
  diagnostics: SpecDiagnostic[];
  /** The rendered text, when the input was rendered as a template. */
  rendered?: string;
  /** The normalised model (when ok). */
  spec?: ServiceSpec;
  /** The canonical form as a plain object: the same object as `spec`. */
  canonical?: object;
  /** The canonical form as YAML (computed on first read). */
  canonicalYaml?: string;
  /** sha256 hex of the canonical JSON. */
  specDigest?: string;
}

function internalError(e: unknown): SpecDiagnostic {
  return { code: "spec/internal", severity: "error", message: `internal error while checking the specification: ${(e as Error)?.message ?? String(e)}`, hint: "please report this together with the specification", path: "", line: 1, column: 1 };
}

function analyze(text: string, opts: AnalyzeOptions): SpecAnalysis {
  if (typeof text !== "string") return { ok: false, diagnostics: [{ code: "spec/type", severity: "error", message: `the specification must be YAML text, not ${typeof text}`, hint: "pass the file's contents as a string", path: "", line: 1, column: 1 }] };
  const kind = opts.kind === "job" ? "job" : "service";
  // Checked first, without reading a huge text: a UTF-16 unit takes 1 to 3 UTF-8 bytes.
  if (text.length > MAX_SPEC_BYTES / 3 && (text.length > MAX_SPEC_BYTES || Buffer.byteLength(text) > MAX_SPEC_BYTES)) {
    const size = text.length > MAX_SPEC_BYTES * 3 ? `more than ${MAX_SPEC_BYTES}` : String(Buffer.byteLength(text));
    return { ok: false, diagnostics: [{ code: "spec/too-large", severity: "error", message: `the specification is ${size} bytes; a specification may have at most ${MAX_SPEC_BYTES} bytes (${MAX_SPEC_SIZE_TEXT})`, hint: "keep large data out of the specification: put files in a stage volume or the image, and pass settings as short env values", path: "", line: 1, column: 1 }] };
  }
  const diagnostics: SpecDiagnostic[] = [];
  let source = text;
  let rendered: string | undefined;
  let substitutions: Substitution[] | undefined;
  if (opts.using !== undefined || isTemplate(text)) {
    const r = renderTemplateDetailed(text, opts.using ?? {});
    appendAll(diagnostics, r.diagnostics);
    if (r.text === undefined) return { ok: false, diagnostics: finishDiagnostics(diagnostics) };
    source = rendered = r.text;
    substitutions = r.substitutions;
  }

  // Positions are always counted on the text the user wrote; rendered text maps back through the substitutions.
  const parsed = parseYaml(source, new SourcePositions(text, substitutions ?? []));
  appendAll(diagnostics, parsed.diagnostics);
  if (!("value" in parsed)) return { ok: false, diagnostics: finishDiagnostics(diagnostics), rendered };
  const { doc, positions } = parsed;
  const root = parsed.value;
  if (root === null || root === undefined) {
    diagnostics.push({ code: "spec/required", severity: "error", message: "the specification is empty", hint: "start with spec: containers: [{ name: main, image: /db/schema/repo/image:tag }]", path: "spec", line: 1, column: 1 });
    return { ok: false, diagnostics: finishDiagnostics(diagnostics), rendered };
  }

  const reports: RuleReport[] = [];
  const checked = schemaReports(root);
  appendAll(reports, checked.reports);
  const spec = isObj(root) && isObj(root.spec) ? root.spec : undefined;
  const ctx: RuleContext = {
    kind,
    instances: opts.instances,
    root,
    spec,
    containers: specList(spec, "containers"),
    endpoints: specList(spec, "endpoints"),
    volumes: specList(spec, "volumes"),
    serviceRoles: itemsAt(root, "serviceRoles", []),
    report: (r) => reports.push(r),
    sourceText: (path) => scalarSource(source, locateNode(doc, path).node),
  };
  for (const rule of ALL_RULES) {
    try {
      rule(ctx);
    } catch (e) {
      diagnostics.push(internalError(e));
    }
  }
  for (const r of reports) {
    const at = locateNode(doc, r.path, r.target);
    const a = positions.position(at.start);
    const b = positions.position(at.end, "end");
    diagnostics.push({ code: r.code, severity: r.severity ?? "error", message: r.message, hint: r.hint, path: formatPath(r.path), line: a.line, column: a.column, endLine: b.line, endColumn: b.column });
  }

  const final = finishDiagnostics(diagnostics);
  if (hasErrors(final) || !checked.data) return { ok: false, diagnostics: final, rendered };
  const model = normalizeSpec(checked.data, kind);
  const result: SpecAnalysis = { ok: true, diagnostics: final, rendered, spec: model, canonical: model, specDigest: specDigest(model) };
  // YAML serialisation costs about as much as the rest of normalisation, and check() never needs it:
  // compute it on first read, then keep it.
  let yamlText: string | undefined;
  Object.defineProperty(result, "canonicalYaml", { enumerable: true, get: () => (yamlText ??= canonicalYaml(model)) });
  return result;
}

/** Renders (if needed), parses, validates and normalises a specification. Never throws. */
export function analyzeSpec(text: string, opts: AnalyzeOptions = {}): SpecAnalysis {
  try {
    return analyze(text, opts ?? {});
  } catch (e) {
    return { ok: false, diagnostics: [internalError(e)] };
  }
}
