import type { SqlColumn, SqlResult } from "../sql-types";
import { wireValue } from "./wire-values";

/** Snowflake's statementTypeId for each result family, as the connectors read it. */
export const STATEMENT_TYPE_IDS: Record<SqlResult["statementType"], number> = {
  select: 0x1000,
  show: 0x4400,
  describe: 0x4500,
  ddl: 0x6000,
};

/** A rowtype entry carries every field the three clients read; missing ones crash connector 5.x. */
export function rowtypeEntry(column: SqlColumn): Record<string, unknown> {
  const text = column.type === "text" || column.type === "variant" || column.type === "object" || column.type === "array";
  return {
    name: column.name,
    database: "",
    schema: "",
    table: "",
    nullable: column.nullable ?? true,
    type: column.type,
    length: text ? 16777216 : null,
    byteLength: text ? 16777216 : null,
    precision: column.type === "fixed" ? 38 : null,
    scale: column.type === "fixed" ? (column.scale ?? 0) : column.type.startsWith("timestamp") ? 9 : null,
    collation: null,
  };
}

/**
 * The `data` of a successful query-request answer for an executor result: a JSON rowset (all three
 * clients read it; Node reads nothing else) with `returned`, without which Node's execute never calls back.
 */
export function resultData(result: SqlResult, queryId: string, session: { database?: string; schema?: string }): Record<string, unknown> {
  const rowset = result.rows.map((row) => result.columns.map((c, i) => wireValue(row[i] ?? null, c)));
  return {
    parameters: [{ name: "TIMEZONE", value: "Etc/UTC" }],
    rowtype: result.columns.map(rowtypeEntry),
    rowset,
    total: rowset.length,
    returned: rowset.length,
    queryId,
    queryResultFormat: "json",
    statementTypeId: STATEMENT_TYPE_IDS[result.statementType],
    finalDatabaseName: session.database ?? null,
    finalSchemaName: session.schema ?? null,
  };
}
