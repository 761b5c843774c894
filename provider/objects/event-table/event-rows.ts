import type { ServiceRow } from "../../catalog/service-store";

/**
 * The account's event table, as `SHOW PARAMETERS LIKE 'event_table' IN ACCOUNT` names it. SNOWFLAKE.TELEMETRY.EVENTS
 * is the table Snowflake sets up for every account and uses when no other is set.
 */
export const EVENT_TABLE = "SNOWFLAKE.TELEMETRY.EVENTS";

/** Snowflake's event-table columns, in order, with their types (the OpenTelemetry data model). */
export const EVENT_TABLE_COLUMNS = [
  ["TIMESTAMP", "TIMESTAMP_NTZ"], ["START_TIMESTAMP", "TIMESTAMP_NTZ"], ["OBSERVED_TIMESTAMP", "TIMESTAMP_NTZ"],
  ["TRACE", "OBJECT"], ["RESOURCE", "OBJECT"], ["RESOURCE_ATTRIBUTES", "OBJECT"], ["SCOPE", "OBJECT"],
  ["SCOPE_ATTRIBUTES", "OBJECT"], ["RECORD_TYPE", "VARCHAR"], ["RECORD", "OBJECT"], ["RECORD_ATTRIBUTES", "OBJECT"],
  ["VALUE", "VARIANT"], ["EXEMPLARS", "ARRAY"],
] as const;
export type EventColumn = (typeof EVENT_TABLE_COLUMNS)[number][0];

/** One row of the event table: timestamps as `YYYY-MM-DD HH:MM:SS.ffffff` (UTC), the rest as JSON values. */
export type EventRow = Partial<Record<EventColumn, unknown>> & { TIMESTAMP: string; RECORD_TYPE: "LOG" | "EVENT" };

/** SPCS's scope for the platform's own events. */
export const PLATFORM_SCOPE = "snow.spcs.platform";

/** An RFC 3339 time (any precision) as a TIMESTAMP_NTZ literal in UTC, to the microsecond. */
export function ntz(time: string): string {
  const d = new Date(time);
  const fraction = /\.(\d+)/.exec(time)?.[1] ?? "";
  return `${d.toISOString().slice(0, 19).replace("T", " ")}.${fraction.padEnd(6, "0").slice(0, 6)}`;
}

/**
 * The TIMESTAMP_NTZ of each line of one container, oldest first, kept strictly increasing: the engine stamps
 * to the nanosecond, the table keeps microseconds, and lines written within one microsecond must still sort
 * in the order they were written (`ORDER BY timestamp`). `after`: the stamp of the line exported before them.
 */
export function lineTimestamps(times: string[], after?: string): string[] {
  let last = after ? ntz(after) : "";
  return times.map((t) => {
    let v = ntz(t);
    if (v <= last) v = nextMicrosecond(last);
    last = v;
    return v;
  });
}

function nextMicrosecond(v: string): string {
  const [date, time] = v.split(" ");
  const ms = Date.parse(`${date}T${time.slice(0, 12)}Z`);
  let micros = Number(time.slice(12)) + 1;
  let base = ms;
  if (micros >= 1000) {
    micros -= 1000;
    base += 1;
  }
  return `${new Date(base).toISOString().slice(0, 23).replace("T", " ")}${String(micros).padStart(3, "0")}`;
}

/** Who emitted a row: SPCS's resource attributes for a service or job, and one instance's container when known. */
export function resourceAttributes(account: string, svc: ServiceRow, at?: { instanceId: number; containerName: string }): Record<string, string> {
  return {
    "snow.account.name": account,
    "snow.compute_pool.name": svc.computePool,
    "snow.database.name": svc.databaseName,
    "snow.schema.name": svc.schemaName,
    "snow.service.name": svc.name,
    "snow.service.type": svc.isJob ? "Job" : "Service",
    ...(at && { "snow.service.instance": String(at.instanceId), "snow.service.container.name": at.containerName }),
  };
}

/** A line a container wrote: stdout at INFO, stderr at ERROR, the stream in `log.iostream`. */
export function logRow(resource: Record<string, string>, line: { time: string; stream: "stdout" | "stderr"; text: string }, at: string = ntz(line.time)): EventRow {
  const t = at;
  return {
    TIMESTAMP: t,
    OBSERVED_TIMESTAMP: t,
    RESOURCE_ATTRIBUTES: resource,
    RECORD_TYPE: "LOG",
    RECORD: { severity_text: line.stream === "stderr" ? "ERROR" : "INFO" },
    RECORD_ATTRIBUTES: { "log.iostream": line.stream },
    VALUE: line.text,
  };
}

/** A platform event (monitoring-services, "Supported events"): `name` such as CONTAINER.STATUS_CHANGE, VALUE {message, status}. */
export function platformEventRow(resource: Record<string, string>, time: string, name: string, status: string, message: string): EventRow {
  return {
    TIMESTAMP: ntz(time),
    OBSERVED_TIMESTAMP: ntz(time),
    RESOURCE_ATTRIBUTES: resource,
    SCOPE: { name: PLATFORM_SCOPE },
    RECORD_TYPE: "EVENT",
    RECORD: { name, severity_text: severityOf(status, message) },
    VALUE: { message, status },
  };
}

/** SPCS records failures (and an image it cannot pull, while still PENDING) at ERROR, the rest at INFO. */
function severityOf(status: string, message: string): "INFO" | "ERROR" {
  return status === "FAILED" || status === "INTERNAL_ERROR" || /^Failed to pull image/.test(message) ? "ERROR" : "INFO";
}
