import type { TokenCursor } from "./token-cursor";

/**
 * Where a service's or job's specification comes from:
 *  - `FROM SPECIFICATION $$…$$` (or '…'), `FROM SPECIFICATION_TEMPLATE $$…$$ USING (k => v, …)`;
 *  - `FROM @stage SPECIFICATION_FILE = 'path'` (also `SPEC = 'path'`), `FROM @stage
 *    SPECIFICATION_TEMPLATE_FILE = 'path' USING (…)`.
 * USING values are kept as SQL gives them (a string's content, a number's or boolean's text), because the
 * template renderer takes them as text that must be alphanumeric or JSON.
 */
export type SpecSource =
  | { kind: "inline"; text: string; template: boolean; using?: Record<string, string> }
  | { kind: "stage"; stage: string; file: string; template: boolean; using?: Record<string, string> };

function readString(c: TokenCursor, what: string): string {
  if (c.peek().kind !== "string") throw c.unexpected(what);
  return c.next().value;
}

/** At `FROM`: reads the whole specification clause. */
export function readSpecSource(c: TokenCursor): SpecSource {
  c.expectWords("FROM");
  if (c.acceptWords("SPECIFICATION")) return { kind: "inline", text: readString(c, "the specification as $$…$$ or '…'"), template: false };
  if (c.acceptWords("SPECIFICATION_TEMPLATE")) {
    const text = readString(c, "the specification template as $$…$$ or '…'");
    return { kind: "inline", text, template: true, using: readUsing(c) };
  }
  const t = c.peek();
  if (t.kind === "stage") {
    c.next();
    const template = c.isWord("SPECIFICATION_TEMPLATE_FILE");
    if (!template && !c.isWord("SPECIFICATION_FILE") && !c.isWord("SPEC")) throw c.unexpected("SPECIFICATION_FILE = '<path>' or SPECIFICATION_TEMPLATE_FILE = '<path>'");
    c.next();
    c.expectPunct("=");
    const file = readString(c, "the file's path in the stage, as a 'string'");
    return { kind: "stage", stage: t.value, file, template, ...(template && { using: readUsing(c) }) };
  }
  throw c.unexpected("SPECIFICATION $$…$$, SPECIFICATION_TEMPLATE $$…$$ USING (…) or @stage SPECIFICATION_FILE = '…'");
}

/** `USING ( key => value [, …] )`: keys are case-sensitive (quoted or not), values text. */
export function readUsing(c: TokenCursor): Record<string, string> {
  c.expectWords("USING");
  c.expectPunct("(");
  const out: Record<string, string> = {};
  while (!c.acceptPunct(")")) {
    if (Object.keys(out).length) c.expectPunct(",");
    const k = c.peek();
    if (k.kind !== "word" && k.kind !== "quoted") throw c.unexpected("a template variable name");
    c.next();
    c.expectPunct("=>");
    out[k.value] = readUsingValue(c);
  }
  return out;
}

function readUsingValue(c: TokenCursor): string {
  const t = c.peek();
  if (t.kind === "string" || t.kind === "word") return c.next().value;
  if (t.kind === "number") return c.next().value;
  if (c.isPunct("-") && c.peek(1).kind === "number") {
    c.next();
    return "-" + c.next().value;
  }
  throw c.unexpected("a value: a 'string', $$text$$, a number, TRUE or FALSE");
}
