import { readObjectName, type ObjectName } from "./identifiers";
import { sqlError, type SourcePosition } from "./sql-errors";
import type { TokenCursor } from "./token-cursor";

/** A value in an option list: `'text'`, `$$text$$`, `12`, `TRUE`, a bare name, `(a, b)` or `(K = v)`. */
export type SqlLiteral =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number; text: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "name"; value: ObjectName }
  | { kind: "list"; items: SqlLiteral[] }
  | { kind: "options"; options: SqlOption[] };

export interface SqlOption {
  /** Upper-case, as Snowflake names properties in its messages. */
  key: string;
  value: SqlLiteral;
  at: SourcePosition;
}

export function readLiteral(c: TokenCursor, what: string): SqlLiteral {
  const t = c.peek();
  if (t.kind === "string") return { kind: "string", value: c.next().value };
  if (t.kind === "number" || (c.isPunct("-") && c.peek(1).kind === "number")) {
    const sign = c.acceptPunct("-") ? "-" : "";
    const text = sign + c.next().value;
    return { kind: "number", value: Number(text), text };
  }
  if (c.isWord("TRUE") || c.isWord("FALSE")) return { kind: "boolean", value: c.next().value.toUpperCase() === "TRUE" };
  if (t.kind === "word" || t.kind === "quoted") return { kind: "name", value: readObjectName(c, what) };
  if (c.acceptPunct("(")) {
    if ((c.peek().kind === "word" || c.peek().kind === "quoted") && c.isPunct("=", 1)) {
      const options = readOptions(c);
      c.expectPunct(")");
      return { kind: "options", options };
    }
    const items: SqlLiteral[] = [];
    while (!c.acceptPunct(")")) {
      if (items.length) c.expectPunct(",");
      items.push(readLiteral(c, what));
    }
    return { kind: "list", items };
  }
  throw c.unexpected(`a value for ${what}: a 'string', a number, TRUE or FALSE, a name or a (list)`);
}

/** Is the next thing an option (`KEY =`, or a tag clause)? */
export function atOption(c: TokenCursor): boolean {
  const keyed = (c.peek().kind === "word" || c.peek().kind === "quoted") && c.isPunct("=", 1);
  return keyed || (c.isWord("TAG") && c.isPunct("(", 1)) || (c.isWords("WITH", "TAG") && c.isPunct("(", 2));
}

/**
 * `KEY = value [,] KEY = value …` until something that is not an option. `[WITH] TAG (t = 'v', …)` is
 * read as the option TAG. A property given twice is an error, as in Snowflake.
 */
export function readOptions(c: TokenCursor): SqlOption[] {
  const out: SqlOption[] = [];
  while (atOption(c)) {
    const at = c.peek();
    let key: string;
    if (c.acceptWords("WITH", "TAG") || c.acceptWords("TAG")) key = "TAG";
    else {
      key = c.next().value.toUpperCase();
      c.expectPunct("=");
    }
    const value = key === "TAG" ? readLiteral(c, "TAG") : readLiteral(c, key);
    if (out.some((o) => o.key === key)) throw sqlError("syntax", `SQL compilation error:\nduplicate option '${key}' at line ${at.line} position ${at.column}.`);
    out.push({ key, value, at: { line: at.line, column: at.column } });
    c.acceptPunct(",");
  }
  return out;
}

/**
 * Typed access to an option list, with Snowflake's messages for a wrong value or an unknown property
 * (`invalid value 'x' for property 'MIN_NODES'`, `invalid property 'FOO' for 'COMPUTE_POOL'`).
 */
export class Options {
  constructor(
    readonly list: readonly SqlOption[],
    private readonly objectType: string,
  ) {}

  /** Fails on the first property not in `allowed`. */
  allowOnly(allowed: readonly string[]): this {
    const bad = this.list.find((o) => !allowed.includes(o.key));
    if (bad) throw sqlError("invalidValue", `SQL compilation error:\ninvalid property '${bad.key}' for '${this.objectType}' (line ${bad.at.line} position ${bad.at.column}); allowed here: ${allowed.join(", ")}.`);
    return this;
  }

  has(key: string): boolean {
    return this.list.some((o) => o.key === key);
  }

  private get(key: string): SqlLiteral | undefined {
    return this.list.find((o) => o.key === key)?.value;
  }

  private invalid(key: string, v: SqlLiteral, hint: string): Error {
    return sqlError("invalidValue", `invalid value '${literalText(v)}' for property '${key}'; ${hint}.`);
  }

  string(key: string): string | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (v.kind === "string") return v.value;
    throw this.invalid(key, v, "use a 'quoted string'");
  }

  /** A string, a number or a bare word, as text: INSTANCE_FAMILY = CPU_X64_XS and = 'CPU_X64_XS' alike. */
  text(key: string): string | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (v.kind === "string") return v.value;
    if (v.kind === "name" && v.value.length === 1) return v.value[0];
    if (v.kind === "number") return v.text;
    throw this.invalid(key, v, "use a name or a 'quoted string'");
  }

  integer(key: string, min: number): number | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    const n = v.kind === "number" ? v.value : v.kind === "string" && /^\s*-?\d+\s*$/.test(v.value) ? Number(v.value) : NaN;
    if (!Number.isInteger(n) || n < min) throw this.invalid(key, v, `use a whole number, ${min} or more`);
    return n;
  }

  boolean(key: string): boolean | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (v.kind === "boolean") return v.value;
    if (v.kind === "string" && /^(true|false)$/i.test(v.value)) return v.value.toLowerCase() === "true";
    throw this.invalid(key, v, "use TRUE or FALSE");
  }

  /** A name (`wh`, `db.schema.x`) or a string holding one; the parts as written, upper-cased if unquoted. */
  name(key: string): ObjectName | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (v.kind === "name") return v.value;
    if (v.kind === "string" && v.value !== "") return [v.value];
    throw this.invalid(key, v, "use a name");
  }

  /** `(a, b)` of names or strings; a single name is a list of one. */
  nameList(key: string): ObjectName[] | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    const items = v.kind === "list" ? v.items : [v];
    return items.map((i) => {
      if (i.kind === "name") return i.value;
      if (i.kind === "string" && i.value !== "") return [i.value];
      throw this.invalid(key, v, "use a list of names, e.g. (my_integration)");
    });
  }
}

/** A literal as SQL text, for messages. */
export function literalText(v: SqlLiteral): string {
  switch (v.kind) {
    case "string":
      return v.value;
    case "number":
      return v.text;
    case "boolean":
      return v.value ? "TRUE" : "FALSE";
    case "name":
      return v.value.join(".");
    case "list":
      return `(${v.items.map(literalText).join(", ")})`;
    case "options":
      return `(${v.options.map((o) => `${o.key} = ${literalText(o.value)}`).join(", ")})`;
  }
}
