/**
 * Specification templates: `{{ var }}` and `{{ var | default('x'[, true]) }}` rendered with USING values,
 * under SPCS's rules (reference §2):
 * - a USING value must be alphanumeric or valid JSON; JSON is parsed first, so `111`, `true` and `-1.2`
 *   are a number and booleans, `abc` is a string, and anything else must be a JSON string (`"/db/s/r/i:1"`);
 * - a value renders the way Jinja prints it: a string as its content, a number as written, a boolean as
 *   `true`/`false`, a JSON map or list as compact JSON, which is YAML flow syntax, so it substitutes a
 *   whole sub-tree (`env: {{ env }}` with `{"PORT": 8000}`);
 * - `default(d)` applies when the variable has no USING value; `default(d, true)` also when the value is
 *   falsy (Jinja's rule: empty string, 0, false, null, empty list or map);
 * - a variable with neither a value nor a default is an error naming it, at its `{{`;
 * - a string value arrives exactly as given (using-substitution.ts: quoted when it stands for a whole scalar);
 * - the rendered text may not exceed the size limit (spec-limits.ts), so values cannot amplify the input.
 * All problems are reported, not just the first; the text is returned only when there are none.
 */
import { capDiagnostics, compareDiagnostics, type SpecDiagnostic } from "./diagnostics";
import { lineCounterFor, SourcePositions, type Substitution } from "./source-positions";
import { MAX_SPEC_BYTES, MAX_SPEC_SIZE_TEXT, quoteText } from "./spec-limits";
import { ScalarContext } from "./using-substitution";

export interface TemplateRender {
  text?: string;
  diagnostics: SpecDiagnostic[];
  /** Where each placeholder went, for mapping positions in the rendered text back to the template. */
  substitutions: Substitution[];
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A USING value as parsed: its JSON value and the text it renders to. */
interface UsingValue {
  value: Json;
  text: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;
// Matched against the trimmed expression, with no two `\s*` next to each other: the earlier form
// (`\s*(?:…)?\s*$`) backtracked quadratically over a run of spaces (60 KB took 8 s).
const PLACEHOLDER = /^([A-Za-z_][A-Za-z0-9_$]*)(?:\s*\|\s*([A-Za-z_]\w*)(?:\s*\(([\s\S]*)\))?)?$/;
const LITERAL = String.raw`'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|True|False`;
const DEFAULT_ARGS = new RegExp(String.raw`^\s*(${LITERAL})\s*(?:,\s*(true|false|True|False)\s*)?$`);

/** True when the text uses template syntax and must be rendered before it is parsed. */
export function isTemplate(text: string): boolean {
  return text.includes("{{") || text.includes("{%") || text.includes("{#");
}

function renderJson(value: Json, written: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return written.trim();
  if (typeof value === "boolean" || value === null) return String(value);
  return JSON.stringify(value);
}

function isFalsy(value: Json): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (value !== null && typeof value === "object") return Object.keys(value).length === 0;
  return !value;
}

function parseUsingValue(raw: string): UsingValue | undefined {
  if (raw === "") return { value: "", text: "" };
  try {
    const value = JSON.parse(raw) as Json;
    return { value, text: renderJson(value, raw) };
  } catch {
    return /^[A-Za-z0-9]+$/.test(raw) ? { value: raw, text: raw } : undefined;
  }
}

function parseLiteral(lit: string): UsingValue {
  if (lit.startsWith("'") || lit.startsWith('"')) {
    const body = lit.slice(1, -1).replace(/\\(.)/g, "$1");
    return { value: body, text: body };
  }
  if (/^(true|false)$/i.test(lit)) return { value: lit.toLowerCase() === "true", text: lit.toLowerCase() };
  return { value: Number(lit), text: lit };
}

export function renderTemplateDetailed(text: string, using: Record<string, string>): TemplateRender {
  const positions = new SourcePositions(text, [], lineCounterFor(text));
  const diagnostics: SpecDiagnostic[] = [];
  const report = (code: string, severity: "error" | "warning", start: number, end: number, message: string, hint: string, path = ""): void => {
    const a = positions.position(start);
    const b = positions.position(end, "end");
    diagnostics.push({ code, severity, message, hint, path, line: a.line, column: a.column, endLine: b.line, endColumn: b.column });
  };

  // USING keys may be written quoted ("KEY"), as in SQL; names are case-sensitive either way.
  const values = new Map<string, UsingValue>();
  const invalid = new Map<string, string>();
  for (const [rawKey, raw] of Object.entries(using)) {
    const key = /^".*"$/.test(rawKey) ? rawKey.slice(1, -1) : rawKey;
    if (!IDENTIFIER.test(key)) {
      report("template/invalid-key", "error", 0, 0, `USING key '${quoteText(rawKey)}' is not a valid identifier`, "use letters, digits, '_' and '$', starting with a letter or '_'", `using.${quoteText(rawKey)}`);
      continue;
    }
    const parsed = parseUsingValue(String(raw));
    if (parsed) values.set(key, parsed);
    else invalid.set(key, String(raw));
  }
  const reportInvalid = (key: string, start: number, end: number): void =>
    report("template/invalid-value", "error", start, end, `Unable to render service spec from given template: the USING value of '${key}' is neither alphanumeric nor valid JSON`, `pass non-alphanumeric text as a JSON string: ${key} => '${quoteText(JSON.stringify(invalid.get(key)) ?? "")}'`, `using.${key}`);

  const used = new Set<string>();
  const context = new ScalarContext(text);
  const substitutions: Substitution[] = [];
  let out = "";
  let last = 0;
  const opener = /\{\{|\{%|\{#/g;
  for (let m = opener.exec(text); m; m = opener.exec(text)) {
    const start = m.index;
    if (m[0] !== "{{") {
      const close = text.indexOf(m[0] === "{%" ? "%}" : "#}", start + 2);
      report("template/unsupported", "error", start, close === -1 ? start + 2 : close + 2, `only {{ variable }} placeholders are supported, not Jinja '${m[0]} … ${m[0] === "{%" ? "%}" : "#}"}' blocks`, "remove the block, or render the spec with your own tooling before passing it");
      // Unclosed, the block runs to the end of the text: one problem, reported once (searching again for
      // each later opener made this quadratic, with one diagnostic per opener).
      if (close === -1) break;
      opener.lastIndex = close + 2;
      continue;
    }
    const close = text.indexOf("}}", start + 2);
    if (close === -1) {
      report("template/syntax", "error", start, start + 2, "the placeholder opened here is not closed with '}}'", "close it: {{ variable }}");
      break;
    }
    const end = close + 2;
    opener.lastIndex = end;
    const expr = text.slice(start + 2, close);
    const pm = PLACEHOLDER.exec(expr.trim());
    if (!pm) {
      report("template/syntax", "error", start, end, `'{{${quoteText(expr)}}}' is not a placeholder`, "write {{ variable }} or {{ variable | default('value') }}");
      continue;
    }
    const [, name, filter, args] = pm;
    let fallback: UsingValue | undefined;
    let defaultOnFalsy = false;
    if (filter !== undefined) {
      if (filter !== "default" && filter !== "d") {
        report("template/unsupported", "error", start, end, `the filter '${quoteText(filter)}' is not supported`, "only default('value') and default('value', true) are supported");
        continue;
      }
      const am = DEFAULT_ARGS.exec(args ?? "");
      if (!am) {
        report("template/syntax", "error", start, end, `default(${quoteText(args ?? "")}) needs a literal value and an optional boolean`, "write default('value') or default('value', true)");
        continue;
      }
      fallback = parseLiteral(am[1]);
      defaultOnFalsy = am[2] !== undefined && am[2].toLowerCase() === "true";
    }
    used.add(name);
    if (invalid.has(name)) {
      reportInvalid(name, start, end);
      continue;
    }
    const given = values.get(name);
    let chosen = given;
    if (fallback && (!given || (defaultOnFalsy && isFalsy(given.value)))) chosen = fallback;
    if (!chosen) {
      report("template/missing-value", "error", start, end, `Unable to render service spec from given template: variable '${name}' has no USING value and no default`, `pass ${name} => '<value>' in USING, --using ${name}=<value> on the command line, or give it a default: {{ ${name} | default('<value>') }}`, `using.${name}`);
      continue;
    }
    const value = typeof chosen.value === "string" ? context.substitute(chosen.text, start, end) : chosen.text;
    out += text.slice(last, start);
    substitutions.push({ renderedStart: out.length, renderedEnd: out.length + value.length, originalStart: start, originalEnd: end });
    out += value;
    last = end;
    if (out.length > MAX_SPEC_BYTES) break;
  }
  out += text.slice(last);
  if (out.length > MAX_SPEC_BYTES && Buffer.byteLength(out) > MAX_SPEC_BYTES) {
    report("spec/too-large", "error", 0, 0, `the rendered specification is more than ${MAX_SPEC_BYTES} bytes; a specification may have at most ${MAX_SPEC_BYTES} bytes (${MAX_SPEC_SIZE_TEXT}) once its USING values are substituted`, "pass shorter USING values; keep large data in a stage volume or the image");
  }

  // Invalid values are reported where they are used; one that is never used is reported once, at the top.
  for (const key of invalid.keys()) if (!used.has(key)) reportInvalid(key, 0, 0);
  for (const key of values.keys()) {
    if (!used.has(key)) report("template/unused-value", "warning", 0, 0, `the USING value '${key}' is not used by the template`, `remove it, or reference it as {{ ${key} }}`, `using.${key}`);
  }
  diagnostics.sort(compareDiagnostics);
  const failed = diagnostics.some((d) => d.severity === "error");
  return { text: failed ? undefined : out, diagnostics, substitutions };
}

/** Public form: the rendered text, or the diagnostics that stopped it. */
export function renderTemplate(text: string, using: Record<string, string>): { text?: string; diagnostics: SpecDiagnostic[] } {
  const r = renderTemplateDetailed(text, using);
  // analyzeSpec caps the whole list once; this public form caps its own.
  return { text: r.text, diagnostics: capDiagnostics(r.diagnostics) };
}
