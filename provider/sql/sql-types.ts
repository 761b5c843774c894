/**
 * The contract between the SQL endpoint's protocol server (`provider/sql/server/`) and the SPCS statement
 * executor (`provider/sql/statements/`). The server speaks Snowflake's connector protocol and owns
 * sessions; the executor turns one SQL text into one SPCS statement call and its rows. Anything the
 * executor does not recognise as SPCS SQL (it returns undefined) goes on to fakesnow unchanged.
 */

/** Snowflake's logical column types, as the connectors read them from `rowtype[].type`. */
export type SqlType = "text" | "fixed" | "real" | "boolean" | "timestamp_ltz" | "timestamp_ntz" | "variant" | "array" | "object";

export interface SqlColumn {
  /** Lower-case, as SPCS's SHOW and DESCRIBE output names its columns. */
  name: string;
  type: SqlType;
  nullable?: boolean;
  /** For `fixed`: digits after the point (0 for integers). */
  scale?: number;
}

/** One cell: booleans, numbers and timestamps are encoded by the server (booleans as "1"/"0" on the wire). */
export type SqlValue = string | number | boolean | Date | null;

export interface SqlResult {
  columns: SqlColumn[];
  rows: SqlValue[][];
  /** Snowflake's statementTypeId family: SHOW 0x4400, DESCRIBE 0x4500, DDL 0x6000, SELECT/CALL 0x1000. */
  statementType: "show" | "describe" | "ddl" | "select";
  /**
   * Requests the server sends to fakesnow's launcher (POST path, JSON body) once the statement has run and
   * before it answers: what fakesnow must know of an SPCS object (a service function's macro). A failure
   * of one is the statement's error.
   */
  fakesnow?: { path: string; body: unknown }[];
  /**
   * SQL the server runs on fakesnow instead of the client's text, whose answer (columns, rows, errors) is the
   * statement's: for statements that read tables fakesnow holds (the event table). Made from a fixed
   * template, never from the client's text; `columns` and `rows` are then unused.
   */
  forward?: string;
  /** Undoes what the statement recorded when a `fakesnow` request fails, so no half-made object stays. */
  rollback?: () => void;
}

/** What the executor may read of a session (and change: USE, ALTER SESSION are forwarded to fakesnow). */
export interface SqlSession {
  user: string;
  role: string;
  database?: string;
  schema?: string;
  warehouse?: string;
}

/**
 * A Snowflake error as the connectors report it: `code` is the six-digit error code ("002003" object does
 * not exist or not authorized, "002002" already exists, "001003" syntax error, "000904" invalid identifier,
 * "090106" no current database…), `sqlState` the five-character SQLSTATE ("02000", "42710", "42000", "22023").
 */
export class SqlError extends Error {
  constructor(
    readonly code: string,
    readonly sqlState: string,
    message: string,
  ) {
    super(message);
  }
}

/** Answers one SPCS statement, or returns undefined when `sql` is not SPCS SQL (fakesnow answers it). */
export type SpcsStatementExecutor = (sql: string, session: SqlSession) => Promise<SqlResult | undefined>;

/** The statement a service function is called from: its query id and the session that runs it. */
export interface FunctionCall {
  queryId: string;
  sessionId: string;
  sqlText: string;
  session: SqlSession;
}

/**
 * Calls the service function `DB.SCHEMA.NAME` (as its fakesnow macro names it) on argument rows, one per
 * SQL row, and returns one JSON value per row. Throws SqlError.
 */
export type ServiceFunctionCaller = (fn: string, rows: unknown[][], call: FunctionCall) => Promise<unknown[]>;
