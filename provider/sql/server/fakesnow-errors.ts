/** An error as a client sees it: Snowflake's code, SQLSTATE and message. */
export interface WireError {
  code: string;
  sqlState: string;
  message: string;
}

/** sqlglot's ParseError text, which fakesnow passes on: `<what>. Line 1, Col: 17.\n  <highlighted sql>`. */
const PARSE_ERROR = /^[^\n]*?\. Line (\d+), Col: (\d+)\./;
/** DuckDB's catalog errors, which fakesnow passes on under 002003 with its own wording. */
const CATALOG_ERROR = /^Catalog Error: (Table|Schema|Catalog|Scalar Function|Table Function) with name "?([^"!\s]+)"? does not exist!/;
/** DuckDB's binder error for an unknown column (fakesnow: 002043). */
const UNKNOWN_COLUMN = /^Binder Error: Referenced column "?([^"\s]+)"? not found/;

const OBJECT_WORD: Record<string, string> = { Table: "Object", Schema: "Schema", Catalog: "Database" };

/**
 * fakesnow words its errors as sqlglot and DuckDB do ("Invalid expression / Unexpected token. Line 1,
 * Col: 17.", "Catalog Error: Table with name T does not exist!"). A script that matches Snowflake's text
 * (or a person who knows it) expects Snowflake's: this rewrites the common ones to Snowflake's code,
 * SQLSTATE and wording; the rest keep fakesnow's code and text.
 */
export function snowflakeWording(err: WireError, sqlText: string): WireError {
  const e = { ...err, message: withoutCodePrefix(err.message) };
  return reworded(e, sqlText) ?? e;
}

/**
 * fakesnow sometimes sends the connector's formatted text (`002003 (42S02): Catalog Error: …`) as the
 * message; the client adds that prefix (and the query id) itself, so it would print it twice.
 */
function withoutCodePrefix(message: string): string {
  return message.replace(/^\d{6} \([0-9A-Z]{5}\): /, "");
}

function reworded(err: WireError, sqlText: string): WireError | undefined {
  const parse = err.code === "001003" ? PARSE_ERROR.exec(err.message) : null;
  if (parse) {
    const { position, token } = tokenAt(sqlText, Number(parse[1]), Number(parse[2]));
    return { code: "001003", sqlState: "42000", message: `SQL compilation error:\nsyntax error line ${parse[1]} at position ${position} unexpected '${token}'.` };
  }
  const catalog = CATALOG_ERROR.exec(err.message);
  if (catalog) {
    const [, kind, name] = catalog;
    if (kind.endsWith("Function")) return { code: "002140", sqlState: "42601", message: `SQL compilation error:\nUnknown function ${name.toUpperCase()}` };
    return { code: "002003", sqlState: kind === "Table" ? "42S02" : "02000", message: `SQL compilation error:\n${OBJECT_WORD[kind]} '${name}' does not exist or not authorized.` };
  }
  const column = UNKNOWN_COLUMN.exec(err.message);
  if (column) {
    const where = findWord(sqlText, column[1]);
    return { code: "000904", sqlState: "42000", message: `SQL compilation error: error line ${where.line} at position ${where.position}\ninvalid identifier '${column[1].toUpperCase()}'` };
  }
  return undefined;
}

/**
 * The token sqlglot stopped at. Its `Col` is the 1-based column of the token's last character; Snowflake
 * reports the 0-based column where the token starts, and `<EOF>` past the end.
 */
export function tokenAt(sqlText: string, line: number, col: number): { position: number; token: string } {
  const text = sqlText.split("\n")[line - 1] ?? "";
  if (col < 1 || col > text.length) return { position: Math.max(0, Math.min(col, text.length)), token: "<EOF>" };
  let start = col - 1;
  if (/\w/.test(text[start])) while (start > 0 && /[\w$]/.test(text[start - 1])) start--;
  return { position: start, token: text.slice(start, col) };
}

/** Where an identifier first appears as a whole word (case-insensitive), as Snowflake's line/position. */
function findWord(sqlText: string, word: string): { line: number; position: number } {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const lines = sqlText.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, "i").exec(lines[i]);
    if (m) return { line: i + 1, position: m.index };
  }
  return { line: 1, position: 0 };
}
