/**
 * How a template value is written into the YAML text. Jinja pastes text, so a USING value such as
 * `hunter2 #1`, `!x` or `0x1F` would be read by YAML as `hunter2` (the rest a comment), an unknown tag,
 * or the number 31. A string value therefore arrives exactly as given: where its placeholder stands for
 * a whole scalar (`key: {{ v }}`, `- {{ v }}`, a flow item `[{{ v }}]`) and the text would not read back
 * as the same string, it is written as a double-quoted YAML scalar. Everywhere else (inside a longer
 * scalar, inside quotes, in a comment) the text is pasted as is, as Jinja does.
 */

/** Text YAML 1.2 (core schema) reads back as exactly this string when written plain. */
const SAFE_PLAIN = /^[A-Za-z_/][A-Za-z0-9_./@+-]*(?::[A-Za-z0-9_./@+-]+)*$/;
const CORE_WORDS = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)$/;

export function readsBackAsItself(s: string): boolean {
  return SAFE_PLAIN.test(s) && !CORE_WORDS.test(s);
}

const isBlank = (c: string | undefined): boolean => c === " " || c === "\t";

/**
 * Decides, for the placeholders of one text in order, whether each stands for a whole scalar. It reads
 * the text once, left to right, keeping whether it is inside quotes or a comment, so a long line of many
 * placeholders costs linear time (slicing the line prefix for each placeholder was quadratic).
 */
export class ScalarContext {
  private pos = 0;
  private double = false;
  private single = false;
  private comment = false;

  constructor(private readonly text: string) {}

  private advance(to: number): void {
    const t = this.text;
    for (; this.pos < to; this.pos++) {
      const c = t[this.pos];
      if (c === "\n") {
        this.comment = false;
        continue;
      }
      if (this.comment) continue;
      if (this.double) {
        if (c === "\\") this.pos++;
        else if (c === '"') this.double = false;
      } else if (this.single) {
        if (c === "'") this.single = false;
      } else if (c === '"') this.double = true;
      else if (c === "'") this.single = true;
      else if (c === "#" && (this.pos === 0 || isBlank(t[this.pos - 1]) || t[this.pos - 1] === "\n")) this.comment = true;
    }
  }

  /** True when `{{ … }}` at [start, end) is the whole scalar of a block or flow value, key excluded. */
  wholeScalar(start: number, end: number): boolean {
    const t = this.text;
    this.advance(start);
    if (this.double || this.single || this.comment) return false;
    // After it: the end of the line, a comment after a blank, or the end of a flow item.
    let j = end;
    while (isBlank(t[j])) j++;
    const after = t[j];
    const closes = after === undefined || after === "\n" || after === "\r" || (after === "#" && j > end) || after === "," || after === "]" || after === "}";
    if (!closes) return false;
    // Before it: `key: `, `- `, or the start of a flow item.
    let i = start - 1;
    while (i >= 0 && isBlank(t[i])) i--;
    const before = t[i];
    if (before === "[" || before === "{" || before === ",") return true;
    if (i === start - 1) return false; // `:` and `-` need a blank after them
    if (before === ":") return true;
    return before === "-" && (i === 0 || isBlank(t[i - 1]) || t[i - 1] === "\n");
  }

  /** The text a string value is substituted as at [start, end). */
  substitute(value: string, start: number, end: number): string {
    if (readsBackAsItself(value) || !this.wholeScalar(start, end)) return value;
    return JSON.stringify(value); // JSON string syntax is valid YAML double-quoted syntax
  }
}
