import { sqlColumnName, sqlValue } from "./sql-row";

/**
 * Text tables the way `snow` prints query results (its ASCII box), with SHOW's lower-case column names
 * so a column reads exactly as in SHOW / DESCRIBE output. Values are never truncated: a wide table is
 * still a correct one (`--wide`), and people pipe it through `less -S`.
 */

/** A column: a row key (its header derived from it) or a key with a header of its own. */
export type Column = string | { key: string; header: string };

export { sqlColumnName } from "./sql-row";

/**
 * One cell as text: booleans `true`/`false`, null and undefined empty, timestamps in Snowflake's form,
 * newlines escaped to keep rows on one line.
 */
export function formatCell(raw: unknown): string {
  const v = sqlValue(raw);
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map(formatCell).join(",");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v).replace(/\r?\n/g, "\\n");
}

/**
 * Rows as a boxed, aligned table. With no columns given, the first row's keys are used; an empty result
 * still prints its header when the columns are known, as SQL clients do.
 */
export function renderTable(rows: readonly object[], columns?: readonly Column[]): string {
  const cols = (columns ?? (rows.length ? Object.keys(rows[0]) : [])).map((c) => (typeof c === "string" ? { key: c, header: sqlColumnName(c) } : c));
  if (cols.length === 0) return "(no rows)\n";
  const body = rows.map((r) => cols.map((c) => formatCell((r as Record<string, unknown>)[c.key])));
  const widths = cols.map((c, i) => Math.max(c.header.length, ...body.map((cells) => cells[i].length)));
  const line = (cells: string[]) => `| ${cells.map((v, i) => v.padEnd(widths[i])).join(" | ")} |`;
  const edge = `+${"-".repeat(widths.reduce((sum, w) => sum + w + 3, -1))}+`;
  const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("+")}|`;
  return [edge, line(cols.map((c) => c.header)), rule, ...body.map(line), edge].join("\n") + "\n";
}

/** A DESCRIBE result turned on its side: one PROPERTY / VALUE row per key, in the object's key order. */
export function renderProperties(obj: object, keys?: readonly string[]): string {
  const rows = (keys ?? Object.keys(obj)).map((k) => ({ property: sqlColumnName(k), value: (obj as Record<string, unknown>)[k] }));
  return renderTable(rows, ["property", "value"]);
}
