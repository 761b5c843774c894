import type { SqlColumn, SqlValue } from "../sql-types";

/**
 * One cell as Snowflake's JSON rowset carries it: every value is a string or null. Booleans are "1"/"0"
 * because snowflake-connector-python 4.x reads "true" as False (it tests `value in ("1", "TRUE")`);
 * timestamps are "<epoch seconds>.<9-digit fraction>", as the connectors parse them.
 */
export function wireValue(value: SqlValue, column: SqlColumn): string | null {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case "boolean":
      return truthy(value) ? "1" : "0";
    case "timestamp_ltz":
    case "timestamp_ntz":
      return epochText(value);
    case "fixed":
      return typeof value === "number" ? fixedText(value, column.scale ?? 0) : String(value);
    default:
      return value instanceof Date ? value.toISOString() : String(value);
  }
}

function truthy(value: SqlValue): boolean {
  if (typeof value === "string") return /^(1|true|t|yes|y|on)$/i.test(value.trim());
  return Boolean(value);
}

/** A value that is no time (an empty or unparsable string) is NULL: the connectors cannot parse it. */
function epochText(value: SqlValue): string | null {
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(String(value));
  if (Number.isNaN(ms)) return null;
  const seconds = Math.floor(ms / 1000);
  const nanos = (ms - seconds * 1000) * 1_000_000;
  return `${seconds}.${String(nanos).padStart(9, "0")}`;
}

function fixedText(n: number, scale: number): string {
  return scale > 0 ? n.toFixed(scale) : String(Math.trunc(n));
}
