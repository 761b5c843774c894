import type { SqlSession } from "../sql-types";
import { currentDatabase, currentSchemaOf, readObjectName, sessionIdentifier, type ObjectName } from "./identifiers";
import { sqlError } from "./sql-errors";
import type { TokenCursor } from "./token-cursor";

/** What an IN clause names. */
export type ShowScope =
  | { kind: "account" }
  | { kind: "database"; name?: ObjectName }
  | { kind: "schema"; name?: ObjectName }
  | { kind: "compute-pool"; name: ObjectName };

/** SHOW's filters: `LIKE '…'`, `IN …`, `STARTS WITH '…'`, `LIMIT n [FROM '…']`. */
export interface ShowFilters {
  like?: string;
  in?: ShowScope;
  startsWith?: string;
  limit?: { rows: number; from?: string };
}

const CLAUSE_WORDS = ["LIKE", "IN", "STARTS", "LIMIT", "OF"];

function readString(c: TokenCursor, what: string): string {
  const t = c.peek();
  if (t.kind !== "string") throw c.unexpected(`a 'quoted' ${what}`);
  return c.next().value;
}

/** Where an optional name after IN DATABASE / IN SCHEMA would be: not at a clause keyword or the end. */
function nameFollows(c: TokenCursor): boolean {
  const t = c.peek();
  return (t.kind === "word" && !CLAUSE_WORDS.includes(t.value.toUpperCase())) || t.kind === "quoted";
}

/**
 * Reads the filters (Snowflake's order is LIKE, IN, STARTS WITH, LIMIT; any order is accepted). `scopes`
 * are the IN forms this SHOW takes, e.g. compute pools take none.
 */
export function readShowFilters(c: TokenCursor, scopes: readonly ShowScope["kind"][]): ShowFilters {
  const f: ShowFilters = {};
  for (;;) {
    if (f.like === undefined && c.acceptWords("LIKE")) f.like = readString(c, "pattern");
    else if (f.in === undefined && scopes.length && c.isWord("IN")) {
      c.next();
      f.in = readScope(c, scopes);
    } else if (f.startsWith === undefined && c.acceptWords("STARTS", "WITH")) f.startsWith = readString(c, "prefix");
    else if (f.limit === undefined && c.acceptWords("LIMIT")) {
      const t = c.peek();
      if (t.kind !== "number" || !/^\d+$/.test(t.value)) throw c.unexpected("a number of rows");
      c.next();
      f.limit = { rows: Number(t.value), ...(c.acceptWords("FROM") && { from: readString(c, "name to start after") }) };
    } else return f;
  }
}

function readScope(c: TokenCursor, scopes: readonly ShowScope["kind"][]): ShowScope {
  const forms = scopes.map((s) => (s === "compute-pool" ? "COMPUTE POOL <name>" : s === "account" ? "ACCOUNT" : `${s.toUpperCase()} [<name>]`)).join(" | ");
  if (scopes.includes("account") && c.acceptWords("ACCOUNT")) return { kind: "account" };
  if (scopes.includes("database") && c.acceptWords("DATABASE")) return { kind: "database", ...(nameFollows(c) && { name: readObjectName(c, "database") }) };
  if (scopes.includes("schema") && c.acceptWords("SCHEMA")) return { kind: "schema", ...(nameFollows(c) && { name: readObjectName(c, "schema") }) };
  if (scopes.includes("compute-pool") && c.acceptWords("COMPUTE", "POOL")) return { kind: "compute-pool", name: readObjectName(c, "compute pool") };
  // `IN <schema>`: a bare name is a schema.
  if (scopes.includes("schema") && nameFollows(c)) return { kind: "schema", name: readObjectName(c, "schema") };
  throw c.unexpected(forms);
}

/** The catalog scope an IN clause (or its absence) means for schema-level objects. */
export interface ResolvedScope {
  database?: string;
  schema?: string;
  computePool?: string;
}

/**
 * Without IN, a SHOW of schema objects covers the current database when the session has one, else the
 * account. `IN DATABASE` / `IN SCHEMA` without a name mean the current ones.
 */
export function resolveScope(scope: ShowScope | undefined, session: SqlSession, operation: string): ResolvedScope {
  if (!scope) return session.database ? { database: sessionIdentifier(session.database) } : {};
  switch (scope.kind) {
    case "account":
      return {};
    case "database":
      if (!scope.name) return { database: currentDatabase(session, operation) };
      if (scope.name.length !== 1) throw sqlError("invalidIdentifier", `SQL compilation error:\ninvalid database name '${scope.name.join(".")}'.`);
      return { database: scope.name[0] };
    case "schema":
      if (!scope.name) return currentSchemaOf(session, operation);
      if (scope.name.length === 1) return { database: currentDatabase(session, operation), schema: scope.name[0] };
      if (scope.name.length === 2) return { database: scope.name[0], schema: scope.name[1] };
      throw sqlError("invalidIdentifier", `SQL compilation error:\ninvalid schema name '${scope.name.join(".")}'.`);
    case "compute-pool":
      return { computePool: scope.name[scope.name.length - 1] };
  }
}

/** SQL LIKE with `%` and `_`, case-insensitive, as SHOW … LIKE matches (backslash escapes the next one). */
export function likeRegExp(like: string): RegExp {
  let body = "";
  for (let i = 0; i < like.length; i++) {
    const ch = like[i];
    if (ch === "\\" && i + 1 < like.length) body += escapeRe(like[++i]);
    else if (ch === "%") body += "[\\s\\S]*";
    else if (ch === "_") body += "[\\s\\S]";
    else body += escapeRe(ch);
  }
  return new RegExp(`^${body}$`, "i");
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * Applies LIKE (case-insensitive), STARTS WITH (case-sensitive) and LIMIT n FROM 'x' (rows whose name
 * sorts after x) to rows sorted by name, as SHOW lists them.
 */
export function applyFilters<T>(rows: readonly T[], f: ShowFilters, nameOf: (row: T) => string): T[] {
  const like = f.like !== undefined ? likeRegExp(f.like) : undefined;
  let out = rows
    .filter((r) => (!like || like.test(nameOf(r))) && (f.startsWith === undefined || nameOf(r).startsWith(f.startsWith)))
    .sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
  if (f.limit?.from !== undefined) out = out.filter((r) => nameOf(r) > f.limit!.from!);
  if (f.limit) out = out.slice(0, f.limit.rows);
  return out;
}
