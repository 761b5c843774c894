import { readObjectName } from "./identifiers";
import { readLiteral } from "./options";
import type { FunctionArg, Statement } from "./statement-types";
import type { TokenCursor } from "./token-cursor";

/** The SPCS system functions served, by upper-case name. */
export const SPCS_FUNCTIONS = [
  "SYSTEM$GET_SERVICE_STATUS",
  "SYSTEM$GET_SERVICE_LOGS",
  "SYSTEM$GET_COMPUTE_POOL_STATUS",
  "SYSTEM$WAIT_FOR_SERVICES",
  "SYSTEM$GET_SERVICE_DNS_DOMAIN",
  "SYSTEM$CANCEL_JOB",
  "GET_JOB_HISTORY",
] as const;

export type SpcsFunction = (typeof SPCS_FUNCTIONS)[number];

/** Methods called on a service or job, `<name>!METHOD(…)`. The event-table ones are refused when executed. */
export const SPCS_METHODS = ["SPCS_WAIT_FOR", "SPCS_CANCEL_JOB", "SPCS_GET_LOGS", "SPCS_GET_EVENTS", "SPCS_GET_METRICS"] as const;

/**
 * The function name at token `n` when the tokens there are `[SNOWFLAKE.SPCS.]NAME (` of a served
 * function; undefined otherwise (then the statement is not SPCS SQL and goes to fakesnow).
 */
function functionAt(c: TokenCursor, n: number): { name: string; tokens: number; method?: boolean } | undefined {
  const words: string[] = [];
  let quoted = false;
  let i = n;
  for (;;) {
    const t = c.peek(i);
    if (t.kind !== "word" && t.kind !== "quoted") return undefined;
    quoted ||= t.kind === "quoted";
    words.push(t.kind === "word" ? t.value.toUpperCase() : t.value);
    i++;
    if (c.isPunct("(", i)) break;
    // `svc!SPCS_WAIT_FOR(`: a method of a service or job named by the words before the `!`.
    if (c.isPunct("!", i) && c.peek(i + 1).kind === "word" && c.isPunct("(", i + 2)) {
      const method = c.peek(i + 1).value.toUpperCase();
      return (SPCS_METHODS as readonly string[]).includes(method) ? { name: method, tokens: i - n, method: true } : undefined;
    }
    if (!c.isPunct(".", i) || words.length === 3) return undefined;
    i++;
  }
  if (quoted) return undefined; // a system function's name is never quoted
  const name = words[words.length - 1] as SpcsFunction;
  if (!SPCS_FUNCTIONS.includes(name)) return undefined;
  const prefix = words.slice(0, -1).join(".");
  const allowed = name === "GET_JOB_HISTORY" ? ["", "SNOWFLAKE.SPCS"] : [""];
  return allowed.includes(prefix) ? { name, tokens: i - n } : undefined;
}

/** What `SELECT * FROM TABLE(…)` may call. */
const TABLE_FUNCTIONS = ["GET_JOB_HISTORY", "SPCS_GET_LOGS", "SPCS_GET_EVENTS", "SPCS_GET_METRICS"];

/** Is this `SELECT|CALL` of an SPCS function? Looks ahead only. */
export function isFunctionStatement(c: TokenCursor): boolean {
  if (c.isWord("CALL")) return functionAt(c, 1) !== undefined;
  if (!c.isWord("SELECT")) return false;
  if (functionAt(c, 1)) return true;
  return c.isPunct("*", 1) && c.isWord("FROM", 2) && c.isWord("TABLE", 3) && c.isPunct("(", 4) && functionAt(c, 5) !== undefined;
}

/**
 * `SELECT f(…) [AS alias]`, `CALL f(…)`, or `SELECT * FROM TABLE(f(…))`. The result column of a scalar
 * call is named, as in Snowflake, after the call's text upper-cased (or after the alias).
 */
export function readFunctionStatement(c: TokenCursor): Statement {
  const select = c.isWord("SELECT");
  c.next();
  const table = select && c.isPunct("*");
  if (table) {
    c.next();
    c.expectWords("FROM", "TABLE");
    c.expectPunct("(");
  }
  const start = c.peek().offset;
  const fn = functionAt(c, 0)!;
  if (table && !TABLE_FUNCTIONS.includes(fn.name)) throw c.unexpected(`a table function: ${TABLE_FUNCTIONS.join(", ")}`);
  let target: string[] | undefined;
  if (fn.method) {
    target = readObjectName(c, "service");
    c.expectPunct("!");
    c.next();
  } else for (let i = 0; i < fn.tokens; i++) c.next();
  c.expectPunct("(");
  const args: FunctionArg[] = [];
  while (!c.isPunct(")")) {
    if (args.length) c.expectPunct(",");
    const named = c.peek().kind === "word" && c.isPunct("=>", 1);
    const name = named ? c.next().value.toUpperCase() : undefined;
    if (named) c.next();
    args.push({ ...(name && { name }), value: readLiteral(c, `argument ${args.length + 1} of ${fn.name}`) });
  }
  const close = c.next();
  let column = c.slice(start, close.offset + 1).toUpperCase();
  if (table) c.expectPunct(")");
  else if (select && c.acceptWords("AS")) {
    const alias = c.peek();
    if (alias.kind !== "word" && alias.kind !== "quoted") throw c.unexpected("a column alias");
    c.next();
    column = alias.kind === "word" ? alias.value.toUpperCase() : alias.value;
  }
  c.expectEnd(select ? "the end of the statement (only a lone SPCS function call is served: no FROM, WHERE or other columns)" : undefined);
  return { kind: "function", name: fn.name, args, column, form: table ? "table" : select ? "select" : "call", ...(target && { target }) };
}
