/**
 * How deep flow collections (`[ … ]`, `{ … }`) nest, read from the text before the YAML parser sees it.
 * eemeli/yaml recurses per level and, on 19,000 broken levels, spends over half a second in its error
 * recovery, or overflows the stack at a depth that depends on the stack left (so the same text could get
 * different diagnostics). A specification nests a dozen levels; past the limit the text is not parsed.
 *
 * A bracket opens a collection at the top level only where YAML allows one (after `:`, `-`, `?`, `,`,
 * `[`, `{` or at a line start), so brackets inside plain scalars (`a[0]`), quoted scalars and comments are
 * not counted; inside a collection every bracket outside quotes counts.
 */
const OPENS_AFTER = "\n:-?,[{";

/** The offset of the bracket at which flow collections nest deeper than `max`, or -1. */
export function flowDepthExceeded(text: string, max: number): number {
  let depth = 0;
  let prev = "\n"; // the last character that was not a blank, "\n" at a line start
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      prev = "\n";
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") continue;
    if (c === "#" && (i === 0 || text[i - 1] === " " || text[i - 1] === "\t" || text[i - 1] === "\n")) {
      const nl = text.indexOf("\n", i);
      if (nl === -1) return -1;
      i = nl - 1;
      continue;
    }
    if ((c === '"' || c === "'") && (depth > 0 || OPENS_AFTER.includes(prev))) {
      i = closingQuote(text, i);
      if (i === -1) return -1;
      prev = c;
      continue;
    }
    if (c === "[" || c === "{") {
      if ((depth > 0 || OPENS_AFTER.includes(prev)) && ++depth > max) return i;
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
    prev = c;
  }
  return -1;
}

/** The offset of the quote closing the quoted scalar opened at `start`, or -1 when it is not closed. */
function closingQuote(text: string, start: number): number {
  const q = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (q === '"' && text[i] === "\\") i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}
