import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { ServiceFunctionCaller, SpcsStatementExecutor } from "../sql-types";
import type { EndpointContext } from "./endpoint-context";
import { failure, ok } from "./envelopes";
import { sendJson } from "./http-io";
import { FUNCTION_CALL_PATH, FunctionCalls } from "./function-calls";
import { abortRequest, queryMonitoring, queryRequest, queryResult } from "./query-routes";
import { QueryStore } from "./query-store";
import { login, sessionCall, tokenRequest } from "./session-routes";
import { SessionStore } from "./session-store";
import { Upstream } from "./upstream";

/** Snowflake holds a synchronous query-request for about 45 s before answering "in progress". */
export const DEFAULT_SYNC_WAIT_MS = 45_000;
export const DEFAULT_POLL_WAIT_MS = 10_000;

export interface SqlEndpointOptions {
  /** `host:port` of fakesnow's server. */
  fakesnow: string;
  /** Answers SPCS SQL; returns undefined for everything else, which goes to fakesnow. */
  executor: SpcsStatementExecutor;
  syncWaitMs?: number;
  pollWaitMs?: number;
  log?: (line: string) => void;
  /** The platform home: OAuth logins with a service's session token (oauth-login.ts). */
  home?: string;
  /** Answers service functions called from SQL that fakesnow runs; unset: such calls fail. */
  functionCaller?: ServiceFunctionCaller;
}

export interface SqlEndpoint {
  server: http.Server;
  /** `127.0.0.1:<port>` once listening. */
  address: string;
  close(): Promise<void>;
}

/**
 * The SQL endpoint: Snowflake's connector protocol over plain HTTP on a loopback address, for `snow`,
 * snowflake-connector-python 4.x/5.x and the Node snowflake-sdk. Port 0 picks a free port.
 */
export async function startSqlEndpoint(opts: SqlEndpointOptions, port = 0, host = "127.0.0.1"): Promise<SqlEndpoint> {
  const upstream = new Upstream(opts.fakesnow);
  const ctx: EndpointContext = {
    sessions: new SessionStore(),
    queries: new QueryStore(),
    upstream,
    executor: opts.executor,
    syncWaitMs: opts.syncWaitMs ?? DEFAULT_SYNC_WAIT_MS,
    pollWaitMs: opts.pollWaitMs ?? DEFAULT_POLL_WAIT_MS,
    log: opts.log ?? (() => undefined),
    home: opts.home,
    functionCalls: new FunctionCalls(opts.functionCaller),
    address: "",
  };
  const server = http.createServer((req, res) => {
    req.on("error", () => undefined);
    res.on("error", () => undefined);
    route(ctx, req, res).catch((e: unknown) => {
      ctx.log(`${req.method} ${req.url}: ${e instanceof Error ? e.message : String(e)}`);
      // The statement's client may be gone; sendJson then does nothing.
      sendJson(res, 200, failure("000603", "XX000", `SQL execution internal error: ${e instanceof Error ? e.message : String(e)}`));
    });
  });
  // A client that resets its connection mid-request must not become an unhandled error.
  server.on("clientError", (_e, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const a = server.address() as AddressInfo;
  ctx.address = `${a.address}:${a.port}`;
  return {
    server,
    address: `${a.address}:${a.port}`,
    close: () =>
      new Promise((resolve) => {
        upstream.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function route(ctx: EndpointContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://endpoint");
  // connector 5.x asks for `/monitoring/queries//<qid>`.
  const pathname = url.pathname.replace(/\/{2,}/g, "/");
  const q = url.searchParams;
  const method = req.method ?? "GET";
  let m: RegExpExecArray | null;
  if (method === "POST" && pathname === "/session/v1/login-request") return login(ctx, req, res, q);
  if (method === "POST" && pathname === "/session/token-request") return tokenRequest(ctx, req, res);
  if (method === "POST" && (pathname === "/session" || pathname === "/session/heartbeat")) return sessionCall(ctx, req, res, pathname, q);
  if (method === "POST" && pathname === "/telemetry/send") return sendJson(res, 200, ok(null));
  if (method === "POST" && pathname === "/queries/v1/query-request") return queryRequest(ctx, req, res, q);
  if (method === "POST" && pathname === "/queries/v1/abort-request") return abortRequest(ctx, req, res);
  if (method === "POST" && pathname === FUNCTION_CALL_PATH) return ctx.functionCalls.handle(req, res);
  if (method === "GET" && (m = /^\/queries\/([^/]+)\/result$/.exec(pathname))) return queryResult(ctx, req, res, decodeURIComponent(m[1]));
  if (method === "GET" && (m = /^\/monitoring\/queries\/([^/]+)$/.exec(pathname))) return queryMonitoring(ctx, req, res, decodeURIComponent(m[1]));
  sendJson(res, 404, failure("390400", "08001", `The SQL endpoint does not serve ${method} ${pathname}.`));
}
