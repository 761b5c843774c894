import { randomBytes, randomUUID } from "node:crypto";
import type { SqlSession } from "../sql-types";

/** The role a session gets when the login names none: the local platform has no RBAC (see OWNER_ROLE). */
export const DEFAULT_ROLE = "ACCOUNTADMIN";

/** One logged-in client: what the executor sees, and fakesnow's token for the same session. */
export interface EndpointSession {
  id: number;
  upstreamToken: string;
  masterToken: string;
  sql: SqlSession;
}

/**
 * Sessions by token. The client's session token is fakesnow's own (so fakesnow-bound requests pass
 * through unchanged); the master token, which connector 5.x requires and `token-request` presents, is
 * ours. A token issued by `token-request` is one more name for the same session.
 */
export class SessionStore {
  private readonly byToken = new Map<string, EndpointSession>();
  private readonly byMaster = new Map<string, EndpointSession>();
  private nextId = 1;

  add(upstreamToken: string, sql: SqlSession): EndpointSession {
    const s: EndpointSession = { id: this.nextId++, upstreamToken, masterToken: newToken(), sql };
    this.byToken.set(upstreamToken, s);
    this.byMaster.set(s.masterToken, s);
    return s;
  }

  get(token: string | undefined): EndpointSession | undefined {
    return token === undefined ? undefined : this.byToken.get(token);
  }

  byMasterToken(token: string | undefined): EndpointSession | undefined {
    return token === undefined ? undefined : (this.byMaster.get(token) ?? this.byToken.get(token));
  }

  /** A new session token for an existing session (`requestType: ISSUE`). */
  alias(session: EndpointSession): string {
    const t = newToken();
    this.byToken.set(t, session);
    return t;
  }

  delete(session: EndpointSession): void {
    for (const [t, s] of this.byToken) if (s === session) this.byToken.delete(t);
    this.byMaster.delete(session.masterToken);
  }

  /** fakesnow reports the database and schema after every statement; USE and CREATE change them. */
  noteCurrent(session: EndpointSession, data: Record<string, unknown> | null | undefined): void {
    if (!data) return;
    if ("finalDatabaseName" in data) session.sql.database = (data.finalDatabaseName as string | null) ?? undefined;
    if ("finalSchemaName" in data) session.sql.schema = (data.finalSchemaName as string | null) ?? undefined;
  }

  get size(): number {
    return this.byMaster.size;
  }
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function newQueryId(): string {
  return randomUUID();
}
