import * as assert from "node:assert/strict";
import * as snowflake from "snowflake-sdk";
import { startSqlTestEndpoint, WIDGET_COLUMNS, type SqlTestEndpoint } from "../../support/sql-test-endpoint";

interface Answer {
  columns: string[];
  rows: Record<string, unknown>[];
}

describe("SQL endpoint: Node snowflake-sdk 3.3", function () {
  this.timeout(120_000);
  let t: SqlTestEndpoint;
  let conn: snowflake.Connection;
  const exec = (sqlText: string): Promise<Answer> =>
    new Promise((resolve, reject) =>
      conn.execute({
        sqlText,
        complete: (err, stmt, rows) => (err ? reject(err) : resolve({ columns: (stmt.getColumns() ?? []).map((c) => c.getName()), rows: (rows ?? []) as Record<string, unknown>[] })),
      }),
    );

  before(async () => {
    snowflake.configure({ logLevel: "ERROR" });
    t = await startSqlTestEndpoint({ syncWaitMs: 500, pollWaitMs: 300 });
    conn = snowflake.createConnection({ account: "test", username: "nodeuser", password: "pw", accessUrl: `http://${t.address}`, database: "NODEDB", schema: "PUBLIC" });
    await new Promise<void>((resolve, reject) => conn.connect((err) => (err ? reject(err) : resolve())));
  });
  after(async () => {
    if (conn) await new Promise<void>((resolve) => conn.destroy(() => resolve()));
    await t?.dispose();
  });

  it("runs plain SQL on fakesnow and reads the rows (fakesnow's Arrow arrives as JSON)", async () => {
    await exec("create table n (id int, name varchar, price number(10,2), ok boolean, seen_at timestamp_ntz)");
    await exec("insert into n values (1, 'one', 1.25, true, '2026-12-01 10:00:00'), (2, 'two', 2.50, false, null)");
    const a = await exec("select id, name, price, ok, seen_at from n order by id");
    assert.deepEqual(a.columns, ["ID", "NAME", "PRICE", "OK", "SEEN_AT"]);
    assert.deepEqual(
      a.rows.map((r) => [r.ID, r.NAME, r.PRICE, r.OK, r.SEEN_AT === null ? null : new Date(String(r.SEEN_AT)).toISOString()]),
      [
        [1, "one", 1.25, true, "2026-12-01T10:00:00.000Z"],
        [2, "two", 2.5, false, null],
      ],
    );
  });

  it("reads an SPCS statement's rows with lower-case columns", async () => {
    const a = await exec("show test widgets");
    assert.deepEqual(a.columns, WIDGET_COLUMNS);
    assert.deepEqual([a.rows[0].name, a.rows[0].size, a.rows[0].price, a.rows[0].enabled, a.rows[0].disabled], ["W1", 3, 9.5, true, false]);
  });

  it("waits out a long statement through the in-progress answer", async () => {
    const a = await exec("call test$slow(1200)");
    assert.deepEqual(a.rows, [{ status: "slept 1200" }]);
  });

  it("runs a statement with asyncExec and fetches it by query id (getQueryStatus, getResultsFromQueryId)", async () => {
    const queryId = await new Promise<string>((resolve, reject) =>
      conn.execute({ sqlText: "call test$slow(1500)", asyncExec: true, complete: (err, stmt) => (err ? reject(err) : resolve(stmt.getQueryId())) }),
    );
    assert.equal(await conn.getQueryStatus(queryId), "RUNNING");
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      conn.getResultsFromQueryId({ queryId, complete: (err, _stmt, r) => (err ? reject(err) : resolve(r ?? [])) }).catch(reject);
    });
    assert.deepEqual(rows, [{ status: "slept 1500" }]);
  });

  it("reports bad SQL and executor errors with Snowflake's codes", async () => {
    await assert.rejects(exec("selec nothing"), (e: { code?: string; sqlState?: string }) => e.code === "001003" && e.sqlState === "42000");
    await assert.rejects(exec("describe widget nope"), (e: { code?: string; sqlState?: string; message?: string }) => e.code === "002003" && e.sqlState === "02000" && /Widget 'NOPE' does not exist/.test(e.message ?? ""));
  });
});
