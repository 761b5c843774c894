import type { SqlResult } from "../sql-types";
import { STATEMENT_OK, type ExecContext } from "./exec-context";
import { literalText } from "./options";
import { statusResult, tableResult, type ColumnSpec } from "./result-sets";
import { applyFilters } from "./show-filters";
import { DEFAULT_LOG_EVENT_LEVEL, EVENT_TABLE, LOG_EVENT_LEVEL, LOG_EVENT_LEVELS, logEventLevel, setLogEventLevel, type LogEventLevel } from "./spcs-operations";
import { sqlError } from "./sql-errors";
import type { Statement } from "./statement-types";

/** SHOW PARAMETERS' columns, in Snowflake's order. */
const SHOW_PARAMETERS: ColumnSpec[] = [["key", "text"], ["value", "text"], ["default", "text"], ["level", "text"], ["description", "text"], ["type", "text"]];

/**
 * SHOW PARAMETERS [LIKE '…'] IN ACCOUNT: the account parameters the platform has. EVENT_TABLE is the one
 * SPCS tooling reads (`snow spcs service events` / `metrics` query the table it names); it is the
 * account's default event table, so `level` is empty as for a parameter never set. LOG_EVENT_LEVEL turns
 * platform events on; `level` is ACCOUNT once ALTER ACCOUNT set it.
 */
export function showAccountParameters(ctx: ExecContext, st: Extract<Statement, { kind: "show-account-parameters" }>): SqlResult {
  const eventLevelSet = ctx.platform.catalog.parameters.get(LOG_EVENT_LEVEL) !== undefined;
  const parameters = [
    { key: "EVENT_TABLE", value: EVENT_TABLE, default: EVENT_TABLE, level: "", description: "Event table for logs, traces and platform events, including those of Snowpark Container Services.", type: "STRING" },
    { key: LOG_EVENT_LEVEL, value: logEventLevel(ctx.platform), default: DEFAULT_LOG_EVENT_LEVEL, level: eventLevelSet ? "ACCOUNT" : "", description: "Severity of the platform events recorded in the event table (INFO, ERROR or OFF).", type: "STRING" },
  ];
  return tableResult(SHOW_PARAMETERS, applyFilters(parameters, { like: st.filters.like }, (p) => p.key), "show", undefined);
}

/** ALTER ACCOUNT SET LOG_EVENT_LEVEL = 'INFO' | 'ERROR' | 'OFF', and UNSET LOG_EVENT_LEVEL (back to OFF). */
export function alterAccountParameters(ctx: ExecContext, st: Extract<Statement, { kind: "alter-account-parameters" }>): SqlResult {
  const a = st.action;
  const known = (name: string) => {
    if (name !== LOG_EVENT_LEVEL) throw sqlError("unsupported", `SQL compilation error:\nthe local platform sets no account parameter ${name} together with ${LOG_EVENT_LEVEL}: set ${LOG_EVENT_LEVEL} in a statement of its own.`);
  };
  if (a.kind === "unset") {
    a.properties.forEach(known);
    setLogEventLevel(ctx.platform, undefined);
  } else if (a.kind === "set") {
    for (const o of a.options) {
      known(o.key);
      const value = literalText(o.value).toUpperCase();
      if (!(LOG_EVENT_LEVELS as readonly string[]).includes(value)) {
        throw sqlError("invalidValue", `invalid value [${literalText(o.value)}] for parameter '${LOG_EVENT_LEVEL}': use one of ${LOG_EVENT_LEVELS.join(", ")}.`);
      }
      setLogEventLevel(ctx.platform, value as LogEventLevel);
    }
  }
  return statusResult(STATEMENT_OK);
}
