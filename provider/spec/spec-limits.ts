/**
 * How much work one specification may cause. SPCS documents no size limit for a specification; it arrives
 * inside a SQL statement. We take 128 KiB: twenty-five times the largest real specification we know of, and
 * small enough that every stage (render, parse, schema, rules, normalise) finishes in well under a second
 * on any input, so a hostile or broken spec can never stall `pulumi preview` or `spcs spec validate`. (At
 * 256 KiB the yaml parser alone took up to ~0.6 s of CPU on a spec of 19,000 keys.)
 */

/** The most UTF-8 bytes a specification may have as written, as rendered, and with its aliases expanded. */
export const MAX_SPEC_BYTES = 128 * 1024;

/** The most diagnostics one analysis reports; the last one then says how many more there were. */
export const MAX_DIAGNOSTICS = 100;

/** `131072` → `128 KiB`, for messages. */
export const MAX_SPEC_SIZE_TEXT = `${MAX_SPEC_BYTES / 1024} KiB`;

/** A short, one-line quotation of user text for a message: never a flood of text, never a newline. */
export function quoteText(text: string, max = 60): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === "\n" ? "\\n" : c === "\t" ? "\\t" : c === "\r" ? "\\r" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
