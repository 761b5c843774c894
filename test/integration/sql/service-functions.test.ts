import assert from "node:assert/strict";
import { sqlEndpointStatus } from "../../../provider/provision/sql-endpoint";
import { describeService } from "../../../provider/statements/services";
import { pushAs, runtimeImage } from "../../support/runtime-images";
import { runClient, snowCli } from "../../support/sql-clients";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

/**
 * The service behind the function: SPCS's batch contract by hand (tutorial 1's echo service). Each POST
 * prints one JSON line (rows, path, the sf- headers) to its log and answers the rows in reverse order, so
 * the platform must match results by row index, not by position.
 */
const APP = `
import http.server, json, sys, threading
LOG = threading.Lock()
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")
    def do_POST(self):
        rows = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["data"]
        sf = {k.lower(): v for k, v in self.headers.items() if k.lower().startswith("sf-")}
        with LOG:  # batches arrive concurrently: one whole line each
            sys.stdout.write("BATCH " + json.dumps({"rows": len(rows), "path": self.path, "first": rows[0], "headers": sf}) + "\\n")
            sys.stdout.flush()
        answer = {"data": [[r[0], "%s/%s" % (r[2], r[1])] for r in reversed(rows)]}
        if self.path == "/half":
            answer["data"] = answer["data"][1:]
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def log_message(self, *a):
        pass
http.server.ThreadingHTTPServer(("0.0.0.0", 8080), H).serve_forever()
`;

const SPEC = JSON.stringify({
  spec: {
    containers: [{ name: "main", image: "/fn_db/public/images/echo:1", command: ["python3", "-u", "-c", APP], readinessProbe: { port: 8080, path: "/health" } }],
    endpoints: [{ name: "echoendpoint", port: 8080 }, { name: "raw", port: 9000, protocol: "TCP" }],
  },
});

/** Statements through snowflake-connector-python (as `snow` 3.30 pins it); one outcome per statement. */
const CLIENT = `
import json, sys, time, snowflake.connector
a = json.loads(sys.stdin.read())
conn = snowflake.connector.connect(host=a["host"], port=a["port"], protocol="http", account="TEST_ACCOUNT", user="tester", password="pw", database="FN_DB", schema="PUBLIC")
out = []
for s in a["sql"]:
    cur = conn.cursor()
    try:
        start = time.monotonic()
        rows = cur.execute(s).fetchall()
        out.append({"ok": True, "rows": rows, "qid": cur.sfqid, "ms": round((time.monotonic() - start) * 1000)})
    except snowflake.connector.errors.Error as e:
        out.append({"ok": False, "errno": e.errno, "msg": e.msg, "qid": cur.sfqid})
print(json.dumps(out, default=str))
`;

interface Outcome {
  ok: boolean;
  rows?: unknown[][];
  qid?: string;
  /** How long the statement took, as the client measured it. */
  ms?: number;
  errno?: number;
  msg?: string;
}

interface Batch {
  rows: number;
  path: string;
  first: unknown[];
  headers: Record<string, string>;
}

const ROWS = 1000;
const MAX_BATCH_ROWS = 100;

describe("integration: service functions over SQL (snowflake-connector-python → endpoint → fakesnow → the service)", function () {
  let tp: TestPlatform;
  let address = { host: "", port: 0 };

  const run = async (statements: string[]): Promise<Outcome[]> => {
    const r = await runClient(snowCli().python, ["-c", CLIENT], { input: JSON.stringify({ ...address, sql: statements }), timeoutMs: 400_000 });
    assert.equal(r.code, 0, r.stderr.slice(-3000));
    return JSON.parse(r.stdout) as Outcome[];
  };
  const must = async (statements: string[]): Promise<Outcome[]> => {
    const out = await run(statements);
    out.forEach((o, i) => assert.ok(o.ok, `${statements[i].slice(0, 120)}: ${o.errno} ${o.msg}`));
    return out;
  };
  const batchesLogged = async (): Promise<Batch[]> => {
    const [logs] = await must(["SELECT SYSTEM$GET_SERVICE_LOGS('fn_db.public.echo', 0, 'main', 1000)"]);
    return String(logs.rows![0][0]).split("\n").filter((l) => l.startsWith("BATCH ")).map((l) => JSON.parse(l.slice(6)) as Batch);
  };
  /** The service's status as DESCRIBE SERVICE shows it. */
  const status = async () => (await describeService(tp.platform, { database: "FN_DB", schema: "PUBLIC", name: "ECHO" }))?.status;

  before(async function () {
    tp = await startTestPlatform("it-sfn", { sql: true, runtimeImage: true });
    const [host, port] = ((await sqlEndpointStatus(tp.config)).address ?? "").split(":");
    address = { host, port: Number(port) };
    const values = Array.from({ length: ROWS }, (_, i) => `(${i}, 'n${i}')`).join(", ");
    await must([
      "CREATE DATABASE IF NOT EXISTS fn_db",
      "CREATE TABLE fn_db.public.t (id NUMBER, name VARCHAR)",
      `INSERT INTO fn_db.public.t VALUES ${values}`,
      "CREATE COMPUTE POOL fn_pool MIN_NODES = 1 MAX_NODES = 1 INSTANCE_FAMILY = CPU_X64_XS",
      "CREATE IMAGE REPOSITORY fn_db.public.images",
    ]);
    await pushAs(tp, runtimeImage(tp), "/fn_db/public/images/echo:1");
    await must([`CREATE SERVICE fn_db.public.echo IN COMPUTE POOL fn_pool FROM SPECIFICATION $$${SPEC}$$`, "SELECT SYSTEM$WAIT_FOR_SERVICES(300, 'fn_db.public.echo')"]);
  });
  after(async function () {
    await tp?.dispose();
  });

  it("CREATE FUNCTION checks its service and endpoint as SPCS does", async function () {
    const [noService, noEndpoint, tcp, job] = await run([
      "CREATE FUNCTION f_bad(a NUMBER) RETURNS VARCHAR SERVICE = nope ENDPOINT = echoendpoint AS '/echo'",
      "CREATE FUNCTION f_bad(a NUMBER) RETURNS VARCHAR SERVICE = echo ENDPOINT = missing AS '/echo'",
      "CREATE FUNCTION f_bad(a NUMBER) RETURNS VARCHAR SERVICE = echo ENDPOINT = raw AS '/echo'",
      "CREATE FUNCTION f_bad(a NUMBER) RETURNS VARCHAR SERVICE = echo ENDPOINT = echoendpoint CONTEXT_HEADERS = (current_mood) AS '/echo'",
    ]);
    assert.equal(noService.errno, 2003, noService.msg);
    assert.match(noService.msg!, /Service 'FN_DB\.PUBLIC\.NOPE' does not exist or not authorized\./);
    assert.match(noEndpoint.msg!, /Endpoint 'MISSING' does not exist in service FN_DB\.PUBLIC\.ECHO \(its endpoints: echoendpoint, raw\)/);
    assert.match(tcp.msg!, /Endpoint 'raw' .* is a TCP endpoint/);
    assert.match(job.msg!, /invalid context function 'CURRENT_MOOD'/);
    // Nothing was recorded: calling it is fakesnow's unknown-function error.
    const [call] = await run(["SELECT f_bad(1)"]);
    assert.equal(call.ok, false);
    // A function whose fakesnow half cannot be made (its schema does not exist there) leaves no catalog row:
    // the same CREATE fails the same way again, not with "already exists".
    const orphan = "CREATE FUNCTION fn_db.nowhere.f_orphan(a NUMBER) RETURNS VARCHAR SERVICE = fn_db.public.echo ENDPOINT = echoendpoint AS '/echo'";
    const [first, again] = await run([orphan, orphan]);
    assert.equal(first.ok, false, "a function in a schema fakesnow lacks cannot be created");
    assert.equal(again.ok, false);
    assert.doesNotMatch(again.msg!, /already exists/, again.msg);
    assert.equal(again.msg, first.msg);
  });

  it(`SELECT f(col) FROM t over ${ROWS} rows returns the service's answer for every row, in batches of at most MAX_BATCH_ROWS with SPCS's headers`, async function () {
    const [created, described] = await must([
      `CREATE FUNCTION echo_fn(id NUMBER, name VARCHAR) RETURNS VARCHAR SERVICE = echo ENDPOINT = echoendpoint MAX_BATCH_ROWS = ${MAX_BATCH_ROWS} CONTEXT_HEADERS = (current_user, current_database) AS '/echo'`,
      "DESCRIBE FUNCTION echo_fn(NUMBER, VARCHAR)",
    ]);
    assert.deepEqual(created.rows, [["Function ECHO_FN successfully created."]]);
    assert.deepEqual(Object.fromEntries(described.rows as [string, string][]).service, "FN_DB.PUBLIC.ECHO");
    const before = (await batchesLogged()).length;

    const [plain, result] = await must(["SELECT id, name FROM t ORDER BY id", "SELECT id, echo_fn(id, name) AS answer FROM t ORDER BY id"]);
    assert.equal(plain.rows!.length, ROWS);
    assert.equal(result.rows!.length, ROWS);
    result.rows!.forEach(([id, answer]) => assert.equal(answer, `n${id}/${id}`));

    const batches = (await batchesLogged()).slice(before);
    assert.equal(batches.reduce((n, b) => n + b.rows, 0), ROWS, JSON.stringify(batches.map((b) => b.rows)));
    assert.ok(batches.every((b) => b.rows >= 1 && b.rows <= MAX_BATCH_ROWS), JSON.stringify(batches.map((b) => b.rows)));
    for (const b of batches) {
      assert.equal(b.path, "/echo");
      assert.equal(b.first[0], 0, "row indexes start at 0 in every batch");
      assert.equal(b.headers["sf-external-function-current-query-id"], result.qid);
      assert.equal(b.headers["sf-external-function-format"], "json");
      assert.equal(b.headers["sf-external-function-name"], "ECHO_FN");
      assert.equal(b.headers["sf-external-function-signature"], "(ID NUMBER, NAME VARCHAR)");
      assert.equal(b.headers["sf-context-current-user"], "TESTER", "the login's user, upper-case as CURRENT_USER() shows it");
      assert.equal(b.headers["sf-context-current-database"], "FN_DB");
    }
    assert.equal(new Set(batches.map((b) => b.headers["sf-external-function-query-batch-id"])).size, batches.length, "each batch has its own id");
    console.log(`      measured: SELECT of ${ROWS} rows ${plain.ms} ms; the same rows through the service function ${result.ms} ms (${batches.length} batches)`);

    // A qualified call and a NULL argument (sent as JSON null) work too.
    const [qualified] = await must(["SELECT fn_db.public.echo_fn(7, NULL)"]);
    assert.deepEqual(qualified.rows, [["None/7"]]);

    // An answer outside SPCS's format fails the query with Snowflake's envelope and says what is wrong.
    const [, half] = await run([
      "CREATE FUNCTION half_fn(id NUMBER, name VARCHAR) RETURNS VARCHAR SERVICE = echo ENDPOINT = echoendpoint AS '/half'",
      "SELECT half_fn(id, name) FROM t WHERE id < 10",
    ]);
    assert.equal(half.errno, 100000, half.msg);
    assert.match(half.msg!, /service function FN_DB\.PUBLIC\.HALF_FN failed .*answered 9 rows for the 10 rows sent/);

    // The callback route answers only a running statement's token: not a container, not a guess.
    const forged = await fetch(`http://${address.host}:${address.port}/spcs/v1/function-call`, {
      method: "POST", headers: { "content-type": "application/json", "x-spcs-call-token": "guess" }, body: JSON.stringify({ function: "FN_DB.PUBLIC.ECHO_FN", rows: [[1, "x"]] }),
    });
    assert.equal(forged.status, 403);
  });

  it("a call to a SUSPENDED service resumes it when AUTO_RESUME is TRUE, and fails with AUTO_RESUME = FALSE", async function () {
    await must(["ALTER SERVICE echo SUSPEND"]);
    assert.equal(await status(), "SUSPENDED");
    const [resumed] = await must(["SELECT echo_fn(id, name) FROM t WHERE id < 3 ORDER BY id"]);
    assert.deepEqual(resumed.rows, [["n0/0"], ["n1/1"], ["n2/2"]]);
    console.log(`      measured: a call that resumed the suspended service took ${resumed.ms} ms`);
    assert.equal(await status(), "RUNNING");

    await must(["ALTER SERVICE echo SET AUTO_RESUME = FALSE", "ALTER SERVICE echo SUSPEND"]);
    const [refused] = await run(["SELECT echo_fn(id, name) FROM t WHERE id < 3"]);
    assert.equal(refused.ok, false);
    assert.equal(refused.errno, 100000, refused.msg);
    assert.match(refused.msg!, /Service FN_DB\.PUBLIC\.ECHO is suspended and its AUTO_RESUME is FALSE: function ECHO_FN cannot be called/);
    assert.equal(await status(), "SUSPENDED");

    // DROP FUNCTION removes it from SQL: the call is an unknown function again.
    const [dropped, gone] = await run(["DROP FUNCTION echo_fn(NUMBER, VARCHAR)", "SELECT echo_fn(1, 'x')"]);
    assert.deepEqual(dropped.rows, [["ECHO_FN successfully dropped."]]);
    assert.equal(gone.ok, false);
    assert.doesNotMatch(gone.msg!, /AUTO_RESUME/);
  });
});
