import * as assert from "node:assert/strict";
import { connector5, runClient, snowCli, type PythonClient } from "../../support/sql-clients";
import { startSqlTestEndpoint, WIDGET_COLUMNS, type SqlTestEndpoint } from "../../support/sql-test-endpoint";

/** One client session, printed as JSON: what a user of the connector sees. */
const SCRIPT = String.raw`
import json, sys, time
import snowflake.connector
from snowflake.connector.errors import ProgrammingError

host, port, db = sys.argv[1], int(sys.argv[2]), sys.argv[3]
con = snowflake.connector.connect(account="test", user="pyuser", password="pw", host=host, port=port, protocol="http",
                                  database=db, schema="PUBLIC", login_timeout=30, network_timeout=60)
cur = con.cursor()
out = {}
cur.execute("create table t (id int, name varchar)")
cur.execute("insert into t values (1, 'a'), (2, 'b')")
out["select"] = [list(r) for r in cur.execute("select id, name from t order by id").fetchall()]
cur.execute("show test widgets")
out["widget_columns"] = [d[0] for d in cur.description]
out["widgets"] = [[repr(v) for v in r] for r in cur.fetchall()]
cur.execute("call test$slow(1500)")
out["slow_sync"] = cur.fetchall()
cur.execute_async("select count(*) from t")
qid = cur.sfqid
cur.get_results_from_sfqid(qid)
out["async_plain"] = cur.fetchall()
cur.execute_async("call test$slow(1500)")
qid = cur.sfqid
out["async_status"] = con.get_query_status(qid).name
cur.get_results_from_sfqid(qid)
out["async_spcs"] = cur.fetchall()
for sql in ("selec nothing", "describe widget nope"):
    try:
        cur.execute(sql)
        out[sql] = "no error"
    except ProgrammingError as e:
        out[sql] = [e.errno, e.sqlstate, e.msg]
cur.execute("create schema other")
cur.execute("show test session")
out["session"] = list(cur.fetchone())
con.close()
print(json.dumps(out, default=str))
`;

interface Out {
  select: unknown[][];
  widget_columns: string[];
  widgets: string[][];
  slow_sync: string[][];
  async_plain: number[][];
  async_status: string;
  async_spcs: string[][];
  "selec nothing": [number, string, string];
  "describe widget nope": [number, string, string];
  session: (string | null)[];
}

for (const [label, install] of [
  ["4.7.5", () => snowCli()],
  ["5.2.0", () => connector5()],
] as const) {
  describe(`SQL endpoint: snowflake-connector-python ${label}`, function () {
    this.timeout(600_000);
    let t: SqlTestEndpoint;
    let client: PythonClient;
    let out: Out;

    before(async () => {
      client = install();
      t = await startSqlTestEndpoint({ syncWaitMs: 500, pollWaitMs: 300 });
      const [host, port] = t.address.split(":");
      const r = await runClient(client.python, ["-c", SCRIPT, host, port, `PY${label.replace(/\./g, "")}`]);
      assert.equal(r.code, 0, `the client script failed:\n${r.stderr.slice(-4000)}`);
      out = JSON.parse(r.stdout.trim().split("\n").pop()!) as Out;
    });
    after(async () => t?.dispose());

    it("runs plain SQL on fakesnow and reads the rows back", () => {
      assert.deepEqual(out.select, [
        [1, "a"],
        [2, "b"],
      ]);
    });

    it("reads an SPCS statement's rows with lower-case columns and typed values (booleans included)", () => {
      assert.deepEqual(out.widget_columns, WIDGET_COLUMNS);
      const [name, size, price, enabled, disabled, created] = out.widgets[0];
      assert.deepEqual([name, size, price, enabled, disabled], ["'W1'", "3", "Decimal('9.50')", "True", "False"]);
      assert.match(created, /datetime\.datetime\(2026, 12, 1, 10, 0, 0?, ?250000/);
    });

    it("gets a long statement's answer by polling the in-progress answer, synchronously and with execute_async", () => {
      assert.deepEqual(out.slow_sync, [["slept 1500"]]);
      assert.equal(out.async_status, "RUNNING");
      assert.deepEqual(out.async_spcs, [["slept 1500"]]);
      assert.deepEqual(out.async_plain, [[2]]);
    });

    it("raises Snowflake's error codes and messages", () => {
      const [errno, sqlstate, msg] = out["selec nothing"];
      assert.deepEqual([errno, sqlstate], [1003, "42000"]);
      assert.match(msg, /syntax error/i);
      const [errno2, sqlstate2, msg2] = out["describe widget nope"];
      assert.deepEqual([errno2, sqlstate2], [2003, "02000"]);
      assert.match(msg2, /Widget 'NOPE' does not exist or not authorized\.$/);
    });

    it("passes the session (user, role, current database and schema as fakesnow reports them) to the executor", () => {
      assert.deepEqual(out.session, ["PYUSER", "ACCOUNTADMIN", `PY${label.replace(/\./g, "")}`, "OTHER"]);
    });
  });
}
