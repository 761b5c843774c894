import { timingSafeEqual } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { TOKEN_FILE, TOKEN_OWNER_FILE, sessionTokensRoot } from "../../model/snowflake-endpoint";

/** Who an OAuth login is: the service whose session token it presented. */
export interface OAuthIdentity {
  /** The service's qualified name, `DB.SCHEMA.NAME`: the login's user. */
  service: string;
  database: string;
  schema: string;
}

/** Snowflake's answer to an OAuth token it does not accept. */
export const INVALID_OAUTH = { code: "390303", sqlState: "08004", message: "Invalid OAuth access token. " } as const;

/**
 * `authenticator=oauth` logins (what the connector sends with a service's `/snowflake/session/token`): the
 * token must be one a live service holds, which the endpoint reads from the home where the workload runner
 * wrote it (objects/workloads/session-token.ts). A dropped service's folder is gone, so its token is
 * refused from then on. `undefined`: the token matches no service.
 */
export function serviceForToken(home: string, token: string): OAuthIdentity | undefined {
  const presented = Buffer.from(token.trim());
  let dirs: string[];
  try {
    dirs = fs.readdirSync(sessionTokensRoot(home));
  } catch {
    return undefined;
  }
  for (const d of dirs) {
    const dir = path.join(sessionTokensRoot(home), d);
    let held: Buffer;
    let owner: string;
    try {
      held = Buffer.from(fs.readFileSync(path.join(dir, TOKEN_FILE), "utf8").trim());
      owner = fs.readFileSync(path.join(dir, TOKEN_OWNER_FILE), "utf8").trim();
    } catch {
      continue; // a folder being written or removed
    }
    if (held.length !== presented.length || !timingSafeEqual(held, presented)) continue;
    const [database, schema] = owner.split(".");
    return { service: owner, database, schema };
  }
  return undefined;
}

/** Whether a login body asks for OAuth, and with which token. */
export function oauthToken(login: Record<string, unknown>): string | undefined {
  if (String(login.AUTHENTICATOR ?? "").toUpperCase() !== "OAUTH") return undefined;
  return typeof login.TOKEN === "string" ? login.TOKEN : "";
}
