import type { SqlResult } from "../sql-types";
import type { QualifiedName } from "./identifiers";
import { EVENT_TABLE } from "./spcs-operations";
import { sqlError } from "./sql-errors";

/**
 * `<svc>!SPCS_GET_LOGS(...)` and `<svc>!SPCS_GET_EVENTS(...)` read the account's event table, which lives in
 * fakesnow (docs/sql-endpoint.md, "The event table"): the executor cannot query it, so it answers with the
 * SELECT the endpoint runs there instead of the client's text (SqlResult.forward). The SELECT is a fixed
 * template; the only values in it are the service's names and the time window, each a string literal made
 * by `sqlString`, so nothing the client wrote reaches fakesnow as SQL.
 */

export type EventTableFunction = "SPCS_GET_LOGS" | "SPCS_GET_EVENTS";

/** The time window, as TIMESTAMP_NTZ in UTC (the event table's TIMESTAMP). */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/** SPCS's defaults for both functions: START_TIME one day ago, END_TIME now. */
export function defaultWindow(now: number = Date.now()): TimeWindow {
  return { start: new Date(now - 86_400_000), end: new Date(now) };
}

/** A Snowflake string literal: quotes doubled, backslashes escaped (Snowflake reads `\` as an escape in '…'). */
export function sqlString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** `YYYY-MM-DD HH:MM:SS.fff` in UTC, as a TIMESTAMP_NTZ literal. */
function ntzLiteral(d: Date): string {
  return `${sqlString(d.toISOString().slice(0, 23).replace("T", " "))}::TIMESTAMP_NTZ`;
}

/** The columns both functions start with: when, and which instance and container. */
const WHERE_FROM = [
  "timestamp AS TIMESTAMP",
  `resource_attributes:"snow.service.instance"::number AS INSTANCE_ID`,
  `resource_attributes:"snow.service.container.name"::varchar AS CONTAINER_NAME`,
];

/**
 * The columns Snowflake documents for each function. VALUE is a VARIANT string: `object_construct(...):l::varchar`
 * gives its text without JSON quotes (a bare `value::varchar` keeps them in fakesnow).
 */
const COLUMNS: Record<EventTableFunction, { recordType: "LOG" | "EVENT"; select: string[] }> = {
  SPCS_GET_LOGS: {
    recordType: "LOG",
    select: [
      ...WHERE_FROM,
      "object_construct('l', value):l::varchar AS LOG",
      "record_attributes AS RECORD_ATTRIBUTES",
    ],
  },
  SPCS_GET_EVENTS: {
    recordType: "EVENT",
    select: [
      ...WHERE_FROM,
      "record:severity_text::varchar AS SEVERITY",
      "record:name::varchar AS EVENT_NAME",
      "value AS EVENT_VALUE",
    ],
  },
};

/** The SELECT over the event table for one service's rows of one kind within the window, oldest first. */
export function eventTableQuery(fn: EventTableFunction, service: QualifiedName, window: TimeWindow): string {
  const { recordType, select } = COLUMNS[fn];
  const attribute = (key: string, value: string) => `resource_attributes:"${key}"::varchar = ${sqlString(value)}`;
  const where = [
    `record_type = ${sqlString(recordType)}`,
    attribute("snow.database.name", service.database),
    attribute("snow.schema.name", service.schema),
    attribute("snow.service.name", service.name),
    `timestamp >= ${ntzLiteral(window.start)}`,
    `timestamp <= ${ntzLiteral(window.end)}`,
  ];
  return `SELECT ${select.join(", ")} FROM ${EVENT_TABLE} WHERE ${where.join(" AND ")} ORDER BY timestamp`;
}

/** The statement's answer: fakesnow runs the query; columns and rows come from it. */
export function forwardedResult(sql: string): SqlResult {
  return { columns: [], rows: [], statementType: "select", forward: sql };
}

/** START_TIME / END_TIME: a timestamp literal such as '2026-11-30 08:00:00' (read in UTC without a zone). */
export function parseTime(fn: string, name: string, text: string): Date {
  const zoned = /([zZ]|[+-]\d\d:?\d\d)$/.test(text.trim());
  const t = Date.parse(zoned ? text : `${text.trim().replace(" ", "T")}${/\d:\d\d/.test(text) ? "" : "T00:00:00"}Z`);
  if (Number.isNaN(t)) throw sqlError("invalidValue", `SQL compilation error:\ninvalid value '${text}' for ${name} of ${fn}: expected a timestamp such as '2026-11-30 08:00:00' (an expression such as DATEADD(...) is not evaluated here: give its value).`);
  return new Date(t);
}
