import assert from "node:assert/strict";
import fc from "fast-check";
import { parseSpcsStatement } from "../../../provider/sql/statements/parse-statement";
import { SqlError } from "../../../provider/sql/sql-types";

describe("SPCS SQL parser: service functions", function () {
  it("reads tutorial 1's CREATE FUNCTION … SERVICE= ENDPOINT= AS '/path'", function () {
    assert.deepEqual(parseSpcsStatement("CREATE FUNCTION my_echo_udf (InputText varchar)\n  RETURNS varchar\n  SERVICE=echo_service\n  ENDPOINT=echoendpoint\n  AS '/echo';"), {
      kind: "create-service-function", name: ["MY_ECHO_UDF"], orReplace: false, ifNotExists: false,
      args: [{ name: "INPUTTEXT", type: "VARCHAR" }], returns: "VARCHAR",
      options: [
        { key: "SERVICE", value: { kind: "name", value: ["ECHO_SERVICE"] }, at: { line: 3, column: 2 } },
        { key: "ENDPOINT", value: { kind: "name", value: ["ECHOENDPOINT"] }, at: { line: 4, column: 2 } },
      ],
      path: "/echo",
    });
  });

  it("reads every clause of the syntax, in any order, with sized types", function () {
    const st = parseSpcsStatement(
      "create or replace function db.s.\"Score\"(a number(10, 2), b double precision, c timestamp_ntz(9)) returns variant not null called on null input volatile " +
        "CONTEXT_HEADERS = (current_user, current_timestamp) max_batch_rows = 50 service = db.s.svc endpoint = \"api\" comment = 'c' as '/score'",
    );
    assert.ok(st && st.kind === "create-service-function");
    assert.deepEqual(st.name, ["DB", "S", "Score"]);
    assert.equal(st.orReplace, true);
    assert.deepEqual(st.args, [{ name: "A", type: "NUMBER(10,2)" }, { name: "B", type: "DOUBLE PRECISION" }, { name: "C", type: "TIMESTAMP_NTZ(9)" }]);
    assert.equal(st.returns, "VARIANT");
    assert.deepEqual(st.options.map((o) => o.key), ["CONTEXT_HEADERS", "MAX_BATCH_ROWS", "SERVICE", "ENDPOINT", "COMMENT"]);
    assert.deepEqual(st.options.find((o) => o.key === "ENDPOINT")!.value, { kind: "name", value: ["api"] });
    assert.equal(st.path, "/score");
  });

  it("leaves other functions (SQL, Python UDFs) to fakesnow", function () {
    for (const sql of [
      "CREATE FUNCTION area(r FLOAT) RETURNS FLOAT AS 'pi() * r * r'",
      "create or replace function add1(x int) returns int language python runtime_version = '3.11' handler = 'f' as $$\ndef f(x): return x + 1\n$$",
      "CREATE FUNCTION f() RETURNS TABLE (a INT) AS 'select 1'",
      "CREATE FUNCTION g(x INT) RETURNS INT AS 'select service = 1 from t'",
    ]) assert.equal(parseSpcsStatement(sql), undefined, sql);
  });

  it("reads DROP and DESCRIBE FUNCTION with their signature", function () {
    assert.deepEqual(parseSpcsStatement("DROP FUNCTION IF EXISTS my_echo_udf(VARCHAR)"), { kind: "drop-function", name: ["MY_ECHO_UDF"], ifExists: true, argTypes: ["VARCHAR"] });
    assert.deepEqual(parseSpcsStatement("desc function db.s.f(number(38,0), varchar)"), { kind: "describe-function", name: ["DB", "S", "F"], argTypes: ["NUMBER(38,0)", "VARCHAR"] });
    assert.deepEqual(parseSpcsStatement("describe function f()"), { kind: "describe-function", name: ["F"], argTypes: [] });
    // A signature it cannot read names no service function: fakesnow answers it.
    assert.equal(parseSpcsStatement("DROP FUNCTION f(VECTOR(FLOAT, 3))"), undefined);
    assert.equal(parseSpcsStatement("DESCRIBE FUNCTION f(INT) extra"), undefined);
  });

  it("refuses what SPCS refuses, with Snowflake's codes", function () {
    const cases: [string, RegExp][] = [
      ["CREATE OR REPLACE FUNCTION IF NOT EXISTS f(a INT) RETURNS INT SERVICE=s ENDPOINT=e AS '/x'", /incompatible/],
      ["CREATE FUNCTION f(a INT, a INT) RETURNS INT SERVICE=s ENDPOINT=e AS '/x'", /duplicate argument name 'A'/],
      ["CREATE FUNCTION f(a INT) RETURNS INT SERVICE=s SERVICE=t ENDPOINT=e AS '/x'", /duplicate option 'SERVICE'/],
      ["CREATE FUNCTION f(a INT) RETURNS INT SERVICE=s ENDPOINT=e AS /x", /unexpected '\/'/],
      ["CREATE FUNCTION f(a INT) RETURNS INT SERVICE=s ENDPOINT=e", /unexpected end of input/],
    ];
    for (const [sql, message] of cases) {
      assert.throws(() => parseSpcsStatement(sql), (e: unknown) => e instanceof SqlError && /^\d{6}$/.test(e.code) && message.test(e.message), sql);
    }
  });

  it("any generated signature and option order reads back exactly (property)", function () {
    const ident = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/);
    const type = fc.constantFrom("NUMBER", "NUMBER(10,2)", "VARCHAR", "VARCHAR(16)", "FLOAT", "BOOLEAN", "VARIANT", "DATE", "TIMESTAMP_NTZ(9)");
    const args = fc.uniqueArray(fc.record({ name: ident, type }), { selector: (a) => a.name, maxLength: 5 });
    const opts = fc.subarray(["MAX_BATCH_ROWS = 7", "CONTEXT_HEADERS = (CURRENT_USER)", "COMMENT = 'x'"]);
    fc.assert(
      fc.property(ident, args, type, opts, fc.boolean(), fc.constantFrom("/", "/echo", "/a/b?c=1"), (name, a, returns, extra, lower, path) => {
        const clauses = fc.sample(fc.shuffledSubarray(["SERVICE = svc", "ENDPOINT = ep", ...extra], { minLength: 2 + extra.length }), { seed: a.length, numRuns: 1 })[0];
        let sql = `CREATE FUNCTION ${name}(${a.map((x) => `${x.name} ${x.type}`).join(", ")}) RETURNS ${returns} ${clauses.join(" ")} AS '${path}'`;
        if (lower) sql = sql.toLowerCase().replace(`'${path.toLowerCase()}'`, `'${path}'`);
        const st = parseSpcsStatement(sql);
        assert.ok(st && st.kind === "create-service-function", sql);
        assert.deepEqual(st.name, [name]);
        assert.deepEqual(st.args, a.map((x) => ({ ...x })));
        assert.equal(st.returns, returns);
        assert.equal(st.path, path);
        assert.deepEqual(st.options.map((o) => o.key).sort(), clauses.map((c) => c.split(" ")[0].toUpperCase()).sort());
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });
});
