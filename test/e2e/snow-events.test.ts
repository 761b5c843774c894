import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { describeService } from "../../provider/statements/services";
import { APP_IMAGE, seedAppImage } from "../support/service-fixtures";
import { snowCli, snowCalls } from "../support/sql-clients";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

/** A service whose one container writes numbered lines to stdout and stderr, then stays up (or fails). */
const chattySpec = (logLevel: "INFO" | "ERROR" | undefined, tail = "exec sleep 3600") => `spec:
  containers:
  - name: main
    image: ${APP_IMAGE}
    command: ["sh", "-c"]
    args:
    - 'echo "out one from $SNOWFLAKE_SERVICE_NAME"; echo "err one from $SNOWFLAKE_SERVICE_NAME" >&2; echo "out two"; ${tail}'
${logLevel ? `  logExporters:\n    eventTableConfig:\n      logLevel: ${logLevel}\n` : ""}`;

const EVENTS = "SNOWFLAKE.TELEMETRY.EVENTS";

/**
 * Issue 12, point 6: the account's event table. Services' and jobs' container output goes there as their
 * spec's logExporters says (INFO: stdout and stderr, ERROR: stderr, none: nothing), with SPCS's platform
 * events (status changes, once LOG_EVENT_LEVEL is set); the real `snow` (snowflake-cli 3.30.0) finds the table with `SHOW PARAMETERS`
 * and reads it with `snow spcs service events`, and plain SQL reads it through the endpoint. Collected by
 * the platform agent, shipped by the SQL endpoint: no step of the test asks for it.
 */
describe("e2e: logs and platform events in the event table, read with `snow`", function () {
  this.timeout(900_000);
  let tp: TestPlatform;
  let snowBin: string;
  let work: string;
  let env: Record<string, string>;

  const { snow, ok, json } = snowCalls(() => ({ bin: snowBin, env }));
  const sql = (query: string) => json("sql", "-q", query);
  /** Asks until `check` holds (the agent collects every second, the endpoint ships every second). */
  const eventually = async <T>(what: string, ask: () => Promise<T>, check: (v: T) => boolean, tries = 20): Promise<T> => {
    let last: T | undefined;
    for (let i = 0; i < tries; i++) {
      last = await ask();
      if (check(last)) return last;
      await new Promise((r) => setTimeout(r, 1000));
    }
    assert.fail(`${what}: never held; last answer ${JSON.stringify(last)}`);
  };
  const logLines = (service: string) =>
    sql(`select value, record_attributes:"log.iostream"::varchar as stream, record:severity_text::varchar as severity, resource_attributes:"snow.service.instance"::varchar as instance, resource_attributes:"snow.service.container.name"::varchar as container from ${EVENTS} where resource_attributes:"snow.service.name" = '${service}' and record_type = 'LOG' order by timestamp`).then((rows) =>
      // VALUE is a VARIANT: the client gets its JSON text, a string in quotes.
      rows.map((r) => ({ line: JSON.parse(String(r.VALUE)) as string, stream: r.STREAM, severity: r.SEVERITY, instance: r.INSTANCE, container: r.CONTAINER })),
    );

  before(async function () {
    snowBin = snowCli().snow!;
    tp = await startTestPlatform("e2e-snow-events", { sql: true });
    await seedAppImage(tp);
    work = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-snow-events-"));
    env = { SNOWFLAKE_HOME: path.join(tp.config.home, "sql", "snow") };
    // Platform events are off by default, as in SPCS; a CI script that reads them turns them on.
    await ok("sql", "-q", "alter account set log_event_level = 'INFO'");
    await ok("spcs", "compute-pool", "create", "ev_pool", "--family", "CPU_X64_XS", "--max-nodes", "4");
    for (const [name, level] of [["loud", "INFO"], ["errs", "ERROR"], ["quiet", undefined]] as const) {
      fs.writeFileSync(path.join(work, `${name}.yaml`), chattySpec(level));
      await ok("spcs", "service", "create", name, "--compute-pool", "ev_pool", "--spec-path", path.join(work, `${name}.yaml`));
    }
  });
  after(async function () {
    await tp?.dispose();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("SHOW PARAMETERS LIKE 'event_table' IN ACCOUNT names the event table, which SQL can read", async function () {
    const [param] = await sql("show parameters like 'event_table' in account");
    assert.deepEqual([param.key, param.value], ["EVENT_TABLE", EVENTS]);
    const [level] = await sql("show parameters like 'log_event_level' in account");
    assert.deepEqual([level.key, level.value, level.default, level.level], ["LOG_EVENT_LEVEL", "INFO", "OFF", "ACCOUNT"]);
    const columns = await sql(`show columns in table ${EVENTS}`);
    assert.deepEqual(columns.map((c) => c.column_name), ["TIMESTAMP", "START_TIMESTAMP", "OBSERVED_TIMESTAMP", "TRACE", "RESOURCE", "RESOURCE_ATTRIBUTES", "SCOPE", "SCOPE_ATTRIBUTES", "RECORD_TYPE", "RECORD", "RECORD_ATTRIBUTES", "VALUE", "EXEMPLARS"]);
  });

  it("logLevel INFO: stdout and stderr lines, with SPCS's resource attributes", async function () {
    const lines = await eventually("LOUD's three lines", () => logLines("LOUD"), (rows) => rows.length >= 3);
    // Each stream keeps its order; the engine stamps the two pipes as it reads them, so they interleave freely.
    assert.deepEqual(lines.filter((l) => l.stream === "stdout").map((l) => [l.line, l.severity, l.instance, l.container]), [["out one from LOUD", "INFO", "0", "main"], ["out two", "INFO", "0", "main"]]);
    assert.deepEqual(lines.filter((l) => l.stream === "stderr").map((l) => [l.line, l.severity, l.instance, l.container]), [["err one from LOUD", "ERROR", "0", "main"]]);
    assert.equal(lines.length, 3, "each line once");
    const [attrs] = await sql(`select resource_attributes as ra from ${EVENTS} where resource_attributes:"snow.service.name" = 'LOUD' and record_type = 'LOG' limit 1`);
    assert.deepEqual(JSON.parse(String(attrs.RA)), {
      "snow.account.name": "TEST_ACCOUNT", "snow.compute_pool.name": "EV_POOL", "snow.database.name": "LOCAL_DB", "snow.schema.name": "PUBLIC",
      "snow.service.name": "LOUD", "snow.service.type": "Service", "snow.service.instance": "0", "snow.service.container.name": "main",
    });
  });

  it("logLevel ERROR exports stderr only; a spec without logExporters exports nothing (its events still go)", async function () {
    const errs = await eventually("ERRS's stderr line", () => logLines("ERRS"), (rows) => rows.length >= 1);
    assert.deepEqual(errs.map((l) => [l.line, l.stream]), [["err one from ERRS", "stderr"]]);
    // QUIET started with the others and is collected in the same passes: its events are there, its lines never.
    await eventually("QUIET's platform events", () => sql(`select * from ${EVENTS} where resource_attributes:"snow.service.name" = 'QUIET' and record_type = 'EVENT'`), (rows) => rows.length > 0);
    assert.deepEqual(await logLines("QUIET"), []);
    assert.match(await ok("spcs", "service", "logs", "quiet", "--container-name", "main", "--instance-id", "0"), /out one from QUIET/, "the container did write (SYSTEM$GET_SERVICE_LOGS shows it)");
  });

  it("`snow spcs service events` shows the platform events: the service ready, its container Running", async function () {
    const events = await eventually("LOUD's events", () => json("spcs", "service", "events", "loud"), (rows) => rows.some((e) => e["EVENT NAME"] === "SERVICE.STATUS_CHANGE" && JSON.parse(String(e["EVENT VALUE"])).status === "RUNNING"));
    const seen = events.map((e) => [e["SERVICE NAME"], e["EVENT NAME"], e.SEVERITY, JSON.parse(String(e["EVENT VALUE"]))]);
    assert.ok(seen.some(([, name, severity, v]) => name === "CONTAINER.STATUS_CHANGE" && severity === "INFO" && v.status === "READY" && v.message === "Running"), JSON.stringify(seen));
    assert.ok(seen.some(([, name, , v]) => name === "SERVICE.STATUS_CHANGE" && v.message === "Service is ready"), JSON.stringify(seen));
    const one = await json("spcs", "service", "events", "loud", "--container-name", "main", "--instance-id", "0", "--last", "1");
    assert.deepEqual(one.map((e) => [e["SERVICE NAME"], e["INSTANCE ID"], e["CONTAINER NAME"], e["DATABASE NAME"], e["SCHEMA NAME"]]), [["LOUD", "0", "main", "LOCAL_DB", "PUBLIC"]]);
  });

  it("SELECT * FROM TABLE(<svc>!SPCS_GET_LOGS()) and SPCS_GET_EVENTS(): the service's lines and status events, in SPCS's columns", async function () {
    const logs = await eventually("LOUD's lines by SPCS_GET_LOGS", () => sql("select * from table(loud!spcs_get_logs())"), (rows) => rows.length >= 3);
    assert.deepEqual(Object.keys(logs[0]), ["TIMESTAMP", "INSTANCE_ID", "CONTAINER_NAME", "LOG", "RECORD_ATTRIBUTES"]);
    const lines = logs.map((r) => [r.INSTANCE_ID, r.CONTAINER_NAME, r.LOG, (JSON.parse(String(r.RECORD_ATTRIBUTES)) as Record<string, string>)["log.iostream"]]);
    assert.deepEqual(lines.filter((l) => l[3] === "stdout"), [[0, "main", "out one from LOUD", "stdout"], [0, "main", "out two", "stdout"]]);
    assert.deepEqual(lines.filter((l) => l[3] === "stderr"), [[0, "main", "err one from LOUD", "stderr"]]);
    assert.equal(logs.length, 3, "only LOUD's lines, each once");
    // A window that ends before the service existed has none of them; a qualified name and named arguments are read.
    assert.deepEqual(await sql("select * from table(local_db.public.loud!spcs_get_logs(start_time => '2020-01-01 00:00:00', end_time => '2020-01-02 00:00:00'))"), []);

    const events = await eventually("LOUD's events by SPCS_GET_EVENTS", () => sql("select * from table(loud!spcs_get_events())"), (rows) => rows.some((e) => e.EVENT_NAME === "SERVICE.STATUS_CHANGE"));
    assert.deepEqual(Object.keys(events[0]), ["TIMESTAMP", "INSTANCE_ID", "CONTAINER_NAME", "SEVERITY", "EVENT_NAME", "EVENT_VALUE"]);
    const seen = events.map((e) => [e.INSTANCE_ID, e.CONTAINER_NAME, e.SEVERITY, e.EVENT_NAME, JSON.parse(String(e.EVENT_VALUE))]);
    assert.ok(seen.some(([instance, container, severity, name, v]) => instance === 0 && container === "main" && severity === "INFO" && name === "CONTAINER.STATUS_CHANGE" && v.status === "READY" && v.message === "Running"), JSON.stringify(seen));
    assert.ok(seen.some(([, , , name, v]) => name === "SERVICE.STATUS_CHANGE" && v.message === "Service is ready"), JSON.stringify(seen));

    const missing = await snow("sql", "-q", "select * from table(nosuch!spcs_get_logs())");
    assert.notEqual(missing.code, 0);
    assert.match(missing.stdout + missing.stderr, /Service 'LOCAL_DB\.PUBLIC\.NOSUCH' does not exist or not authorized/);
    const metrics = await snow("sql", "-q", "select * from table(loud!spcs_get_metrics())");
    assert.match(metrics.stdout + metrics.stderr, /does not collect platform metrics/);
  });

  it("a failing container: its stderr and a FAILED platform event at ERROR", async function () {
    fs.writeFileSync(path.join(work, "crash.yaml"), chattySpec("INFO", "exit 3"));
    await ok("spcs", "service", "create", "crash", "--compute-pool", "ev_pool", "--spec-path", path.join(work, "crash.yaml"));
    const failed = await eventually("CRASH's FAILED event", () => json("spcs", "service", "events", "crash"), (rows) => rows.some((e) => e.SEVERITY === "ERROR" && e["EVENT NAME"] === "CONTAINER.STATUS_CHANGE"));
    const event = failed.find((e) => e.SEVERITY === "ERROR" && e["EVENT NAME"] === "CONTAINER.STATUS_CHANGE")!;
    assert.deepEqual(JSON.parse(String(event["EVENT VALUE"])), { message: "Encountered fatal error, retrying", status: "FAILED" });
    const lines = await eventually("CRASH's lines", () => logLines("CRASH"), (rows) => rows.some((l) => l.line === "err one from CRASH"));
    assert.ok(lines.filter((l) => l.line === "out two").length >= 1);
    await ok("spcs", "service", "drop", "crash");
  });

  it("a job's lines reach the event table though its containers are removed when it ends", async function () {
    const jobSpec = `spec:\n  containers:\n  - name: main\n    image: ${APP_IMAGE}\n    command: ["sh", "-c", 'echo "job $SNOWFLAKE_JOB_INDEX says hi"; echo "job $SNOWFLAKE_JOB_INDEX complains" >&2']\n  logExporters:\n    eventTableConfig:\n      logLevel: INFO\n`;
    fs.writeFileSync(path.join(work, "job.yaml"), jobSpec);
    await ok("spcs", "service", "execute-job", "ev_job", "--compute-pool", "ev_pool", "--spec-path", path.join(work, "job.yaml"), "--replicas", "2");
    assert.equal((await describeService(tp.platform, { database: "LOCAL_DB", schema: "PUBLIC", name: "EV_JOB" }))?.status, "DONE");
    const lines = await eventually("EV_JOB's four lines", () => logLines("EV_JOB"), (rows) => rows.length >= 4);
    assert.deepEqual(lines.map((l) => `${l.instance} ${l.stream} ${l.line}`).sort(), ["0 stderr job 0 complains", "0 stdout job 0 says hi", "1 stderr job 1 complains", "1 stdout job 1 says hi"]);
    const [type] = await sql(`select distinct resource_attributes:"snow.service.type"::varchar as t from ${EVENTS} where resource_attributes:"snow.service.name" = 'EV_JOB'`);
    assert.equal(type.T, "Job");
  });

  it("a client that disconnects in the middle of a synchronous EXECUTE JOB SERVICE: the job still runs, the endpoint keeps answering", async function () {
    const port = Number(/port = (\d+)/.exec(fs.readFileSync(path.join(env.SNOWFLAKE_HOME, "config.toml"), "utf8"))![1]);
    const post = (p: string, body: unknown, token?: string) =>
      new Promise<{ req: http.ClientRequest; answer: Promise<Record<string, unknown>> }>((resolve) => {
        const req = http.request({ host: "127.0.0.1", port, method: "POST", path: p, headers: { "Content-Type": "application/json", ...(token && { Authorization: `Snowflake Token="${token}"` }) } });
        const answer = new Promise<Record<string, unknown>>((res, rej) => {
          req.on("response", (r) => {
            let text = "";
            r.on("data", (d: Buffer) => (text += d.toString()));
            r.on("end", () => res(JSON.parse(text) as Record<string, unknown>));
          });
          req.on("error", rej);
        });
        req.end(JSON.stringify(body));
        resolve({ req, answer });
      });
    const login = await (await post("/session/v1/login-request?databaseName=LOCAL_DB&schemaName=PUBLIC", { data: { LOGIN_NAME: "leaver", SESSION_PARAMETERS: {} } })).answer;
    const token = (login.data as { token: string }).token;
    const slow = `spec:\n  containers:\n  - name: main\n    image: ${APP_IMAGE}\n    command: ["sh", "-c", "sleep 6; echo slow job done"]\n`;
    const { req, answer } = await post("/queries/v1/query-request?requestId=leaver-1", { sqlText: `EXECUTE JOB SERVICE IN COMPUTE POOL ev_pool FROM SPECIFICATION $$${slow}$$ NAME = leaver_job` }, token);
    answer.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1500));
    req.destroy(); // the client goes away with the statement running
    const [row] = await sql("select 40 + 2 as answer");
    assert.equal(row.ANSWER, 42, "another client gets answers while the job runs");
    const job = await eventually("LEAVER_JOB's end", () => json("spcs", "service", "describe", "leaver_job"), (rows) => rows[0]?.status === "DONE");
    assert.equal(job[0].status, "DONE");
    assert.match(await ok("spcs", "service", "logs", "leaver_job", "--container-name", "main", "--instance-id", "0"), /slow job done/);
  });
});
