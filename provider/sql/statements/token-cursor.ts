import { Lexer, type Token } from "./lexer";
import { syntaxError } from "./sql-errors";

/**
 * The parser's view of a statement: look ahead, accept keywords case-insensitively, and fail with
 * Snowflake's syntax error at the offending token, naming what was expected.
 */
export class TokenCursor {
  private readonly lexer: Lexer;
  private readonly buffer: Token[] = [];

  constructor(readonly text: string) {
    this.lexer = new Lexer(text);
  }

  peek(n = 0): Token {
    while (this.buffer.length <= n) {
      const last = this.buffer[this.buffer.length - 1];
      this.buffer.push(last?.kind === "end" ? last : this.lexer.next());
    }
    return this.buffer[n];
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== "end") this.buffer.shift();
    return t;
  }

  /** Is token n the keyword `word` (unquoted, any case)? */
  isWord(word: string, n = 0): boolean {
    const t = this.peek(n);
    return t.kind === "word" && t.value.toUpperCase() === word;
  }

  /** Are the next tokens exactly these keywords? `words` are upper-case. */
  isWords(...words: string[]): boolean {
    return words.every((w, i) => this.isWord(w, i));
  }

  /** Consumes the keywords when they are all next; otherwise consumes nothing. */
  acceptWords(...words: string[]): boolean {
    if (!this.isWords(...words)) return false;
    for (let i = 0; i < words.length; i++) this.next();
    return true;
  }

  expectWords(...words: string[]): void {
    for (const w of words) {
      if (!this.isWord(w)) throw this.unexpected(w);
      this.next();
    }
  }

  isPunct(p: string, n = 0): boolean {
    const t = this.peek(n);
    return t.kind === "punct" && t.value === p;
  }

  acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.next();
    return true;
  }

  expectPunct(p: string): void {
    if (!this.acceptPunct(p)) throw this.unexpected(`'${p}'`);
  }

  /** The end of the statement: an optional `;`, then nothing (comments aside). */
  atEnd(): boolean {
    return this.peek().kind === "end" || (this.isPunct(";") && this.peek(1).kind === "end");
  }

  expectEnd(expected = "the end of the statement"): void {
    if (!this.atEnd()) throw this.unexpected(expected);
  }

  /** The syntax error at the next token. */
  unexpected(expected?: string): Error {
    const t = this.peek();
    return syntaxError(t, t.raw, expected);
  }

  /** The statement text between two offsets (the column name of a function call is its text). */
  slice(from: number, to: number): string {
    return this.lexer.slice(from, to);
  }
}
