import * as fs from "node:fs";
import * as path from "node:path";

/** The `snow` connection `spcs platform up` writes for the local platform's SQL endpoint. */
export const SNOW_CONNECTION_NAME = "spcs-local";
export const SNOW_DATABASE = "LOCAL_DB";

/**
 * Writes `<dir>/config.toml` with one connection to the endpoint, chmod 600 (snow refuses a config file
 * others can read). Rewritten only when its text changes, so a second `platform up` leaves it alone.
 * Any user and password log in; these are placeholders, not secrets.
 */
export function writeSnowConfig(dir: string, endpoint: string, account: string): string {
  const [host, port] = endpoint.split(":");
  const text = [
    "# Written by `spcs platform up`: the local SPCS platform's SQL endpoint.",
    `# Use it with: SNOWFLAKE_HOME=${dir} snow sql -q "select 1"`,
    `#          or: snow --config-file ${path.join(dir, "config.toml")} sql -c ${SNOW_CONNECTION_NAME} -q "select 1"`,
    `default_connection_name = "${SNOW_CONNECTION_NAME}"`,
    "",
    `[connections.${SNOW_CONNECTION_NAME}]`,
    `account = ${tomlString(account)}`,
    `user = "spcs"`,
    `password = "local-platform"`,
    `host = ${tomlString(host)}`,
    `port = ${Number(port)}`,
    `protocol = "http"`,
    `database = "${SNOW_DATABASE}"`,
    `schema = "PUBLIC"`,
    `role = "ACCOUNTADMIN"`,
    "",
  ].join("\n");
  const file = path.join(dir, "config.toml");
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

/** A TOML basic string: JSON's escapes (\" \\ \n \uXXXX) are TOML's, so a name never ends the string early. */
function tomlString(s: string): string {
  return JSON.stringify(s);
}
