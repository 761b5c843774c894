/** The last `n` lines of text (a trailing newline kept): a log's tail. */
export function lastLines(text: string, n: number): string {
  const lines = text.split("\n");
  const trailing = lines[lines.length - 1] === "" ? lines.pop() !== undefined : false;
  return lines.slice(-n).join("\n") + (trailing && lines.length ? "\n" : "");
}

/**
 * A message made safe to print as one line: newlines, carriage returns and other control characters
 * (terminal escapes included) are shown escaped, so text that came from input (a file name, a value
 * quoted in an error) can never start a line of its own that reads like another diagnostic.
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c === "\n" ? "\\n" : c === "\r" ? "\\r" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
