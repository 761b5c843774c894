import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ServiceKey } from "../../catalog/service-store";
import { ownerOnlyDir } from "../../common/owner-only";
import type { RuntimeContainer } from "../../model/runtime-spec";
import { qualified } from "../../model/service-naming";
import { SNOWFLAKE_HOST, SNOWFLAKE_PORT, SNOWFLAKE_PROTOCOL, TOKEN_FILE, TOKEN_OWNER_FILE, sessionTokenDir, sessionTokensRoot } from "../../model/snowflake-endpoint";

const DEFAULT_PERMISSION = "0644";

/**
 * The service's session token: random, one per service for its whole life, kept in the home where the SQL
 * endpoint reads it back to accept `authenticator=oauth` logins as this service (sql/server/oauth-login.ts).
 * Dropping the service removes the folder (removeServiceFiles), after which the endpoint refuses the token.
 * SPCS refreshes its tokens every few minutes; this one never changes (docs/sql-endpoint.md).
 */
export function writeSessionToken(home: string, k: ServiceKey): string {
  // Credentials: the folders are owner only (a container's copy below is mounted, never reached by path).
  ownerOnlyDir(sessionTokensRoot(home));
  const dir = ownerOnlyDir(sessionTokenDir(home, qualified(k)));
  const token = path.join(dir, TOKEN_FILE);
  if (!fs.existsSync(token)) {
    fs.writeFileSync(path.join(dir, TOKEN_OWNER_FILE), qualified(k) + "\n", { mode: 0o600 });
    fs.writeFileSync(token, `spcs-local-oauth-${randomBytes(32).toString("base64url")}`, { mode: 0o600 });
  }
  return dir;
}

/**
 * What one container mounts at its token path: a folder of its own holding the token (mode
 * `sessionTokenConfig.permission`, 0644 by default) and, with `mountConnectionConfig`, the
 * `connections.toml` SPCS writes: a `[default]` connection whose `token_file_path` is the mounted token.
 * Returns the host folder and the environment it adds (SNOWFLAKE_HOME with the connection config).
 */
export function containerTokenMount(home: string, k: ServiceKey, instanceId: number, account: string, c: RuntimeContainer): { dir: string; env: Record<string, string> } {
  const serviceDir = writeSessionToken(home, k);
  // Per instance, and written in place (never removed and made again): a running container's bind mount
  // holds the folder itself, and an instance started later, by an upgrade, must not pull it from under it.
  const dir = path.join(serviceDir, "containers", String(instanceId), c.name);
  fs.mkdirSync(dir, { recursive: true });
  const mode = parseInt(c.sessionTokenPermission ?? DEFAULT_PERMISSION, 8);
  fs.writeFileSync(path.join(dir, TOKEN_FILE), fs.readFileSync(path.join(serviceDir, TOKEN_FILE)), { mode });
  fs.chmodSync(path.join(dir, TOKEN_FILE), mode);
  const file = path.join(dir, "connections.toml");
  if (!c.mountConnectionConfig) {
    fs.rmSync(file, { force: true });
    return { dir, env: {} };
  }
  fs.writeFileSync(file, connectionsToml(account, k, path.posix.join(c.sessionTokenPath, TOKEN_FILE)), { mode });
  fs.chmodSync(file, mode);
  return { dir, env: { SNOWFLAKE_HOME: c.sessionTokenPath } };
}

/** TOML basic strings: JSON's escaping is a subset TOML reads the same way. */
const str = (v: string) => JSON.stringify(v);

export function connectionsToml(account: string, k: ServiceKey, tokenPath: string): string {
  return [
    "[default]",
    `host = ${str(SNOWFLAKE_HOST)}`,
    `port = ${SNOWFLAKE_PORT}`,
    `protocol = ${str(SNOWFLAKE_PROTOCOL)}`,
    `account = ${str(account)}`,
    `authenticator = "oauth"`,
    `token_file_path = ${str(tokenPath)}`,
    `database = ${str(k.database)}`,
    `schema = ${str(k.schema)}`,
    "",
  ].join("\n");
}
