/**
 * What a result looks like to someone used to Snowflake: SQL column names (`compute_pool`, lower-case
 * as SHOW prints them and as `snow --format json` keys its rows) and timestamps in Snowflake's
 * TIMESTAMP_LTZ form (`2024-11-29 12:12:47.310 -0800`). The platform keeps ISO-8601 UTC everywhere else;
 * only the CLI's output changes.
 */

/** `minNodes` → `min_nodes`; keys that are not camelCase identifiers (e.g. `REPLICAS`) are left as they are. */
export function sqlColumnName(key: string): string {
  return /^[a-z][A-Za-z0-9]*$/.test(key) ? key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase() : key;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/** `2026-12-02T01:04:30.123Z` → `2026-12-01 17:04:30.123 -0800` in the local time zone (Snowflake's session time zone). */
export function snowflakeTimestamp(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, "0");
  const offset = -d.getTimezoneOffset();
  const zone = `${offset < 0 ? "-" : "+"}${pad(Math.trunc(offset / 60))}${pad(offset % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)} ${zone}`;
}

/** A value as the CLI prints it: timestamps in Snowflake's form, objects and arrays converted throughout. */
export function sqlValue(v: unknown): unknown {
  if (typeof v === "string") return ISO_UTC.test(v) ? snowflakeTimestamp(v) : v;
  if (Array.isArray(v)) return v.map(sqlValue);
  if (v && typeof v === "object") return sqlRow(v);
  return v;
}

/** A row (or a DESCRIBE object) with SQL column names and Snowflake's timestamps, nested rows included. */
export function sqlRow(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [sqlColumnName(k), sqlValue(v)]));
}
