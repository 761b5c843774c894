import { SqlError } from "../sql-types";

/**
 * Snowflake's error codes and SQLSTATEs for what SPCS SQL can get wrong, in one place. Where SPCS
 * documents (or real clients were seen to print) a code, that code is used; the rest are marked as the
 * local platform's choice in docs/sql-statements.md.
 */
export const SQL_CODES = {
  syntax: { code: "001003", sqlState: "42000" },
  invalidIdentifier: { code: "000904", sqlState: "42000" },
  invalidValue: { code: "001008", sqlState: "22023" },
  alreadyExists: { code: "002002", sqlState: "42710" },
  doesNotExist: { code: "002003", sqlState: "02000" },
  noDatabase: { code: "090105", sqlState: "22000" },
  noSchema: { code: "090106", sqlState: "22000" },
  unsupported: { code: "000002", sqlState: "0A000" },
  templateRender: { code: "395069", sqlState: "23001" },
  /** An SPCS operation that failed while running (a job that failed, a pool that cannot take work). */
  execution: { code: "100000", sqlState: "22000" },
} as const;

export type SqlCodeName = keyof typeof SQL_CODES;

export function sqlError(kind: SqlCodeName, message: string): SqlError {
  const { code, sqlState } = SQL_CODES[kind];
  return new SqlError(code, sqlState, message);
}

/** Where in the statement text, as Snowflake says it: `line 1 at position 23` (position 0-based). */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * Snowflake's syntax error: `SQL compilation error:\nsyntax error line 1 at position 7 unexpected 'X'.`,
 * followed here by what would have been accepted, so the fix is in the message.
 */
export function syntaxError(at: SourcePosition, found: string, expected?: string): SqlError {
  const what = found === "" ? "end of input" : `'${found.length > 40 ? found.slice(0, 40) + "…" : found}'`;
  const tail = expected ? `\n  expected ${expected}` : "";
  return sqlError("syntax", `SQL compilation error:\nsyntax error line ${at.line} at position ${at.column} unexpected ${what}.${tail}`);
}
