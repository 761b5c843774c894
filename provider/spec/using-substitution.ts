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

/** True when `{{ … }}` at [start, end) is the whole scalar of a block or flow value, key excluded. */
export function standsForWholeScalar(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const prefix = text.slice(lineStart, start);
  const nl = text.indexOf("\n", end);
  const suffix = text.slice(end, nl === -1 ? text.length : nl);
  // Inside a quoted scalar or a comment, the value is part of other text.
  if (prefix.includes("#") || (prefix.split('"').length - 1) % 2 === 1 || (prefix.split("'").length - 1) % 2 === 1) return false;
  const opens = /(?:^|\s)-[ \t]+$/.test(prefix) || /:[ \t]+$/.test(prefix) || /[[{,][ \t]*$/.test(prefix);
  const closes = /^[ \t]*(?:#.*)?\r?$/.test(suffix) || /^[ \t]*[,\]}]/.test(suffix);
  return opens && closes;
}

/** The text a string value is substituted as at [start, end) of `text`. */
export function substitutedString(value: string, text: string, start: number, end: number): string {
  if (readsBackAsItself(value) || !standsForWholeScalar(text, start, end)) return value;
  return JSON.stringify(value); // JSON string syntax is valid YAML double-quoted syntax
}
