import { readObjectName, type ObjectName } from "./identifiers";
import { readOptions, type SqlOption } from "./options";
import { sqlError } from "./sql-errors";
import type { DeclaredArgument, Statement } from "./statement-types";
import type { TokenCursor } from "./token-cursor";

/**
 * Is this `CREATE [OR REPLACE] FUNCTION …` a service function (a `SERVICE =` clause outside any
 * parentheses)? Other functions (SQL, Python UDFs) are fakesnow's. Looks ahead only, from the token after
 * FUNCTION.
 */
export function isServiceFunction(c: TokenCursor, from: number): boolean {
  let depth = 0;
  for (let i = from; ; i++) {
    const t = c.peek(i);
    if (t.kind === "end") return false;
    if (t.kind === "punct" && t.value === "(") depth++;
    else if (t.kind === "punct" && t.value === ")") depth--;
    else if (depth === 0 && c.isWord("SERVICE", i) && c.isPunct("=", i + 1)) return true;
    else if (depth === 0 && c.isWord("AS", i)) return false;
  }
}

/** A Snowflake type: `NUMBER`, `NUMBER(10, 2)`, `VARCHAR(100)`, `DOUBLE PRECISION`, `TIMESTAMP_NTZ(9)`. */
export function readType(c: TokenCursor, what: string): string {
  const t = c.peek();
  if (t.kind !== "word") throw c.unexpected(`a data type for ${what}, such as NUMBER or VARCHAR`);
  let type = c.next().value.toUpperCase();
  if (type === "DOUBLE" && c.acceptWords("PRECISION")) type = "DOUBLE PRECISION";
  if (c.acceptPunct("(")) {
    const sizes: string[] = [];
    while (!c.acceptPunct(")")) {
      if (sizes.length) c.expectPunct(",");
      const n = c.peek();
      if (n.kind !== "number") throw c.unexpected(`a size in ${type}(…)`);
      sizes.push(c.next().value);
    }
    type += `(${sizes.join(",")})`;
  }
  return type;
}

/** `( [name type [, …]] )`. */
function readArguments(c: TokenCursor): DeclaredArgument[] {
  c.expectPunct("(");
  const args: DeclaredArgument[] = [];
  while (!c.acceptPunct(")")) {
    if (args.length) c.expectPunct(",");
    const t = c.peek();
    if (t.kind !== "word" && t.kind !== "quoted") throw c.unexpected("an argument name and type, e.g. (a NUMBER, b VARCHAR)");
    const name = t.kind === "word" ? c.next().value.toUpperCase() : c.next().value;
    if (args.some((a) => a.name === name)) throw sqlError("syntax", `SQL compilation error:\nduplicate argument name '${name}' at line ${t.line} position ${t.column}.`);
    args.push({ name, type: readType(c, `argument ${name}`) });
  }
  return args;
}

/** `( [type [, …]] )` of DROP and DESCRIBE FUNCTION: the signature names the function. */
export function readArgumentTypes(c: TokenCursor): string[] {
  c.expectPunct("(");
  const types: string[] = [];
  while (!c.acceptPunct(")")) {
    if (types.length) c.expectPunct(",");
    // `DESC FUNCTION f(a NUMBER)` is accepted too: a name before the type is skipped.
    if (c.peek().kind === "word" && c.peek(1).kind === "word") c.next();
    types.push(readType(c, `argument ${types.length + 1}`));
  }
  return types;
}

/**
 * After `CREATE [OR REPLACE] FUNCTION [IF NOT EXISTS]`:
 * `name (args) RETURNS type [[NOT] NULL] [CALLED ON NULL INPUT | RETURNS NULL ON NULL INPUT | STRICT]
 * [VOLATILE | IMMUTABLE] SERVICE = s ENDPOINT = e [COMMENT = '…'] [CONTEXT_HEADERS = (…)]
 * [MAX_BATCH_ROWS = n] [MAX_BATCH_RETRIES = n] [ON_BATCH_FAILURE = …] [BATCH_TIMEOUT_SECS = n] AS '/path'`.
 * The properties may come in any order; their values are checked when executed.
 */
export function readCreateServiceFunction(c: TokenCursor, orReplace: boolean, ifNotExists: boolean): Statement {
  const name: ObjectName = readObjectName(c, "function");
  const args = readArguments(c);
  c.expectWords("RETURNS");
  if (c.isWord("TABLE")) throw sqlError("unsupported", "SQL compilation error:\nA service function returns a scalar value: RETURNS TABLE is not supported for service functions.");
  const returns = readType(c, "RETURNS");
  const options: SqlOption[] = [];
  for (;;) {
    if (c.acceptWords("NOT", "NULL") || c.acceptWords("NULL") || c.acceptWords("CALLED", "ON", "NULL", "INPUT") || c.acceptWords("RETURNS", "NULL", "ON", "NULL", "INPUT")) continue;
    if (c.acceptWords("STRICT") || c.acceptWords("VOLATILE") || c.acceptWords("IMMUTABLE")) continue;
    const read = readOptions(c);
    for (const o of read) {
      if (options.some((x) => x.key === o.key)) throw sqlError("syntax", `SQL compilation error:\nduplicate option '${o.key}' at line ${o.at.line} position ${o.at.column}.`);
      options.push(o);
    }
    if (read.length === 0) break;
  }
  c.expectWords("AS");
  const body = c.peek();
  if (body.kind !== "string") throw c.unexpected("the HTTP path of the service's handler as a string, e.g. AS '/echo'");
  c.next();
  return { kind: "create-service-function", name, orReplace, ifNotExists, args, returns, options, path: body.value };
}
