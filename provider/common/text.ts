/** The last `n` lines of text (a trailing newline kept): a log's tail. */
export function lastLines(text: string, n: number): string {
  const lines = text.split("\n");
  const trailing = lines[lines.length - 1] === "" ? lines.pop() !== undefined : false;
  return lines.slice(-n).join("\n") + (trailing && lines.length ? "\n" : "");
}
