import * as path from "node:path";

/**
 * How service and job containers reach the platform's SQL endpoint (docs/sql-endpoint.md, "From inside
 * a container"): SNOWFLAKE_HOST names the host's address on the platform's internal network (an
 * `/etc/hosts` entry of every instance), where the endpoint daemon relays SNOWFLAKE_PORT to itself.
 * The connector speaks plain HTTP to it (`protocol="http"`), as to the endpoint on 127.0.0.1.
 */
export const SNOWFLAKE_HOST = "snowflake.spcs.internal";
export const SNOWFLAKE_PORT = 80;
export const SNOWFLAKE_PROTOCOL = "http";

/** Where a service's session token lives in the home; the endpoint reads it back to accept OAuth logins. */
export function sessionTokensRoot(home: string): string {
  return path.join(home, "session-tokens");
}

/** The folder of one service's token, named after its qualified name (`db.schema.name`, lower-case). */
export function sessionTokenDir(home: string, qualifiedName: string): string {
  return path.join(sessionTokensRoot(home), qualifiedName.toLowerCase());
}

/** The file in that folder naming the service the token stands for (its qualified name as SPCS spells it). */
export const TOKEN_FILE = "token";
export const TOKEN_OWNER_FILE = "service";
