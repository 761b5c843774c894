/**
 * `value` as one POSIX sh word: single-quoted, with each `'` written as `'\''`. Inside single quotes sh
 * gives no character a meaning (no `$`, backtick, `\` or `"`), so any text, spec input included, stays
 * data. The only way generated scripts may interpolate a value that did not come from a constant.
 */
export function shellQuote(value: string): string {
  if (value.includes("\0")) throw new Error("a shell word cannot contain a NUL character");
  return `'${value.replace(/'/g, "'\\''")}'`;
}
