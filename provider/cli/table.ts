/** Renders rows as an aligned text table with UPPER_SNAKE headers, the way `snow` and SQL clients print. */
export function renderTable(rows: Record<string, unknown>[], columns?: string[]): string {
  if (rows.length === 0) return "(no rows)\n";
  const keys = columns ?? Object.keys(rows[0]);
  const header = keys.map((k) => k.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase());
  const cells = rows.map((r) => keys.map((k) => cell(r[k])));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i])).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n") + "\n";
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map(cell).join(",");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** A DESCRIBE result as two columns, one property per line. */
export function renderProperties(obj: Record<string, unknown>): string {
  return renderTable(Object.entries(obj).map(([property, value]) => ({ property, value })));
}
