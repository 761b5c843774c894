import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { sqlEndpointStatus } from "../../../provider/provision/sql-endpoint";
import { sessionTokenDir } from "../../../provider/model/snowflake-endpoint";
import { pushConnectorImage } from "../../support/connector-image";
import { runClient, snowCli } from "../../support/sql-clients";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

/**
 * The service's code: SPCS's documented connector snippet (host, port, account and the token file,
 * `authenticator="oauth"`), plus `protocol="http"` (the local endpoint has no TLS), and the same through
 * the `connections.toml` that `mountConnectionConfig` writes. It answers GET / and /toml with the row it read.
 */
const APP = `
import http.server, json, os, snowflake.connector

def get_login_token():
    with open("/snowflake/session/token", "r") as f:
        return f.read()

def connect():
    return snowflake.connector.connect(
        host=os.getenv("SNOWFLAKE_HOST"), port=os.getenv("SNOWFLAKE_PORT"), protocol="http",
        account=os.getenv("SNOWFLAKE_ACCOUNT"), authenticator="oauth", token=get_login_token(),
        database=os.getenv("SNOWFLAKE_DATABASE"), schema=os.getenv("SNOWFLAKE_SCHEMA"))

class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            body = b"ok"
        else:
            conn = connect() if self.path == "/" else snowflake.connector.connect(connection_name="default")
            row = conn.cursor().execute("select id, msg from greetings order by id limit 1").fetchone()
            conn.close()
            body = json.dumps([row[0], row[1]]).encode()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)

http.server.ThreadingHTTPServer(("0.0.0.0", 8080), H).serve_forever()
`;

const SPEC = JSON.stringify({
  spec: {
    containers: [{
      name: "main", image: "/app_db/public/images/reader:1", command: ["python3", "-c", APP],
      sessionTokenConfig: { mountConnectionConfig: true },
      readinessProbe: { port: 8080, path: "/health" },
    }],
    endpoints: [{ name: "web", port: 8080, public: true }],
  },
});

/** A job's code: the same documented snippet, printing the row it read to its log. */
const JOB = `
import os, snowflake.connector
conn = snowflake.connector.connect(
    host=os.getenv("SNOWFLAKE_HOST"), port=os.getenv("SNOWFLAKE_PORT"), protocol="http",
    account=os.getenv("SNOWFLAKE_ACCOUNT"), authenticator="oauth", token=open("/snowflake/session/token").read(),
    database=os.getenv("SNOWFLAKE_DATABASE"), schema=os.getenv("SNOWFLAKE_SCHEMA"))
print("job read:", conn.cursor().execute("select msg from greetings where id = 2").fetchone()[0], flush=True)
`;

const JOB_SPEC = JSON.stringify({ spec: { containers: [{ name: "main", image: "/app_db/public/images/reader:1", command: ["python3", "-c", JOB] }] } });

/** Host-side SQL through the endpoint with the Python connector; prints the last statement's rows as JSON. */
const HOST_SQL = `
import json, sys, snowflake.connector
a = json.loads(sys.stdin.read())
kw = dict(host=a["host"], port=a["port"], protocol="http", account="TEST_ACCOUNT", database="APP_DB", schema="PUBLIC")
kw.update(dict(authenticator="oauth", token=a["token"]) if a.get("token") else dict(user="tester", password="pw"))
conn = snowflake.connector.connect(**kw)
rows = None
for s in a["sql"]:
    rows = conn.cursor().execute(s).fetchall()
print(json.dumps(rows, default=str))
`;

describe("integration: service code reaches the SQL endpoint with its session token", function () {
  let tp: TestPlatform;
  let host = "";
  let port = 0;

  const sql = async (statements: string[], token?: string) => {
    const r = await runClient(snowCli().python, ["-c", HOST_SQL], { input: JSON.stringify({ host, port, sql: statements, token }), timeoutMs: 300_000 });
    return { ...r, rows: r.code === 0 ? (JSON.parse(r.stdout) as unknown[][]) : undefined };
  };
  const mustSql = async (statements: string[]) => {
    const r = await sql(statements);
    assert.equal(r.code, 0, r.stderr.slice(-2000));
    return r.rows!;
  };

  before(async function () {
    tp = await startTestPlatform("it-sqlc", { sql: true, runtimeImage: true });
    const [h, p] = ((await sqlEndpointStatus(tp.config)).address ?? "").split(":");
    host = h ?? "";
    port = Number(p);
  });
  after(async function () {
    await sql(["drop service if exists app_db.public.reader", "drop service if exists app_db.public.reader_job"]);
    await tp?.dispose();
  });

  it("a service's Python code queries a table through the documented connector code and connections.toml; the token is refused once the service is dropped", async function () {
    await mustSql([
      "create database if not exists app_db",
      "create or replace table app_db.public.greetings (id int, msg varchar)",
      "insert into app_db.public.greetings values (2, 'second'), (1, 'hello from the table')",
      "CREATE COMPUTE POOL reader_pool MIN_NODES = 1 MAX_NODES = 2 INSTANCE_FAMILY = CPU_X64_XS",
      "CREATE IMAGE REPOSITORY IF NOT EXISTS app_db.public.images",
    ]);
    pushConnectorImage(tp, "/app_db/public/images/reader", "1");
    await mustSql([`CREATE SERVICE app_db.public.reader IN COMPUTE POOL reader_pool FROM SPECIFICATION $$${SPEC}$$`]);

    const endpoints = await mustSql(["SHOW ENDPOINTS IN SERVICE app_db.public.reader"]);
    const url = String(endpoints[0][5]);
    const base = /^https?:\/\//.test(url) ? url : `http://${url}`;
    const get = async (p: string): Promise<{ status: number; text: string }> => {
      const deadline = Date.now() + 180_000;
      for (;;) {
        try {
          const res = await fetch(`${base}${p}`, { signal: AbortSignal.timeout(60_000) });
          const text = await res.text();
          if (res.status === 200 || Date.now() > deadline) return { status: res.status, text };
        } catch (e) {
          if (Date.now() > deadline) throw e;
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    // The row the service read over its own connection (fakesnow's current_user() is always "duckdb").
    const direct = await get("/");
    assert.equal(direct.status, 200, direct.text);
    assert.deepEqual(JSON.parse(direct.text), [1, "hello from the table"]);
    const viaToml = await get("/toml");
    assert.equal(viaToml.status, 200, viaToml.text);
    assert.deepEqual(JSON.parse(viaToml.text), [1, "hello from the table"]);

    // A job container reaches the endpoint the same way.
    const job = await mustSql([`EXECUTE JOB SERVICE IN COMPUTE POOL reader_pool FROM SPECIFICATION $$${JOB_SPEC}$$ NAME = app_db.public.reader_job`]);
    assert.equal(job[0][0], "Job READER_JOB completed successfully with status: DONE.");
    const jobLogs = await mustSql(["call SYSTEM$GET_SERVICE_LOGS('app_db.public.reader_job', '0', 'main')"]);
    assert.match(String(jobLogs[0][0]), /^job read: second$/m);

    // The token the container holds logs in from the host too, until the service is dropped.
    const token = fs.readFileSync(path.join(sessionTokenDir(tp.config.home, "APP_DB.PUBLIC.READER"), "token"), "utf8");
    const before = await sql(["select msg from greetings where id = 2"], token);
    assert.equal(before.code, 0, before.stderr.slice(-2000));
    assert.deepEqual(before.rows, [["second"]]);
    await mustSql(["DROP SERVICE app_db.public.reader"]);
    const after = await sql(["select 1"], token);
    assert.notEqual(after.code, 0);
    assert.match(after.stderr, /390303.*Invalid OAuth access token/s);
    // A token nothing issued is refused the same way.
    const forged = await sql(["select 1"], "spcs-local-oauth-forged");
    assert.match(forged.stderr, /390303/);
  });
});
