/**
 * YAML text → document tree + plain value, with syntax problems as diagnostics. The tree keeps node
 * ranges, which is how every later diagnostic finds its line and column.
 */
import { isScalar, LineCounter, parseDocument, visit, type Document } from "yaml";
import type { SpecDiagnostic } from "./diagnostics";
import type { SourcePositions } from "./source-positions";

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

/** Parses `text` (the rendered text when it was a template); positions map back to the original. */
export function parseYaml(text: string, positions: (lc: LineCounter) => SourcePositions): ParsedYaml & { positions: SourcePositions } {
  const lineCounter = new LineCounter();
  // logLevel "error": problems become diagnostics here, never process warnings on stderr.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: "1.2", logLevel: "error" });
  const pos = positions(lineCounter);
  const diagnostics: SpecDiagnostic[] = [];
  const add = (severity: "error" | "warning", code: string, [start, end]: [number, number], message: string, hint: string): void => {
    const a = pos.position(start);
    const b = pos.position(end, "end");
    diagnostics.push({ code, severity, message, hint, path: "", line: a.line, column: a.column, endLine: b.line, endColumn: b.column });
  };
  for (const e of doc.errors) add("error", `yaml/${kebab(e.code)}`, e.pos, e.message, YAML_HINTS[e.code] ?? "fix the YAML syntax here");
  for (const w of doc.warnings) add("warning", `yaml/${kebab(w.code)}`, w.pos, w.message, YAML_HINTS[w.code] ?? "check the YAML here");
  if (doc.errors.length) return { doc, diagnostics, positions: pos };
  try {
    // Alias expansion is capped (the default 100) so "billion laughs" input cannot exhaust memory.
    return { doc, value: doc.toJS({ maxAliasCount: 100 }), diagnostics, positions: pos };
  } catch (e) {
    // toJS throws for the two alias problems the parser does not report: unknown anchors and alias bombs.
    const message = (e as Error).message;
    const unresolved = firstUnresolvedAlias(doc);
    if (unresolved) add("error", "yaml/bad-alias", unresolved.range, `the alias *${unresolved.source} refers to no anchor`, YAML_HINTS.BAD_ALIAS);
    else if (/alias/i.test(message)) add("error", "yaml/excessive-aliases", [0, 0], `the document expands too many aliases: ${message}`, "use fewer anchors and aliases (*name)");
    else add("error", "yaml/invalid-document", [0, 0], message, "fix the YAML here");
    return { doc, diagnostics, positions: pos };
  }
}

function firstUnresolvedAlias(doc: Document.Parsed): { source: string; range: [number, number] } | undefined {
  let found: { source: string; range: [number, number] } | undefined;
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) !== undefined) return undefined;
      found = { source: node.source, range: node.range ? [node.range[0], node.range[1]] : [0, 0] };
      return visit.BREAK;
    },
  });
  return found;
}

/** The text of a plain scalar as written, e.g. `1.0` for a value YAML reads as 1. */
export function scalarSource(text: string, node: unknown): string | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  return text.slice(node.range[0], node.range[1]).trim();
}
