import type { FunctionCall, ServiceFunctionCaller, SqlResult } from "../sql-types";
import { dropMessage, schemaObjectName, type ExecContext } from "./exec-context";
import { parseIdentifierText, requirePlain } from "./identifiers";
import { Options } from "./options";
import { statusResult } from "./result-sets";
import { callServiceFunction, CONTEXT_FUNCTIONS, createServiceFunction, dropServiceFunction, getServiceFunction, restoreServiceFunction, signatureOf, type Platform, type ServiceFunctionRow } from "./spcs-operations";
import { sqlError } from "./sql-errors";
import type { Statement } from "./statement-types";
import { toSqlError } from "./translate-error";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;

/** fakesnow launcher's route that makes (or drops) a function's macro (provision/fakesnow-service-functions.ts). */
const FAKESNOW_FUNCTIONS = "/spcs/v1/functions";

/** SPCS options the local platform does not apply: refused, naming what it does instead. */
const NOT_APPLIED: Record<string, string> = {
  MAX_BATCH_RETRIES: "a batch is retried 3 times on a connection failure, 429 or 5xx",
  ON_BATCH_FAILURE: "a batch that still fails fails the query (ABORT)",
  BATCH_TIMEOUT_SECS: "a batch may take 120 seconds",
};

export async function createServiceFunctionStatement(ctx: ExecContext, st: Of<"create-service-function">): Promise<SqlResult> {
  const key = schemaObjectName(st.name, ctx.session, "CREATE FUNCTION", "function");
  const o = new Options(st.options, "FUNCTION").allowOnly(["SERVICE", "ENDPOINT", "COMMENT", "CONTEXT_HEADERS", "MAX_BATCH_ROWS", ...Object.keys(NOT_APPLIED)]);
  for (const [option, instead] of Object.entries(NOT_APPLIED)) {
    if (o.has(option)) throw sqlError("unsupported", `Unsupported feature '${option}': the local platform does not apply it (${instead}). Leave ${option} out.`);
  }
  const service = o.name("SERVICE");
  const endpoint = o.name("ENDPOINT");
  if (!service) throw sqlError("syntax", "SQL compilation error:\nmissing SERVICE = <service name>: a service function names the service that answers it.");
  if (!endpoint || endpoint.length !== 1) throw sqlError("syntax", "SQL compilation error:\nmissing ENDPOINT = <endpoint name>: a service function names one endpoint of its service.");
  const contextHeaders = (o.nameList("CONTEXT_HEADERS") ?? []).map((parts) => parts[parts.length - 1].toUpperCase());
  const bad = contextHeaders.find((h) => !(CONTEXT_FUNCTIONS as readonly string[]).includes(h));
  if (bad) throw sqlError("invalidValue", `SQL compilation error:\ninvalid context function '${bad}' in CONTEXT_HEADERS; use some of ${CONTEXT_FUNCTIONS.join(", ")}.`);
  const before = getServiceFunction(ctx.platform, key);
  const row = createServiceFunction(ctx.platform, {
    ...key,
    arguments: st.args,
    returns: st.returns,
    service: schemaObjectName(service, ctx.session, "CREATE FUNCTION", "service"),
    endpoint: endpoint[0],
    path: st.path,
    maxBatchRows: o.integer("MAX_BATCH_ROWS", 1),
    contextHeaders,
    comment: o.string("COMMENT"),
  }, { orReplace: st.orReplace, ifNotExists: st.ifNotExists });
  if (!row) return statusResult(`${key.name} already exists, statement succeeded.`);
  // The macro that makes f(col) callable lives in fakesnow: if it cannot be made, the catalog goes back to
  // what it was, so no function is left that SQL cannot call.
  const rollback = () => (before ? restoreServiceFunction(ctx.platform, before) : dropServiceFunction(ctx.platform, key));
  return { ...statusResult(`Function ${key.name} successfully created.`), fakesnow: [{ path: FAKESNOW_FUNCTIONS, body: macroRequest(row) }], rollback };
}

function macroRequest(row: ServiceFunctionRow) {
  return {
    database: row.databaseName, schema: row.schemaName, name: row.name, arguments: row.arguments, returns: row.returns,
    function: `${row.databaseName}.${row.schemaName}.${row.name}`,
  };
}

/** DROP FUNCTION of a service function; any other function is fakesnow's (undefined). */
export async function dropFunctionStatement(ctx: ExecContext, st: Of<"drop-function">): Promise<SqlResult | undefined> {
  const key = schemaObjectName(st.name, ctx.session, "DROP FUNCTION", "function");
  const row = getServiceFunction(ctx.platform, key);
  if (!row) return undefined;
  dropServiceFunction(ctx.platform, key);
  return { ...statusResult(dropMessage(key.name, true)), fakesnow: [{ path: FAKESNOW_FUNCTIONS, body: { database: key.database, schema: key.schema, name: key.name, drop: true } }] };
}

/** DESCRIBE FUNCTION of a service function: property / value rows; any other function is fakesnow's. */
export async function describeFunctionStatement(ctx: ExecContext, st: Of<"describe-function">): Promise<SqlResult | undefined> {
  const key = schemaObjectName(st.name, ctx.session, "DESCRIBE FUNCTION", "function");
  const row = getServiceFunction(ctx.platform, key);
  if (!row) return undefined;
  const rows: [string, string | null][] = [
    ["signature", signatureOf(row)],
    ["returns", row.returns],
    ["service", row.service],
    ["endpoint", row.endpoint],
    ["body", row.path],
    ["context_headers", row.contextHeaders.length ? `(${row.contextHeaders.join(", ")})` : null],
    ["max_batch_rows", row.maxBatchRows === null ? null : String(row.maxBatchRows)],
    ["comment", row.comment],
  ];
  return { columns: [{ name: "property", type: "text" }, { name: "value", type: "text", nullable: true }], rows, statementType: "describe" };
}

/**
 * The endpoint's service function caller on one platform: `DB.SCHEMA.NAME` and the calling statement's
 * session become SPCS's call (objects/service-functions); failures become SqlErrors with SPCS's words.
 */
export function serviceFunctionCaller(platform: Platform | (() => Platform)): ServiceFunctionCaller {
  const platformOf = typeof platform === "function" ? platform : () => platform;
  return async (fn: string, rows: unknown[][], call: FunctionCall) => {
    try {
      const [database, schema, name] = parseIdentifierText(fn, "function").map((p) => requirePlain(p, "function"));
      const p = platformOf();
      const now = new Date();
      const s = call.session;
      return await callServiceFunction(p, { database, schema, name }, rows, {
        queryId: call.queryId,
        context: {
          CURRENT_ACCOUNT: p.config.account, CURRENT_USER: s.user, CURRENT_ROLE: s.role, CURRENT_DATABASE: s.database, CURRENT_SCHEMA: s.schema,
          CURRENT_WAREHOUSE: s.warehouse, CURRENT_SESSION: call.sessionId, CURRENT_STATEMENT: call.sqlText, CURRENT_CLIENT: "pulumi-spcs SQL endpoint",
          CURRENT_REGION: "LOCAL", CURRENT_VERSION: "local", CURRENT_TIMESTAMP: now.toISOString(), CURRENT_DATE: now.toISOString().slice(0, 10),
          CURRENT_TIME: now.toISOString().slice(11, 23),
        },
      });
    } catch (e) {
      throw toSqlError(e);
    }
  };
}
