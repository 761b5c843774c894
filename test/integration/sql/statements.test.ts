import assert from "node:assert/strict";
import { homeFilter } from "../../../provider/common/labels";
import { describePool } from "../../../provider/statements/compute-pools";
import { dropService } from "../../../provider/statements/services";
import { spcsStatementExecutor } from "../../../provider/sql/statements";
import { SqlError, type SqlResult, type SqlSession } from "../../../provider/sql/sql-types";
import { APP_IMAGE, seedAppImage } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const SESSION: SqlSession = { user: "TESTER", role: "ACCOUNTADMIN", database: "app_db", schema: "PUBLIC" };

/** Rows as objects keyed by column name, to read a result the way a DictCursor does. */
const dicts = (r: SqlResult) => r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]])));

/** An HTTP server answering `who.txt` with the service name, and a log line to find. */
const WEB_SPEC = JSON.stringify({
  spec: {
    containers: [{
      name: "main", image: APP_IMAGE, command: ["sh", "-c"],
      args: ['mkdir -p /www && echo "hello from $SNOWFLAKE_SERVICE_NAME" > /www/who.txt && echo "web is up" && exec httpd -f -p 8080 -h /www'],
      readinessProbe: { port: 8080, path: "/who.txt" },
    }],
    endpoints: [{ name: "web", port: 8080, public: true }],
  },
});

describe("integration: SPCS SQL statements on a real platform", function () {
  let tp: TestPlatform;
  // The executor on this file's platform (not the process's: another file may have configured that one).
  const executeSpcsStatement = spcsStatementExecutor(() => tp.platform);
  const sql = (text: string, session: SqlSession = SESSION) => executeSpcsStatement(text, session).then((r) => {
    assert.ok(r, `not answered as SPCS SQL: ${text}`);
    return r;
  });
  const sqlError = async (text: string, session: SqlSession = SESSION): Promise<SqlError> => {
    try {
      await executeSpcsStatement(text, session);
    } catch (e) {
      assert.ok(e instanceof SqlError, `expected an SqlError, got ${String(e)}`);
      return e;
    }
    assert.fail(`no error for: ${text}`);
  };
  const status = async (text: string) => (await sql(text)).rows[0][0];

  before(async function () {
    tp = await startTestPlatform("it-sql");
    await seedAppImage(tp);
  });
  after(async function () {
    for (const s of tp?.platform.catalog.services.list() ?? []) await dropService(tp.platform, { database: s.databaseName, schema: s.schemaName, name: s.name }, { ifExists: true });
    await tp?.dispose();
  });

  it("a compute pool created as snow sends it is listed by SHOW with SPCS's columns, altered, and dropped", async function () {
    assert.equal(await status("CREATE COMPUTE POOL sql_pool\nMIN_NODES = 1\nMAX_NODES = 1\nINSTANCE_FAMILY = 'CPU_X64_XS'\nAUTO_RESUME = True\nINITIALLY_SUSPENDED = False\nAUTO_SUSPEND_SECS = 3600"), "Compute pool SQL_POOL successfully created.");
    const shown = await sql("show compute pools like 'sql_pool'");
    assert.equal(shown.statementType, "show");
    assert.deepEqual(shown.columns.map((c) => c.name), [
      "name", "state", "min_nodes", "max_nodes", "instance_family", "num_services", "num_jobs", "auto_suspend_secs", "auto_resume", "active_nodes", "idle_nodes",
      "target_nodes", "created_on", "resumed_on", "updated_on", "owner", "comment", "is_exclusive", "application", "placement_group", "backup_instance_families",
    ]);
    const [row] = dicts(shown);
    assert.equal(shown.rows.length, 1);
    assert.deepEqual([row.name, row.state, row.min_nodes, row.max_nodes, row.instance_family, row.auto_resume, row.auto_suspend_secs], ["SQL_POOL", "IDLE", 1, 1, "CPU_X64_XS", "true", 3600]);
    assert.ok(row.created_on instanceof Date);
    // The platform itself holds the pool SQL made.
    assert.equal(describePool(tp.platform, "SQL_POOL")?.maxNodes, 1);
    assert.equal(await status("alter compute pool sql_pool set\nmax_nodes = 3"), "Statement executed successfully.");
    assert.equal(describePool(tp.platform, "SQL_POOL")?.maxNodes, 3);
    const described = dicts(await sql("describe compute pool IDENTIFIER('sql_pool')"));
    assert.deepEqual([described[0].max_nodes, described[0].status_message], [3, "Compute pool is ready."]);
    assert.equal(await status("CREATE COMPUTE POOL IF NOT EXISTS sql_pool MIN_NODES = 1 MAX_NODES = 1 INSTANCE_FAMILY = CPU_X64_XS"), "SQL_POOL already exists, statement succeeded.");
    const dup = await sqlError("CREATE COMPUTE POOL sql_pool MIN_NODES = 1 MAX_NODES = 1 INSTANCE_FAMILY = CPU_X64_XS");
    assert.deepEqual([dup.code, dup.sqlState, dup.message], ["002002", "42710", "SQL compilation error:\nObject 'SQL_POOL' already exists."]);
    const bad = await sqlError("CREATE COMPUTE POOL p2 MIN_NODES = 3 MAX_NODES = 1 INSTANCE_FAMILY = CPU_X64_XS");
    assert.equal(bad.code, "001008");
    assert.match(bad.message, /invalid property combination 'MIN_NODES'='3' and 'MAX_NODES'='1'/);
    assert.equal(await status("drop compute pool IDENTIFIER('sql_pool')"), "SQL_POOL successfully dropped.");
    const gone = await sqlError("describe compute pool sql_pool");
    assert.deepEqual([gone.code, gone.sqlState, gone.message], ["002003", "02000", "SQL compilation error:\nCompute pool 'SQL_POOL' does not exist or not authorized."]);
    assert.equal(describePool(tp.platform, "SQL_POOL"), undefined);
  });

  it("image repositories: create in the session's schema, LIKE filters to one row with its URL, images listed from the registry", async function () {
    assert.equal(await status("create image repository sql_repo"), "Image Repository SQL_REPO successfully created.");
    const listed = dicts(await sql("show image repositories like 'SQL_REPO'"));
    assert.deepEqual(listed.map((r) => [r.name, r.database_name, r.schema_name, r.repository_url]), [["SQL_REPO", "APP_DB", "PUBLIC", `${tp.config.registry}/app_db/public/sql_repo`]]);
    const images = dicts(await sql("show images like '%%' in image repository app_db.public.images"));
    assert.deepEqual(images.map((r) => [r.image_name, r.tags, r.image_path]), [["busybox", "1", "app_db/public/images/busybox:1"]]);
    assert.equal(await status("drop image repository IDENTIFIER('sql_repo')"), "SQL_REPO successfully dropped.");
    assert.equal((await sql("show image repositories like 'SQL_REPO'")).rows.length, 0);
    const noDb = await sqlError("create image repository r2", { user: "U", role: "R" });
    assert.deepEqual([noDb.code, noDb.message], ["090105", "Cannot perform CREATE IMAGE REPOSITORY. This session does not have a current database. Call 'USE DATABASE', or use a qualified name."]);
  });

  it("a service created FROM SPECIFICATION $$…$$ runs and answers on its endpoint; SET, an upgrade, SUSPEND stops it, RESUME, DROP removes it", async function () {
    await sql("CREATE COMPUTE POOL web_pool MIN_NODES = 1 MAX_NODES = 1 INSTANCE_FAMILY = CPU_X64_XS");
    assert.equal(await status(`CREATE SERVICE web\nIN COMPUTE POOL web_pool\nFROM SPECIFICATION $$\n${WEB_SPEC}\n$$\nMIN_INSTANCES = 1\nMAX_INSTANCES = 1\nAUTO_RESUME = False\nCOMMENT = 'made by SQL'`), "Service WEB successfully created.");
    const waited = await sql("SELECT SYSTEM$WAIT_FOR_SERVICES(120, 'web')");
    assert.deepEqual([waited.columns[0].name, waited.rows[0][0]], ["SYSTEM$WAIT_FOR_SERVICES(120, 'WEB')", "OK"]);
    const [d] = dicts(await sql("describe service IDENTIFIER('web')"));
    assert.deepEqual([d.status, d.compute_pool, d.comment, d.auto_resume, d.is_job], ["RUNNING", "WEB_POOL", "made by SQL", false, false]);
    assert.match(String(d.spec), /image: \/app_db\/public\/images\/busybox:1\n\s+sha256: "?@sha256:[0-9a-f]{64}/);
    const [endpoint] = dicts(await sql("show endpoints in service web"));
    assert.deepEqual([endpoint.name, endpoint.port, endpoint.is_public], ["web", 8080, true]);
    const res = await fetch(`http://${endpoint.ingress_url}/who.txt`, { signal: AbortSignal.timeout(10_000) });
    assert.equal((await res.text()).trim(), "hello from WEB");
    const containers = dicts(await sql("show service containers in service app_db.public.web"));
    assert.deepEqual(containers.map((c) => [c.service_name, c.instance_id, c.container_name, c.status, c.message]), [["WEB", "0", "main", "READY", "Running"]]);
    const logs = await sql("call SYSTEM$GET_SERVICE_LOGS('web', '0', 'main', 500, False, '', False);");
    assert.match(String(logs.rows[0][0]), /web is up/);
    const statusJson = JSON.parse(String((await sql("CALL SYSTEM$GET_SERVICE_STATUS('WEB')")).rows[0][0]));
    assert.deepEqual(statusJson.map((s: Record<string, unknown>) => [s.status, s.containerName, s.instanceId, s.serviceName]), [["READY", "main", "0", "WEB"]]);
    assert.deepEqual(dicts(await sql("show roles in service web")).map((r) => r.name), ["ALL_ENDPOINTS_USAGE"]);

    assert.equal(await status("alter service web set\ncomment = 'changed'"), "Statement executed successfully.");
    assert.equal(dicts(await sql("show services like 'web'"))[0].comment, "changed");
    // An upgrade FROM SPECIFICATION: the statement returns once the new containers are READY, on the same URL.
    assert.equal(await status(`alter service web from specification $$${WEB_SPEC.replace("hello from", "v2 from")}$$`), "Statement executed successfully.");
    assert.equal((await (await fetch(`http://${endpoint.ingress_url}/who.txt`, { signal: AbortSignal.timeout(10_000) })).text()).trim(), "v2 from WEB");

    assert.equal(await status("alter service web suspend"), "Statement executed successfully.");
    assert.equal((await sql("select web!SPCS_WAIT_FOR('SUSPENDED', 5)")).rows[0][0], "SUSPENDED");
    assert.equal(dicts(await sql("show services like 'WEB'"))[0].status, "SUSPENDED");
    assert.equal((await sql("show service instances in service web")).rows.length, 0);
    const running = await tp.platform.docker.listContainers([...homeFilter(tp.config.home), "com.pulumi-spcs.service=APP_DB.PUBLIC.WEB"]);
    const states = await Promise.all(running.map(async (c) => [c.name, (await tp.platform.docker.inspectContainer(c.name))?.running]));
    assert.deepEqual(states.filter(([, up]) => up), [], "no container of the service runs");
    await assert.rejects(fetch(`http://${endpoint.ingress_url}/who.txt`, { signal: AbortSignal.timeout(3_000) }));

    assert.equal(await status("alter service web resume"), "Statement executed successfully.");
    assert.equal((await sql("call web!spcs_wait_for('RUNNING', 120)")).rows[0][0], "RUNNING");
    assert.equal((await (await fetch(`http://${endpoint.ingress_url}/who.txt`, { signal: AbortSignal.timeout(10_000) })).text()).trim(), "v2 from WEB");

    const inUse = await sqlError("drop compute pool web_pool");
    assert.match(inUse.message, /Cannot drop compute pool WEB_POOL because it has services: APP_DB\.PUBLIC\.WEB/);
    assert.equal(await status("drop service IDENTIFIER('web')"), "WEB successfully dropped.");
    assert.equal((await sql("show services like 'WEB'")).rows.length, 0);
    assert.equal(tp.platform.catalog.services.get({ database: "APP_DB", schema: "PUBLIC", name: "WEB" }), undefined);
    assert.equal((await tp.platform.docker.listContainers([...homeFilter(tp.config.home), "com.pulumi-spcs.service=APP_DB.PUBLIC.WEB"])).length, 0);
    const missing = await sqlError("describe service web");
    assert.deepEqual([missing.code, missing.message], ["002003", "SQL compilation error:\nService 'APP_DB.PUBLIC.WEB' does not exist or not authorized."]);
    assert.equal(await status("drop service if exists web"), "Drop statement executed successfully (WEB already dropped).");
    await sql("drop compute pool web_pool");
  });

  it("EXECUTE JOB SERVICE returns once DONE; its logs hold each replica's index; ASYNC returns at once; history and SHOW JOB SERVICES list them", async function () {
    await sql("CREATE COMPUTE POOL job_pool MIN_NODES = 1 MAX_NODES = 2 INSTANCE_FAMILY = CPU_X64_XS");
    const spec = JSON.stringify({ spec: { containers: [{ name: "main", image: APP_IMAGE, command: ["sh", "-c"], args: ['echo "replica $SNOWFLAKE_JOB_INDEX of $SNOWFLAKE_JOBS_COUNT"'] }] } });
    const done = await sql(`EXECUTE JOB SERVICE\nIN COMPUTE POOL job_pool\nFROM SPECIFICATION $$\n${spec}\n$$\nNAME = sql_job\nREPLICAS = 2`);
    assert.deepEqual([done.columns[0].name, done.rows[0][0]], ["status", "Job SQL_JOB completed successfully with status: DONE."]);
    for (const i of [0, 1]) {
      const logs = await sql(`call SYSTEM$GET_SERVICE_LOGS('sql_job', '${i}', 'main', 500, False, '', False);`);
      assert.equal(String(logs.rows[0][0]).trim(), `replica ${i} of 2`);
    }
    assert.equal(await status(`EXECUTE JOB SERVICE IN COMPUTE POOL job_pool FROM SPECIFICATION '${spec.replace(/\\/g, "\\\\").replace(/'/g, "''")}' NAME = async_job ASYNC = TRUE`), "Statement executed successfully.");
    const jobs = dicts(await sql("show job services in schema"));
    assert.deepEqual(jobs.map((j) => j.name), ["ASYNC_JOB", "SQL_JOB"]);
    assert.equal(jobs[1].status, "DONE");
    assert.equal(jobs[0].is_async_job, true);
    assert.ok(!("is_job" in jobs[0]), "SHOW JOB SERVICES has no is_job column");
    const history = await sql("SELECT * FROM TABLE(SNOWFLAKE.SPCS.GET_JOB_HISTORY(RESULT_LIMIT => 10))");
    assert.equal(history.columns[0].name, "QUERY_ID");
    const byName = Object.fromEntries(dicts(history).map((h) => [h.NAME, h.STATUS]));
    assert.equal(byName.SQL_JOB, "DONE");
    const failing = JSON.stringify({ spec: { containers: [{ name: "main", image: APP_IMAGE, command: ["sh", "-c"], args: ["echo before failing; exit 3"] }] } });
    const failed = await sqlError(`EXECUTE JOB SERVICE IN COMPUTE POOL job_pool FROM SPECIFICATION $$${failing}$$ NAME = bad_job`);
    assert.equal(failed.code, "100000");
    assert.match(failed.message, /Job APP_DB\.PUBLIC\.BAD_JOB failed with status: FAILED\. Instance 0, container main exited with exit code 3\.[\s\S]*before failing/);
  });

  it("errors give Snowflake's codes: bad spec at its line, templates, stages, quoted names", async function () {
    const spec = await sqlError("CREATE SERVICE s1 IN COMPUTE POOL nopool FROM SPECIFICATION $$\nspec:\n  containers:\n  - name: main\n    imag: /a/b/c/d:1\n$$");
    assert.equal(spec.code, "001008");
    assert.match(spec.message, /SPECIFICATION:5:5: error spec\/unknown-key: unknown field 'imag'/);
    const template = await sqlError("CREATE SERVICE s1 IN COMPUTE POOL nopool FROM SPECIFICATION_TEMPLATE $$spec: {containers: [{name: main, image: {{ img }}}]}$$ USING (other => 'x')");
    assert.deepEqual([template.code, template.sqlState], ["395069", "23001"]);
    const stage = await sqlError("CREATE SERVICE s1 IN COMPUTE POOL nopool FROM @svc_stage SPECIFICATION_FILE = 'spec.yaml'");
    assert.deepEqual([stage.code, stage.sqlState, stage.message], ["002003", "02000", "SQL compilation error:\nSpecified file 'spec.yaml' does not exist in stage @svc_stage (@APP_DB.PUBLIC.SVC_STAGE)."]);
    const pool = await sqlError(`CREATE SERVICE s1 IN COMPUTE POOL nopool FROM SPECIFICATION $$${WEB_SPEC}$$`);
    assert.deepEqual([pool.code, pool.message], ["002003", "SQL compilation error:\nCompute pool 'NOPOOL' does not exist or not authorized."]);
    const quoted = await sqlError('CREATE COMPUTE POOL "lower_pool" MIN_NODES = 1 MAX_NODES = 1 INSTANCE_FAMILY = CPU_X64_XS');
    assert.deepEqual([quoted.code, quoted.message], ["000904", "Invalid compute pool name: 'lower_pool'. Name must be uppercase."]);
    const noSchema = await sqlError("describe service web", { user: "U", role: "R", database: "APP_DB" });
    assert.equal(noSchema.code, "090106");
    assert.equal(await executeSpcsStatement("select 1", SESSION), undefined);
  });

  it("custom runtime environments: an image not in its repository is refused and nothing is created; SHOW and DROP IF EXISTS", async function () {
    const refused = await sqlError("CREATE CUSTOM RUNTIME ENVIRONMENT my_cre IMAGE_PATH = '/app_db/public/images/nothere:1' BASE_IMAGE_TYPE = CPU");
    assert.equal(refused.code, "100000");
    assert.match(refused.message, /Custom runtime environment 'MY_CRE' was not created: image '\/app_db\/public\/images\/nothere:1' failed 1 of 1 validation checks[\s\S]*image_exists/);
    const shown = await sql("show custom runtime environments like 'MY%'");
    assert.deepEqual([shown.columns.length, shown.rows.length], [10, 0]);
    assert.equal(await status("drop custom runtime environment if exists my_cre"), "Drop statement executed successfully (MY_CRE already dropped).");
    const missing = await sqlError("describe custom runtime environment my_cre");
    assert.deepEqual([missing.code, missing.message], ["002003", "SQL compilation error:\nCustom runtime environment 'MY_CRE' does not exist or not authorized."]);
  });
});
