import type { SqlResult } from "../sql-types";
import type { ExecContext } from "./exec-context";
import { tableResult, type ColumnSpec } from "./result-sets";
import { applyFilters } from "./show-filters";
import { EVENT_TABLE } from "./spcs-operations";
import type { Statement } from "./statement-types";

/** SHOW PARAMETERS' columns, in Snowflake's order. */
const SHOW_PARAMETERS: ColumnSpec[] = [["key", "text"], ["value", "text"], ["default", "text"], ["level", "text"], ["description", "text"], ["type", "text"]];

/**
 * SHOW PARAMETERS [LIKE '…'] IN ACCOUNT: the account parameters the platform has. EVENT_TABLE is the one
 * SPCS tooling reads (`snow spcs service events` / `metrics` query the table it names); it is the
 * account's default event table, so `level` is empty as for a parameter never set.
 */
export function showAccountParameters(_ctx: ExecContext, st: Extract<Statement, { kind: "show-account-parameters" }>): SqlResult {
  const parameters = [
    { key: "EVENT_TABLE", value: EVENT_TABLE, default: EVENT_TABLE, level: "", description: "Event table for logs, traces and platform events, including those of Snowpark Container Services.", type: "STRING" },
  ];
  return tableResult(SHOW_PARAMETERS, applyFilters(parameters, { like: st.filters.like }, (p) => p.key), "show", undefined);
}
