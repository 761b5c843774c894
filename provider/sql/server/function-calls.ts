import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { SqlError, type FunctionCall, type ServiceFunctionCaller } from "../sql-types";
import { readJson, sendJson } from "./http-io";

/** The route fakesnow's service-function UDF posts a chunk of rows to (provision/fakesnow-service-functions.ts). */
export const FUNCTION_CALL_PATH = "/spcs/v1/function-call";
/** The header that tells fakesnow's launcher where and as whom the statement's service functions call back. */
export const FUNCTION_CONTEXT_HEADER = "x-spcs-function-context";
const TOKEN_HEADER = "x-spcs-call-token";

/**
 * Statements forwarded to fakesnow that may call service functions. Each gets an unguessable token that
 * fakesnow's UDF presents when it calls back; the token names the statement (query id, session), and
 * nothing else reaches the route: the endpoint is also reachable from containers (container-relay.ts).
 */
export class FunctionCalls {
  private readonly byToken = new Map<string, FunctionCall>();

  constructor(private readonly caller: ServiceFunctionCaller | undefined) {}

  /** The header value for one forwarded statement, and the function that forgets it once answered. */
  open(endpointAddress: string, call: FunctionCall): { header: string; close: () => void } {
    const token = randomBytes(24).toString("base64url");
    this.byToken.set(token, call);
    return { header: JSON.stringify({ url: `http://${endpointAddress}${FUNCTION_CALL_PATH}`, token }), close: () => this.byToken.delete(token) };
  }

  /** `POST /spcs/v1/function-call` `{function, rows}` → `{success, values}` or `{success: false, code, sqlState, message}`. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const call = this.byToken.get(String(req.headers[TOKEN_HEADER] ?? ""));
    if (!call || !this.caller) return sendJson(res, 403, { success: false, message: "This route answers only service functions called by a statement of this endpoint." });
    const body = await readJson(req);
    const rows = Array.isArray(body.rows) ? (body.rows as unknown[][]) : [];
    try {
      const values = await this.caller(String(body.function ?? ""), rows, call);
      sendJson(res, 200, { success: true, values });
    } catch (e) {
      // fakesnow's launcher makes this the query's error (code, SQLSTATE and message as Snowflake sends them).
      const err = e instanceof SqlError ? e : new SqlError("000603", "XX000", `SQL execution internal error: ${e instanceof Error ? e.message : String(e)}`);
      sendJson(res, 200, { success: false, code: err.code, sqlState: err.sqlState, message: err.message });
    }
  }
}
