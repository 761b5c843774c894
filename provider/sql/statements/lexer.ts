import { syntaxError, type SourcePosition } from "./sql-errors";

/**
 * The tokens of SPCS SQL. `value` is what the token means (a string's content, a quoted identifier's
 * name, an unquoted word as written); `raw` is the text as it appears in the statement.
 *  - word: an unquoted identifier or keyword (`SYSTEM$GET_SERVICE_STATUS` is one word);
 *  - quoted: a "double-quoted" identifier;
 *  - string: a 'single-quoted' literal (with '' and backslash escapes) or a $$dollar-quoted$$ one;
 *  - number: digits with an optional fraction (a sign is a separate `-` token);
 *  - stage: `@name[.name…][/path]`;
 *  - punct: one of ( ) , . = ; * ! => and any other single character, so any text tokenizes.
 */
export type TokenKind = "word" | "quoted" | "string" | "number" | "stage" | "punct" | "end";

export interface Token extends SourcePosition {
  kind: TokenKind;
  value: string;
  raw: string;
  offset: number;
  /** For strings: `'…'` or `$$…$$`. */
  dollar?: boolean;
}

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_$]/;
const STAGE_PART = /[^\s;,()]/;
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "0": "\0" };

/**
 * A lazy tokenizer: tokens are read as the parser asks for them, so a statement that is not SPCS SQL is
 * recognised from its first words and never tokenized further (its text goes to fakesnow as it is).
 */
export class Lexer {
  private pos = 0;

  constructor(readonly text: string) {}

  /** Offsets where lines start, computed once: every token asks for its line and position. */
  private lineStarts?: number[];

  /** Line (1-based) and position in the line (0-based), as Snowflake's syntax errors count them. */
  positionOf(offset: number): SourcePosition {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text[i] === "\n") this.lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] };
  }

  next(): Token {
    this.skipSpaceAndComments();
    const t = this.text;
    const start = this.pos;
    const make = (kind: TokenKind, value: string, extra: Partial<Token> = {}): Token => ({ kind, value, raw: t.slice(start, this.pos), offset: start, ...this.positionOf(start), ...extra });
    if (start >= t.length) return make("end", "");
    const c = t[start];
    if (WORD_START.test(c)) {
      while (this.pos < t.length && WORD_PART.test(t[this.pos])) this.pos++;
      return make("word", t.slice(start, this.pos));
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(t[start + 1] ?? ""))) {
      while (this.pos < t.length && /[0-9]/.test(t[this.pos])) this.pos++;
      if (t[this.pos] === "." && /[0-9]/.test(t[this.pos + 1] ?? "")) {
        this.pos++;
        while (this.pos < t.length && /[0-9]/.test(t[this.pos])) this.pos++;
      }
      return make("number", t.slice(start, this.pos));
    }
    if (c === '"') return make("quoted", this.readQuoted('"', false));
    if (c === "'") return make("string", this.readQuoted("'", true));
    if (c === "$" && t[start + 1] === "$") {
      const end = t.indexOf("$$", start + 2);
      if (end < 0) throw syntaxError(this.positionOf(start), t.slice(start, start + 20), "a closing $$");
      this.pos = end + 2;
      return make("string", t.slice(start + 2, end), { dollar: true });
    }
    if (c === "@") {
      this.pos++;
      while (this.pos < t.length && STAGE_PART.test(t[this.pos])) this.pos++;
      return make("stage", t.slice(start, this.pos));
    }
    if (c === "=" && t[start + 1] === ">") {
      this.pos += 2;
      return make("punct", "=>");
    }
    // One character (a surrogate pair stays whole): anything the grammar does not expect is reported there.
    this.pos += c.codePointAt(0)! > 0xffff ? 2 : 1;
    return make("punct", t.slice(start, this.pos));
  }

  /** The text from `offset` to where the lexer stands: a function call as written, for its column name. */
  slice(from: number, to: number): string {
    return this.text.slice(from, to);
  }

  private readQuoted(q: string, backslashEscapes: boolean): string {
    const t = this.text;
    const start = this.pos;
    let out = "";
    this.pos++;
    for (;;) {
      if (this.pos >= t.length) throw syntaxError(this.positionOf(start), t.slice(start, start + 20), `a closing ${q}`);
      const c = t[this.pos];
      if (c === q) {
        if (t[this.pos + 1] === q) {
          out += q;
          this.pos += 2;
          continue;
        }
        this.pos++;
        return out;
      }
      if (backslashEscapes && c === "\\" && this.pos + 1 < t.length) {
        const e = t[this.pos + 1];
        out += ESCAPES[e] ?? e;
        this.pos += 2;
        continue;
      }
      out += c;
      this.pos++;
    }
  }

  private skipSpaceAndComments(): void {
    const t = this.text;
    for (;;) {
      while (this.pos < t.length && /\s/.test(t[this.pos])) this.pos++;
      if (t.startsWith("--", this.pos) || t.startsWith("//", this.pos)) {
        const nl = t.indexOf("\n", this.pos);
        this.pos = nl < 0 ? t.length : nl + 1;
      } else if (t.startsWith("/*", this.pos)) {
        const end = t.indexOf("*/", this.pos + 2);
        if (end < 0) throw syntaxError(this.positionOf(this.pos), "/*", "the end of the comment, */");
        this.pos = end + 2;
      } else return;
    }
  }
}
