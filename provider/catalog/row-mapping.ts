/**
 * Maps between camelCase row objects and snake_case SQLite rows. SQLite has no boolean or JSON types, so
 * the named boolean columns are stored as 0/1 and the named JSON columns as text.
 */
export interface RowMapping {
  booleans?: readonly string[];
  json?: readonly string[];
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export function toDb(row: object, m: RowMapping): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      snake(k),
      m.booleans?.includes(k) ? (v ? 1 : 0) : m.json?.includes(k) ? (v === null || v === undefined ? null : JSON.stringify(v)) : (v ?? null),
    ]),
  );
}

export function fromDb<T>(row: Record<string, unknown>, m: RowMapping): T {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => {
      const c = camel(k);
      return [c, m.booleans?.includes(c) ? v === 1 : m.json?.includes(c) && typeof v === "string" ? JSON.parse(v) : v];
    }),
  ) as T;
}

export function insertSql(table: string, columns: readonly string[]): string {
  const cols = columns.map(snake);
  return `INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((c) => "@" + c).join(", ")})`;
}
