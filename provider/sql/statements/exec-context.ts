import type { SqlSession } from "../sql-types";
import { qualify, quoteIdentifier, requirePlain, type ObjectName, type QualifiedName } from "./identifiers";
import type { Platform } from "./spcs-operations";
import { sqlError } from "./sql-errors";

/** What an executor works with: the platform and the caller's session (current database and schema). */
export interface ExecContext {
  platform: Platform;
  session: SqlSession;
}

/**
 * An account-level object's name (compute pools, custom runtime environments): one part, unquoted.
 * A quoted lower-case pool name gets SPCS's own message.
 */
export function accountObjectName(parts: ObjectName, what: "compute pool" | "custom runtime environment"): string {
  if (parts.length !== 1) throw sqlError("invalidIdentifier", `SQL compilation error:\nInvalid ${what} name '${parts.map(quoteIdentifier).join(".")}': a ${what} is an account object, named without a database or schema.`);
  const [name] = parts;
  if (what === "compute pool" && /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) && name !== name.toUpperCase()) {
    throw sqlError("invalidIdentifier", `Invalid compute pool name: '${name}'. Name must be uppercase.`);
  }
  return requirePlain(name, what);
}

/** A schema-level object (service, job, image repository), completed from the session, unquoted parts. */
export function schemaObjectName(parts: ObjectName, session: SqlSession, operation: string, what: string): QualifiedName {
  const q = qualify(parts, session, operation);
  return { database: requirePlain(q.database, "database"), schema: requirePlain(q.schema, "schema"), name: requirePlain(q.name, what) };
}

/** DROP's answers: `P1 successfully dropped.`, or with IF EXISTS on nothing, Snowflake's no-op wording. */
export function dropMessage(name: string, dropped: boolean): string {
  return dropped ? `${name} successfully dropped.` : `Drop statement executed successfully (${name} already dropped).`;
}

export const STATEMENT_OK = "Statement executed successfully.";
