import assert from "node:assert/strict";
import { snowflakeWording, tokenAt } from "../../../provider/sql/server/fakesnow-errors";

describe("unit: fakesnow's errors in Snowflake's words", function () {
  it("a sqlglot parse error becomes Snowflake's syntax error at the token's start", function () {
    const sql = "selec nothing frm nowhere";
    const fromFakesnow = { code: "001003", sqlState: "42000", message: "Invalid expression / Unexpected token. Line 1, Col: 17.\n  selec nothing frm nowhere" };
    assert.deepEqual(snowflakeWording(fromFakesnow, sql), { code: "001003", sqlState: "42000", message: "SQL compilation error:\nsyntax error line 1 at position 14 unexpected 'frm'." });
  });

  it("finds the token on a later line, a punctuation token, and <EOF> past the end", function () {
    assert.deepEqual(tokenAt("select 1\nfrom t where (a", 2, 12), { position: 7, token: "where" });
    assert.deepEqual(tokenAt("select (1))", 1, 11), { position: 10, token: ")" });
    assert.deepEqual(tokenAt("select", 1, 9), { position: 6, token: "<EOF>" });
    assert.deepEqual(tokenAt("select", 3, 1), { position: 0, token: "<EOF>" });
  });

  it("DuckDB's catalog and binder errors become Snowflake's missing-object, unknown-function and invalid-identifier errors", function () {
    const c = (message: string, code = "002003") => snowflakeWording({ code, sqlState: "42S02", message }, "select nope_col from t2");
    assert.deepEqual(c("Catalog Error: Table with name NO_SUCH_TABLE does not exist!"), { code: "002003", sqlState: "42S02", message: "SQL compilation error:\nObject 'NO_SUCH_TABLE' does not exist or not authorized." });
    assert.deepEqual(c("Catalog Error: Schema with name NOPE does not exist!"), { code: "002003", sqlState: "02000", message: "SQL compilation error:\nSchema 'NOPE' does not exist or not authorized." });
    assert.deepEqual(c("Catalog Error: Scalar Function with name nope_fn does not exist!"), { code: "002140", sqlState: "42601", message: "SQL compilation error:\nUnknown function NOPE_FN" });
    assert.deepEqual(c('Binder Error: Referenced column "nope_col" not found in FROM clause!', "002043"), { code: "000904", sqlState: "42000", message: "SQL compilation error: error line 1 at position 7\ninvalid identifier 'NOPE_COL'" });
  });

  it("leaves other errors' wording alone, without the code prefix the client adds itself", function () {
    const notImplemented = { code: "009999", sqlState: "99999", message: "ALTER SESSION not implemented." };
    assert.deepEqual(snowflakeWording(notImplemented, "alter session set x = 1"), notImplemented);
    assert.deepEqual(snowflakeWording({ code: "002002", sqlState: "42710", message: "002002 (42710): Object 'T' already exists." }, "create table t (a int)"), { code: "002002", sqlState: "42710", message: "Object 'T' already exists." });
    assert.equal(snowflakeWording({ code: "002003", sqlState: "42S02", message: "002003 (42S02): Catalog Error: Table with name T does not exist!" }, "select * from t").message, "SQL compilation error:\nObject 'T' does not exist or not authorized.");
  });
});
