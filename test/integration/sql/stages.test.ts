import assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { connector5, runClient, snowCli, snowHome, type RunResult } from "../../support/sql-clients";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

/**
 * Stages on the real platform, through the real clients: `snow stage create|copy|list-files|remove`
 * (snowflake-cli 3.30.0) for files, and the Python connector (4.7.5, the one snow pins) for the SPCS
 * statements. Stage volumes mount the SQL stage's own files, so what a client puts a container sees, and
 * what a container writes a client gets.
 */

/** Runs statements in one connector session; each answers its rows (as text) or its error code and message. */
const PY_STATEMENTS = String.raw`
import json, sys, snowflake.connector
host, port = sys.argv[1].split(":")
conn = snowflake.connector.connect(account="test", user="tester", password="pw", host=host, port=int(port), protocol="http", database="APP_DB", schema="PUBLIC")
cur = conn.cursor()
out = []
for sql in json.loads(sys.stdin.read()):
    try:
        cur.execute(sql)
        out.append({"columns": [d[0] for d in cur.description or []], "rows": [[None if v is None else str(v) for v in r] for r in cur.fetchall()]})
    except snowflake.connector.errors.Error as e:
        out.append({"error": "%06d" % e.errno, "message": e.msg})
conn.close()
print(json.dumps(out))
`;

type Answer = { columns: string[]; rows: (string | null)[][] } | { error: string; message: string };

/** PUT, LIST, GET and REMOVE of one file in a folder of a stage, printing what each answers. */
const PY_FILES = String.raw`
import json, os, sys, snowflake.connector
host, port = sys.argv[1].split(":")
src, out = sys.argv[2], sys.argv[3]
conn = snowflake.connector.connect(account="test", user="tester", password="pw", host=host, port=int(port), protocol="http", database="APP_DB", schema="PUBLIC")
cur = conn.cursor()
result = {"put": cur.execute("PUT file://%s @pystage/dir AUTO_COMPRESS=FALSE" % src).fetchall()}
result["list"] = cur.execute("LIST @pystage/dir/").fetchall()
result["get"] = cur.execute("GET @pystage/dir/%s 'file://%s/'" % (os.path.basename(src), out)).fetchall()
result["got"] = open(os.path.join(out, os.path.basename(src))).read()
result["remove"] = cur.execute("REMOVE @pystage PATTERN = '.*%s'" % os.path.basename(src)).fetchall()
result["after"] = cur.execute("LS @pystage").fetchall()
conn.close()
print(json.dumps(result, default=str))
`;

/** A service whose busybox httpd serves the folder a stage volume mounts, after running `before`. */
function serveStageSpec(stage: string, mount: string, before = "true"): string {
  return JSON.stringify({
    spec: {
      containers: [{ name: "main", image: APP_IMAGE, command: ["sh", "-c"], args: [`${before} && exec httpd -f -p 8080 -h ${mount}`], volumeMounts: [{ name: "files", mountPath: mount }] }],
      endpoints: [{ name: "web", port: 8080, public: true }],
      volumes: [{ name: "files", source: "stage", stageConfig: { name: stage } }],
    },
  });
}

describe("integration: stages from snow and the connector, mounted by services and jobs", function () {
  this.timeout(900_000);
  let tp: TestPlatform;
  let endpoint: string;
  let home: string;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-stage-files-"));

  const snow = async (...args: string[]): Promise<RunResult> => {
    const r = await runClient(snowCli().snow!, args, { env: { SNOWFLAKE_HOME: home }, timeoutMs: 300_000 });
    assert.equal(r.code, 0, `snow ${args.join(" ")}:\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  const sql = async (...statements: string[]): Promise<Answer[]> => {
    const r = await runClient(snowCli().python, ["-c", PY_STATEMENTS, endpoint], { input: JSON.stringify(statements), timeoutMs: 400_000 });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Answer[];
  };
  const rowsOf = (a: Answer) => {
    assert.ok(!("error" in a), JSON.stringify(a));
    return a.rows.map((row) => Object.fromEntries(a.columns.map((c, i) => [c, row[i]])));
  };
  const ingress = async (service: string): Promise<string> => {
    const [waited, endpoints] = await sql(`SELECT SYSTEM$WAIT_FOR_SERVICES(180, '${service}')`, `SHOW ENDPOINTS IN SERVICE ${service}`);
    assert.equal(rowsOf(waited)[0] && Object.values(rowsOf(waited)[0])[0], "OK", JSON.stringify(waited));
    return String(rowsOf(endpoints)[0].ingress_url);
  };
  const get = async (url: string) => {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return { status: res.status, text: await res.text() };
  };

  before(async function () {
    snowCli();
    tp = await startTestPlatform("it-stages", { sql: true });
    endpoint = JSON.parse(fs.readFileSync(path.join(tp.config.home, "sql", "state.json"), "utf8")).endpoint.address;
    home = snowHome(endpoint, "APP_DB");
    await seedAppImage(tp);
    seedPool(tp, "STAGE_POOL", 4);
    const [db] = await sql("create database if not exists app_db");
    assert.ok(!("error" in db), JSON.stringify(db));
  });
  after(async function () {
    if (tp) await sql(...["MODEL_SERVER", "SVC_A", "SVC_B", "FROM_STAGE"].map((s) => `DROP SERVICE IF EXISTS ${s}`)).catch(() => undefined);
    await tp?.dispose();
    fs.rmSync(work, { recursive: true, force: true });
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it("a model file put with `snow stage copy` is read by a running service over its endpoint; list-files shows it, remove takes it away", async function () {
    assert.match((await snow("stage", "create", "models")).stdout, /Stage area MODELS successfully created\./);
    const [created] = await sql(`CREATE SERVICE model_server IN COMPUTE POOL stage_pool FROM SPECIFICATION $$${serveStageSpec("@app_db.public.models", "/models")}$$`);
    assert.deepEqual(rowsOf(created), [{ status: "Service MODEL_SERVER successfully created." }]);
    const url = await ingress("MODEL_SERVER");
    // Copied while the service runs: the running container sees the new file.
    const weights = `weights-${crypto.randomBytes(8).toString("hex")}\n`;
    fs.writeFileSync(path.join(work, "model.bin"), weights);
    assert.match((await snow("stage", "copy", path.join(work, "model.bin"), "@models/v1")).stdout, /UPLOADED/);
    assert.deepEqual(await get(`http://${url}/v1/model.bin`), { status: 200, text: weights });
    const listed = JSON.parse((await snow("stage", "list-files", "@models", "--format", "json")).stdout) as { name: string; size: number }[];
    assert.deepEqual(listed.map((f) => [f.name, Number(f.size)]), [["models/v1/model.bin", weights.length]]);
    assert.match((await snow("stage", "remove", "@models", "v1/model.bin")).stdout, /\|\s*name\s*\|\s*models\/v1\/model\.bin\s*\|\n\|\s*result\s*\|\s*removed\s*\|/);
    assert.equal((await get(`http://${url}/v1/model.bin`)).status, 404);
  });

  it("a job (its spec read FROM @stage SPECIFICATION_FILE) writes to a stage, and `snow stage copy @stage/file <dir>` gets it", async function () {
    await snow("stage", "create", "specs");
    await snow("stage", "create", "results");
    const job = { spec: { containers: [{ name: "main", image: APP_IMAGE, command: ["sh", "-c"], args: ['echo "written by $SNOWFLAKE_SERVICE_NAME replica $SNOWFLAKE_JOB_INDEX" > /out/result.txt'], volumeMounts: [{ name: "out", mountPath: "/out" }] }], volumes: [{ name: "out", source: "stage", stageConfig: { name: "@results/run1" } }] } };
    fs.writeFileSync(path.join(work, "job.yaml"), JSON.stringify(job));
    await snow("stage", "copy", path.join(work, "job.yaml"), "@specs");
    const [ran] = await sql("EXECUTE JOB SERVICE IN COMPUTE POOL stage_pool FROM @specs SPECIFICATION_FILE = 'job.yaml' NAME = writer");
    assert.deepEqual(rowsOf(ran), [{ status: "Job WRITER completed successfully with status: DONE." }]);
    const out = fs.mkdtempSync(path.join(work, "get-"));
    assert.match((await snow("stage", "copy", "@results/run1/result.txt", out)).stdout, /DOWNLOADED/);
    assert.equal(fs.readFileSync(path.join(out, "result.txt"), "utf8"), "written by WRITER replica 0\n");
  });

  it("the Python connector, 4.7.5 and 5.2.0, PUTs, LISTs, GETs and REMOVEs a stage file", async function () {
    assert.ok(!("error" in (await sql("CREATE STAGE IF NOT EXISTS pystage"))[0]));
    for (const [label, python] of [["4.7.5", snowCli().python], ["5.2.0", connector5().python]] as const) {
      const src = path.join(work, `from-${label}.txt`);
      fs.writeFileSync(src, `written by connector ${label}\n`);
      const out = fs.mkdtempSync(path.join(work, "py-get-"));
      const r = await runClient(python, ["-c", PY_FILES, endpoint, src, out], { timeoutMs: 300_000 });
      assert.equal(r.code, 0, `connector ${label}: ${r.stderr}`);
      const got = JSON.parse(r.stdout);
      const name = `from-${label}.txt`;
      assert.deepEqual(got.put.map((row: unknown[]) => [row[0], row[6]]), [[name, "UPLOADED"]], label);
      assert.deepEqual(got.list.map((row: unknown[]) => [row[0], Number(row[1])]), [[`pystage/dir/${name}`, `written by connector ${label}\n`.length]], label);
      assert.deepEqual(got.get.map((row: unknown[]) => [row[0], row[2]]), [[name, "DOWNLOADED"]], label);
      assert.equal(got.got, `written by connector ${label}\n`);
      assert.deepEqual(got.remove, [[`pystage/dir/${name}`, "removed"]], label);
      assert.deepEqual(got.after, [], label);
    }
  });

  it("two services that mount one stage see each other's files", async function () {
    await snow("stage", "create", "shared");
    const writeOwn = 'echo "from $SNOWFLAKE_SERVICE_NAME" > /shared/$SNOWFLAKE_SERVICE_NAME.txt';
    const answers = await sql(...["SVC_A", "SVC_B"].map((s) => `CREATE SERVICE ${s} IN COMPUTE POOL stage_pool FROM SPECIFICATION $$${serveStageSpec("@shared", "/shared", writeOwn)}$$`));
    for (const a of answers) assert.ok(!("error" in a), JSON.stringify(a));
    const [a, b] = [await ingress("SVC_A"), await ingress("SVC_B")];
    assert.deepEqual(await get(`http://${a}/SVC_B.txt`), { status: 200, text: "from SVC_B\n" });
    assert.deepEqual(await get(`http://${b}/SVC_A.txt`), { status: 200, text: "from SVC_A\n" });
    const listed = JSON.parse((await snow("stage", "list-files", "@shared", "--format", "json")).stdout) as { name: string }[];
    assert.deepEqual(listed.map((f) => f.name), ["shared/SVC_A.txt", "shared/SVC_B.txt"]);
  });

  it("CREATE SERVICE … FROM @stage SPECIFICATION_FILE runs the spec the stage holds; a missing file is Snowflake's 002003", async function () {
    const web = { spec: { containers: [{ name: "main", image: APP_IMAGE, command: ["sh", "-c"], args: ['mkdir -p /www && echo "hello from $SNOWFLAKE_SERVICE_NAME" > /www/who.txt && exec httpd -f -p 8080 -h /www'] }], endpoints: [{ name: "web", port: 8080, public: true }] } };
    fs.mkdirSync(path.join(work, "web"));
    fs.writeFileSync(path.join(work, "web", "web.yaml"), JSON.stringify(web));
    await snow("stage", "copy", path.join(work, "web", "web.yaml"), "@specs/services/");
    const [created, missing] = await sql(
      "CREATE SERVICE from_stage IN COMPUTE POOL stage_pool FROM @app_db.public.specs/services SPECIFICATION_FILE = 'web.yaml'",
      "CREATE SERVICE nowhere IN COMPUTE POOL stage_pool FROM @specs SPECIFICATION_FILE = 'services/absent.yaml'",
    );
    assert.deepEqual(rowsOf(created), [{ status: "Service FROM_STAGE successfully created." }]);
    assert.deepEqual(await get(`http://${await ingress("FROM_STAGE")}/who.txt`), { status: 200, text: "hello from FROM_STAGE\n" });
    assert.ok("error" in missing, JSON.stringify(missing));
    assert.equal(missing.error, "002003");
    assert.match(missing.message, /Specified file 'services\/absent\.yaml' does not exist in stage @specs/);
  });
});
