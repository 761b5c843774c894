/**
 * YAML text → document tree + plain value, with syntax problems as diagnostics. The tree keeps node
 * ranges, which is how every later diagnostic finds its line and column.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document } from "yaml";
import { aliasReport } from "./alias-expansion";
import { flowDepthExceeded } from "./flow-depth";
import type { SpecDiagnostic } from "./diagnostics";
import type { SourcePositions } from "./source-positions";
import { MAX_SPEC_BYTES, MAX_SPEC_SIZE_TEXT } from "./spec-limits";

export interface ParsedYaml {
  doc: Document.Parsed;
  /** The plain value, when the text parsed without errors. */
  value?: unknown;
  diagnostics: SpecDiagnostic[];
}

/** Fixes for the syntax errors people actually make; others get a generic hint. */
const YAML_HINTS: Record<string, string> = {
  DUPLICATE_KEY: "remove or rename one of the two keys",
  TAB_AS_INDENT: "indent with spaces; YAML does not allow tabs",
  BAD_INDENT: "check the indentation here, and that every bracket and quote opened before is closed",
  MULTIPLE_DOCS: "put one specification per file (remove the extra '---')",
  MISSING_CHAR: "close the quote or bracket that was opened",
  BAD_DQ_ESCAPE: "escape backslashes in double quotes as \\\\, or use single quotes",
  BLOCK_AS_IMPLICIT_KEY: "add the missing ':' or fix the indentation of the previous line",
  MULTILINE_IMPLICIT_KEY: "keep a key on one line and end it with ':'",
  UNEXPECTED_TOKEN: "check the indentation and punctuation around here",
  BAD_ALIAS: "define the anchor (&name) before using *name",
};

const kebab = (code: string): string => code.toLowerCase().replace(/_/g, "-");

/**
 * Parses `text` (the rendered text when it was a template); `positions` maps offsets back to the text the
 * user wrote. Positions never come from the parser's LineCounter: during error recovery it misses line
 * starts inside multi-line scalars, so later errors would land on the wrong line.
 */
export function parseYaml(text: string, pos: SourcePositions): ParsedYaml & { positions: SourcePositions } {
  const tooDeep = flowDepthExceeded(text, MAX_DEPTH);
  if (tooDeep !== -1) {
    const a = pos.position(tooDeep);
    const b = pos.position(tooDeep + 1, "end");
    const diagnostics: SpecDiagnostic[] = [{ code: "yaml/resource-exhaustion", severity: "error", message: `the document nests deeper than ${MAX_DEPTH} levels`, hint: "flatten the nested lists and mappings", path: "", line: a.line, column: a.column, endLine: b.line, endColumn: b.column }];
    return { doc: parseDocument(""), diagnostics, positions: pos };
  }
  // logLevel "error": problems become diagnostics here, never process warnings on stderr. uniqueKeys is
  // checked below in one pass: the parser's own check compares every key with every earlier one.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: true, version: "1.2", logLevel: "error" });
  const diagnostics: SpecDiagnostic[] = [];
  const add = (severity: "error" | "warning", code: string, [start, end]: [number, number], message: string, hint: string): void => {
    const a = pos.position(start);
    const b = pos.position(end, "end");
    diagnostics.push({ code, severity, message, hint, path: "", line: a.line, column: a.column, endLine: b.line, endColumn: b.column });
  };
  for (const e of doc.errors) add("error", `yaml/${kebab(e.code)}`, e.pos, e.message, YAML_HINTS[e.code] ?? "fix the YAML syntax here");
  for (const w of doc.warnings) add("warning", `yaml/${kebab(w.code)}`, w.pos, w.message, YAML_HINTS[w.code] ?? "check the YAML here");
  // Everything after this walks the tree recursively; a specification is a dozen levels deep.
  if (!doc.errors.length && deeperThan(doc, MAX_DEPTH)) {
    add("error", "yaml/resource-exhaustion", [0, 0], `the document nests deeper than ${MAX_DEPTH} levels`, "flatten the nested lists and mappings");
    return { doc, diagnostics, positions: pos };
  }
  let duplicates = 0;
  for (const at of duplicateKeys(doc)) {
    duplicates++;
    add("error", "yaml/duplicate-key", [at, at + 1], "Map keys must be unique", YAML_HINTS.DUPLICATE_KEY);
  }
  if (doc.errors.length || duplicates) return { doc, diagnostics, positions: pos };
  const aliases = aliasReport(doc, MAX_SPEC_BYTES);
  if (aliases.unresolved) {
    add("error", "yaml/bad-alias", aliases.unresolved.range, `the alias *${aliases.unresolved.source} refers to no anchor`, YAML_HINTS.BAD_ALIAS);
    return { doc, diagnostics, positions: pos };
  }
  if (aliases.expandedSize > MAX_SPEC_BYTES) {
    add("error", "yaml/excessive-aliases", [0, 0], `the document expands to more than ${MAX_SPEC_SIZE_TEXT} once its aliases are expanded`, "use fewer or smaller anchors and aliases (*name)");
    return { doc, diagnostics, positions: pos };
  }
  try {
    // Alias expansion is also capped by count (the default 100), as it always was.
    return { doc, value: doc.toJS({ maxAliasCount: 100 }), diagnostics, positions: pos };
  } catch (e) {
    const message = (e as Error).message;
    if (/alias/i.test(message)) add("error", "yaml/excessive-aliases", [0, 0], `the document expands too many aliases: ${message}`, "use fewer anchors and aliases (*name)");
    else add("error", "yaml/invalid-document", [0, 0], message, "fix the YAML here");
    return { doc, diagnostics, positions: pos };
  }
}

const MAX_DEPTH = 100;

/** True when lists and mappings nest deeper than `max` (an explicit stack: no recursion to overflow). */
function deeperThan(doc: Document.Parsed, max: number): boolean {
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > max) return true;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        stack.push([item.key, depth + 1]);
        stack.push([item.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return false;
}

/** Offsets of keys that repeat an earlier scalar key of the same mapping (the parser's equality: same value). */
function duplicateKeys(doc: Document.Parsed): number[] {
  const found: number[] = [];
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key) || Number.isNaN(key.value)) continue;
        if (seen.has(key.value)) found.push(key.range?.[0] ?? 0);
        else seen.add(key.value);
      }
    },
  });
  return found;
}

/** The text of a plain scalar as written, e.g. `1.0` for a value YAML reads as 1. */
export function scalarSource(text: string, node: unknown): string | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  return text.slice(node.range[0], node.range[1]).trim();
}
