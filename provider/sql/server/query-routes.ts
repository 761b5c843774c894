import type { IncomingMessage, ServerResponse } from "node:http";
import { upstreamAuth, type EndpointContext } from "./endpoint-context";
import { failure, inProgress, ok, type Envelope } from "./envelopes";
import { readJson, sendJson, sessionToken } from "./http-io";
import { newQueryId, type EndpointSession } from "./session-store";
import { clientSessionStatement } from "./client-session-statements";
import { resultData } from "./wire-result";
import { snowflakeWording } from "./fakesnow-errors";
import { FUNCTION_CONTEXT_HEADER } from "./function-calls";

/** How connector 4.x fetches an async result: `select * from table(result_scan('<qid>'))`. */
const RESULT_SCAN = /^\s*select\s+\*\s+from\s+table\s*\(\s*result_scan\s*\(\s*'([^']+)'\s*\)\s*\)\s*;?\s*$/i;

/** The endpoint's query id for a forwarded statement: fakesnow's launcher names the result with it. */
const QUERY_ID_HEADER = "x-spcs-query-id";

/** Node's client reads only JSON rowsets; fakesnow (through our launcher) converts its Arrow on request. */
export const JSON_RESULT_HEADER = "x-spcs-result-format";

/**
 * `POST /queries/v1/query-request`: the executor first; SQL it does not claim goes to fakesnow. A statement
 * still running after `syncWaitMs`, or sent with `asyncExec`, is answered "in progress" (333334) with a
 * `getResultUrl` the client polls, as Snowflake does.
 */
export async function queryRequest(ctx: EndpointContext, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
  const session = requireSession(ctx, req, res);
  if (!session) return;
  const body = await readJson(req);
  const sqlText = String(body.sqlText ?? "");
  const scanned = RESULT_SCAN.exec(sqlText)?.[1];
  if (scanned && ctx.queries.has(scanned)) {
    const answer = (await ctx.queries.wait(scanned, ctx.pollWaitMs)) ?? inProgress(scanned);
    return sendJson(res, 200, answer);
  }
  const requestId = query.get("requestId") ?? undefined;
  const resent = ctx.queries.byRequest(session.id, requestId);
  const qid = resent ?? newQueryId();
  const wantsJson = /^JavaScript\//.test(String(req.headers["user-agent"] ?? ""));
  if (!resent) ctx.queries.start(qid, session.id, sqlText, requestId, () => runStatement(ctx, session, body, query, qid, wantsJson));
  if (body.asyncExec === true) return sendJson(res, 200, inProgress(qid));
  const answer = await ctx.queries.wait(qid, ctx.syncWaitMs);
  sendJson(res, 200, answer ? answer : inProgress(qid));
}

async function runStatement(ctx: EndpointContext, session: EndpointSession, body: Record<string, unknown>, query: URLSearchParams, qid: string, wantsJson: boolean): Promise<Envelope> {
  const sqlText = String(body.sqlText ?? "");
  // describeOnly must not run the statement, and the executor has no describe: fakesnow answers it.
  let upstreamBody = body;
  if (body.describeOnly !== true) {
    const result = clientSessionStatement(sqlText) ?? (await ctx.executor(sqlText, { ...session.sql }));
    // A statement fakesnow answers with the executor's own SQL (the event-table functions); bindings are the client's and not for it.
    if (result?.forward !== undefined) upstreamBody = { ...body, sqlText: result.forward, bindings: undefined };
    else if (result) {
      const refused = await tellFakesnow(ctx, session, result.fakesnow ?? [], qid);
      if (refused) result.rollback?.();
      return refused ?? ok(resultData(result, qid, session.sql));
    }
  }
  // The statement may call service functions: fakesnow's UDF calls back with this statement's token.
  const calls = ctx.functionCalls.open(ctx.address, { queryId: qid, sessionId: String(session.id), sqlText, session: { ...session.sql } });
  const headers = { ...upstreamAuth(session.upstreamToken), ...(wantsJson && { [JSON_RESULT_HEADER]: "json" }), [FUNCTION_CONTEXT_HEADER]: calls.header, [QUERY_ID_HEADER]: qid };
  const up = await ctx.upstream.post(`/queries/v1/query-request?${query.toString()}`, upstreamBody, headers).finally(calls.close);
  if (up.status >= 500 || (up.status !== 200 && up.body.success !== false)) {
    // fakesnow reports its own bugs as HTTP 500; a 5xx makes the connectors retry for minutes, so the
    // client gets Snowflake's internal-error code at once instead.
    return failure("000603", "XX000", `SQL execution internal error: fakesnow could not run this statement: ${String(up.body.message ?? up.status)}`, qid);
  }
  if (up.body.success === false) return fakesnowFailure(up.body as Envelope, sqlText, qid);
  const data = up.body.data as Record<string, unknown> | null | undefined;
  if (up.body.success && data) {
    ctx.sessions.noteCurrent(session, data);
    if (Array.isArray(data.rowset) && data.returned === undefined) data.returned = data.rowset.length;
    if (typeof data.queryId === "string" && data.queryId !== qid) ctx.queries.remember(data.queryId, session.id, sqlText, up.body as Envelope);
  }
  return up.body as Envelope;
}

/** Sends what fakesnow must know of the statement's SPCS objects; the first failure is the statement's answer. */
async function tellFakesnow(ctx: EndpointContext, session: EndpointSession, requests: { path: string; body: unknown }[], qid: string): Promise<Envelope | undefined> {
  for (const r of requests) {
    const up = await ctx.upstream.post(r.path, r.body, upstreamAuth(session.upstreamToken));
    if (up.status !== 200 || up.body.success !== true) {
      const data = (up.body.data ?? {}) as Record<string, unknown>;
      return failure(String(up.body.code ?? "000603"), String(data.sqlState ?? "XX000"), String(up.body.message ?? `fakesnow answered ${up.status} to ${r.path}`), qid);
    }
  }
  return undefined;
}

/** fakesnow's error in Snowflake's words where we know them, with the query id Snowflake's errors carry. */
function fakesnowFailure(body: Envelope, sqlText: string, qid: string): Envelope {
  const data = body.data ?? {};
  const sent = { code: String(body.code ?? data.errorCode ?? "000603"), sqlState: String(data.sqlState ?? "XX000"), message: String(body.message ?? "") };
  const e = snowflakeWording(sent, sqlText);
  return { ...body, code: e.code, message: e.message, data: { ...data, errorCode: e.code, sqlState: e.sqlState, queryId: data.queryId ?? qid } };
}

/** `GET /queries/{qid}/result` (connector 5.x, Node, and every client polling a 333334). */
export async function queryResult(ctx: EndpointContext, req: IncomingMessage, res: ServerResponse, qid: string): Promise<void> {
  if (!requireSession(ctx, req, res)) return;
  if (!ctx.queries.has(qid)) return sendJson(res, 200, failure("000709", "02000", `Statement ${qid} not found`));
  const answer = await ctx.queries.wait(qid, ctx.pollWaitMs);
  sendJson(res, 200, answer ?? inProgress(qid));
}

/** `GET /monitoring/queries/{qid}`: RUNNING, SUCCESS or FAILED_WITH_ERROR with the error, as Snowflake reports. */
export async function queryMonitoring(ctx: EndpointContext, req: IncomingMessage, res: ServerResponse, qid: string): Promise<void> {
  const session = requireSession(ctx, req, res);
  if (!session) return;
  const s = ctx.queries.status(qid);
  if (!s) {
    const up = await ctx.upstream.get(`/monitoring/queries/${encodeURIComponent(qid)}`, upstreamAuth(session.upstreamToken));
    return sendJson(res, 200, up.body);
  }
  const failed = s.status === "FAILED_WITH_ERROR" ? { errorCode: s.answer?.code, errorMessage: s.answer?.message } : {};
  sendJson(res, 200, ok({ queries: [{ id: qid, status: s.status, sqlText: s.sqlText, ...failed }] }));
}

/** `POST /queries/v1/abort-request`: the running statement's client gets Snowflake's cancel error. */
export async function abortRequest(ctx: EndpointContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!requireSession(ctx, req, res)) return;
  const body = await readJson(req);
  const requestId = body.requestId === undefined ? undefined : String(body.requestId);
  const queryId = typeof body.queryId === "string" ? body.queryId : undefined;
  ctx.queries.cancel({ requestId, queryId }, failure("000604", "57014", "SQL execution canceled", queryId));
  sendJson(res, 200, ok(null));
}

function requireSession(ctx: EndpointContext, req: IncomingMessage, res: ServerResponse): EndpointSession | undefined {
  const session = ctx.sessions.get(sessionToken(req));
  if (!session) sendJson(res, 401, failure("390104", "08001", "User must login again to access the service."));
  return session;
}
