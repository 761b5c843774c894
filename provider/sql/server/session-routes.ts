import type { IncomingMessage, ServerResponse } from "node:http";
import { upstreamAuth, type EndpointContext } from "./endpoint-context";
import { failure, ok } from "./envelopes";
import { readJson, sendJson, sessionToken } from "./http-io";
import { DEFAULT_ROLE } from "./session-store";

/** Snowflake's defaults: session tokens live an hour, master tokens four. fakesnow never expires either. */
const SESSION_VALIDITY_S = 3600;
const MASTER_VALIDITY_S = 14400;

/**
 * `POST /session/v1/login-request`: fakesnow creates the session (any credentials pass); the answer gains
 * what fakesnow leaves out and connector 5.x requires (`masterToken`, validities, `sessionId`).
 */
export async function login(ctx: EndpointContext, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
  const body = await readJson(req);
  const up = await ctx.upstream.post(`/session/v1/login-request?${query.toString()}`, body);
  const data = up.body.data as Record<string, unknown> | undefined;
  if (!up.body.success || !data?.token) return sendJson(res, 200, up.body.success === false ? up.body : failure("390100", "08004", "Login failed: the SQL endpoint's fakesnow gave no session token."));
  const login = (body.data ?? {}) as Record<string, unknown>;
  const params = (login.SESSION_PARAMETERS ?? {}) as Record<string, unknown>;
  const info = (data.sessionInfo ?? {}) as Record<string, unknown>;
  const role = (query.get("roleName") || (params.ROLE as string | undefined) || DEFAULT_ROLE).toUpperCase();
  const warehouse = query.get("warehouse") || undefined;
  const session = ctx.sessions.add(String(data.token), {
    user: String(login.LOGIN_NAME ?? "LOCAL_USER").toUpperCase(),
    role,
    database: (info.databaseName as string | null) ?? undefined,
    schema: (info.schemaName as string | null) ?? undefined,
    warehouse: warehouse?.toUpperCase(),
  });
  sendJson(res, 200, {
    ...up.body,
    data: {
      ...data,
      masterToken: session.masterToken,
      validityInSeconds: SESSION_VALIDITY_S,
      masterValidityInSeconds: MASTER_VALIDITY_S,
      sessionId: session.id,
      idToken: null,
      mfaToken: null,
      displayUserName: session.sql.user,
      firstLogin: false,
      healthCheckInterval: 45,
      newClientForUpgrade: null,
      sessionInfo: { ...info, roleName: role, warehouseName: session.sql.warehouse ?? null },
    },
  });
}

/**
 * `POST /session/token-request`, with the master token as authorization: RENEW hands back the session's
 * token (it never expires here), ISSUE a new token for the same session (`snow spcs image-registry token`).
 */
export async function tokenRequest(ctx: EndpointContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const session = ctx.sessions.byMasterToken(sessionToken(req)) ?? ctx.sessions.get(body.oldSessionToken as string | undefined);
  if (!session) return sendJson(res, 200, failure("390114", "08001", "Authentication token has expired.  The user must authenticate again."));
  const token = body.requestType === "ISSUE" ? ctx.sessions.alias(session) : session.upstreamToken;
  sendJson(res, 200, ok({ sessionToken: token, validityInSecondsST: SESSION_VALIDITY_S, masterToken: session.masterToken, validityInSecondsMT: MASTER_VALIDITY_S, sessionId: session.id }));
}

/** `POST /session?delete=true` (logout) and `POST /session/heartbeat`: fakesnow's, under its token. */
export async function sessionCall(ctx: EndpointContext, req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): Promise<void> {
  await readJson(req).catch(() => ({}));
  const session = ctx.sessions.get(sessionToken(req));
  if (!session) return sendJson(res, 200, ok(null));
  const up = await ctx.upstream.post(`${pathname}?${query.toString()}`, {}, upstreamAuth(session.upstreamToken));
  if (pathname === "/session" && query.get("delete")) ctx.sessions.delete(session);
  sendJson(res, 200, up.body.success === undefined ? ok(null) : up.body);
}
