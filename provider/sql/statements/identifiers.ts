import type { SqlSession } from "../sql-types";
import { sqlError, syntaxError } from "./sql-errors";
import { TokenCursor } from "./token-cursor";

/**
 * Snowflake identifiers: an unquoted name is stored upper-case; a "quoted" one exactly as written (with
 * "" for a quote). `IDENTIFIER('x')` names the object whose identifier text is x (what `snow` sends for
 * describe and drop). A name has one to three parts: [db.][schema.]name.
 */
export type ObjectName = string[];

const PLAIN = /^[A-Z_][A-Z0-9_$]*$/;

/** The text that names `value` exactly: bare when it reads back the same unquoted, else "quoted". */
export function quoteIdentifier(value: string): string {
  return PLAIN.test(value) ? value : `"${value.replace(/"/g, '""')}"`;
}

/** `db.schema.name` with each part quoted only where it must be. */
export function formatName(parts: readonly string[]): string {
  return parts.map(quoteIdentifier).join(".");
}

/** One identifier part at the cursor, normalised; the `what` names the object for the error. */
function readPart(c: TokenCursor, what: string): string {
  const t = c.peek();
  if (t.kind === "word") return c.next().value.toUpperCase();
  if (t.kind === "quoted") {
    if (t.value === "") throw sqlError("invalidIdentifier", `SQL compilation error:\nzero-length delimited identifier at line ${t.line} position ${t.column}.`);
    return c.next().value;
  }
  throw c.unexpected(what);
}

/** `[db.][schema.]name` or `IDENTIFIER('…')` at the cursor. */
export function readObjectName(c: TokenCursor, what: string): ObjectName {
  if (c.isWord("IDENTIFIER") && c.isPunct("(", 1)) {
    c.next();
    c.next();
    const t = c.peek();
    if (t.kind !== "string") throw c.unexpected(`the name as a string, e.g. IDENTIFIER('${what.replace(/ /g, "_")}')`);
    c.next();
    c.expectPunct(")");
    return parseIdentifierText(t.value, what);
  }
  const parts = [readPart(c, what)];
  while (parts.length < 3 && c.isPunct(".")) {
    c.next();
    parts.push(readPart(c, what));
  }
  if (c.isPunct(".")) throw c.unexpected(`at most three name parts (database.schema.${what.replace(/ /g, "_")})`);
  return parts;
}

/** Identifier text such as `db."My Schema".name`, as IDENTIFIER() takes it. */
export function parseIdentifierText(text: string, what: string): ObjectName {
  const c = new TokenCursor(text);
  if (c.peek().kind === "end") throw sqlError("invalidIdentifier", `SQL compilation error:\ninvalid identifier '${text}' for the ${what}.`);
  const parts = readObjectName(c, what);
  if (c.peek().kind !== "end") {
    const t = c.peek();
    throw syntaxError(t, t.raw, `only a ${what} name inside IDENTIFIER('…')`);
  }
  return parts;
}

/** A schema-level object, fully qualified. */
export interface QualifiedName {
  database: string;
  schema: string;
  name: string;
}

/**
 * The session's current database (and schema) complete a partial name; without them Snowflake refuses,
 * naming the statement: `Cannot perform CREATE SERVICE. This session does not have a current database.`
 */
export function qualify(parts: ObjectName, session: SqlSession, operation: string): QualifiedName {
  const name = parts[parts.length - 1];
  if (parts.length === 3) return { database: parts[0], schema: parts[1], name };
  if (parts.length === 2) return { database: currentDatabase(session, operation), schema: parts[0], name };
  return { ...currentSchemaOf(session, operation), name };
}

export function currentDatabase(session: SqlSession, operation: string): string {
  if (!session.database) throw sqlError("noDatabase", `Cannot perform ${operation}. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.`);
  return sessionIdentifier(session.database);
}

export function currentSchemaOf(session: SqlSession, operation: string): { database: string; schema: string } {
  const database = currentDatabase(session, operation);
  if (!session.schema) throw sqlError("noSchema", `Cannot perform ${operation}. This session does not have a current schema. Call 'USE SCHEMA', or use a qualified name.`);
  return { database, schema: sessionIdentifier(session.schema) };
}

/** The session keeps names as the client gave them: `probedb` means PROBEDB, `"Mixed"` means Mixed. */
export function sessionIdentifier(value: string): string {
  try {
    const parts = parseIdentifierText(value, "session");
    return parts.length === 1 ? parts[0] : value;
  } catch {
    return value;
  }
}

/**
 * SPCS objects take unquoted identifiers only (a quoted name that reads the same unquoted is fine):
 * `Invalid service name '"my svc"'. Quoted identifiers are not supported for services.`
 */
export function requirePlain(value: string, what: string): string {
  if (PLAIN.test(value)) return value;
  throw sqlError("invalidIdentifier", `SQL compilation error:\nInvalid ${what} name '${quoteIdentifier(value)}'. ${what[0].toUpperCase()}${what.slice(1)} names must be unquoted identifiers (letters, digits, _ and $, starting with a letter or _; stored upper-case). Use ${suggestPlain(value)}.`);
}

function suggestPlain(value: string): string {
  const s = value.toUpperCase().replace(/[^A-Z0-9_$]/g, "_");
  return /^[A-Z_]/.test(s) ? s : `_${s}`;
}
