import assert from "node:assert/strict";
import { dropService } from "../../../provider/statements/services";
import { spcsStatementExecutor } from "../../../provider/sql/statements";
import { SqlError, type SqlResult, type SqlSession } from "../../../provider/sql/sql-types";
import { APP_IMAGE, seedAppImage } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const SESSION: SqlSession = { user: "TESTER", role: "ACCOUNTADMIN", database: "app_db", schema: "PUBLIC" };
const dicts = (r: SqlResult) => r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]])));

/** A server other services would call: no public endpoint, so AUTO_SUSPEND_SECS applies. */
const SPEC = JSON.stringify({
  spec: {
    containers: [{ name: "main", image: APP_IMAGE, command: ["sh", "-c"], args: ["mkdir -p /www && echo up > /www/up && exec httpd -f -p 8080 -h /www"], readinessProbe: { port: 8080, path: "/up" } }],
    endpoints: [{ name: "api", port: 8080 }],
  },
});

/**
 * AUTO_SUSPEND_SECS and STOP ALL as SQL scripts use them (the executor the SQL endpoint runs, on the test's
 * own platform, whose agent does the suspending): a service and its pool created with AUTO_SUSPEND_SECS
 * suspend when idle and SHOW says so; SET / UNSET change it; a negative value is refused; STOP ALL empties
 * the pool.
 */
describe("integration: AUTO_SUSPEND_SECS and STOP ALL through SQL", function () {
  let tp: TestPlatform;
  const exec = spcsStatementExecutor(() => tp.platform);
  const sql = async (text: string) => {
    const r = await exec(text, SESSION);
    assert.ok(r, `not answered as SPCS SQL: ${text}`);
    return r;
  };
  const show = async (text: string) => dicts(await sql(text));
  const until = async (what: string, read: () => Promise<unknown>, want: unknown, seconds: number) => {
    const end = Date.now() + seconds * 1000;
    for (let v = await read(); JSON.stringify(v) !== JSON.stringify(want); v = await read()) {
      if (Date.now() > end) assert.fail(`${what}: ${JSON.stringify(v)} after ${seconds} s, expected ${JSON.stringify(want)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  before(async function () {
    tp = await startTestPlatform("it-sql-suspend");
    await seedAppImage(tp);
  });
  after(async function () {
    for (const s of tp?.platform.catalog.services.list() ?? []) await dropService(tp.platform, { database: s.databaseName, schema: s.schemaName, name: s.name }, { ifExists: true });
    await tp?.dispose();
  });

  it("a service and a pool with AUTO_SUSPEND_SECS suspend when idle; SET and UNSET change it; STOP ALL empties the pool", async function () {
    await sql("CREATE COMPUTE POOL idle_pool MIN_NODES = 1 MAX_NODES = 1 INSTANCE_FAMILY = CPU_X64_XS AUTO_SUSPEND_SECS = 2");
    await sql(`CREATE SERVICE napper IN COMPUTE POOL idle_pool FROM SPECIFICATION $$${SPEC}$$ AUTO_SUSPEND_SECS = 2`);
    const [created] = await show("show services like 'NAPPER'");
    assert.equal(created.auto_suspend_secs, 2);
    assert.equal((await sql("SELECT SYSTEM$WAIT_FOR_SERVICES(120, 'napper')")).rows[0][0], "OK");
    await until("NAPPER", async () => (await show("show services like 'NAPPER'"))[0].status, "SUSPENDED", 30);
    await until("IDLE_POOL", async () => { const [p] = await show("show compute pools like 'IDLE_POOL'"); return [p.state, p.num_services, p.num_jobs]; }, ["SUSPENDED", 0, 0], 30);
    const [pool] = await show("describe compute pool idle_pool");
    assert.deepEqual([pool.active_nodes, pool.target_nodes, pool.status_message], [0, 0, "Compute pool is suspended."]);

    // RESUME brings the service back and, with AUTO_RESUME, its pool: ACTIVE, one service counted.
    await sql("ALTER SERVICE napper SET AUTO_SUSPEND_SECS = 0");
    await sql("ALTER SERVICE napper RESUME");
    assert.equal((await sql("call napper!spcs_wait_for('RUNNING', 120)")).rows[0][0], "RUNNING");
    const [back] = await show("show compute pools like 'IDLE_POOL'");
    assert.deepEqual([back.state, back.num_services, back.num_jobs], ["ACTIVE", 1, 0]);
    assert.equal((await show("show services like 'NAPPER'"))[0].auto_suspend_secs, 0);
    await sql("ALTER SERVICE napper SET AUTO_SUSPEND_SECS = 600");
    assert.equal((await show("describe service napper"))[0].auto_suspend_secs, 600);
    await sql("ALTER SERVICE napper UNSET AUTO_SUSPEND_SECS");
    assert.equal((await show("describe service napper"))[0].auto_suspend_secs, 0);
    const bad = await exec("ALTER SERVICE napper SET AUTO_SUSPEND_SECS = -5", SESSION).then(() => undefined, (e: unknown) => e);
    assert.ok(bad instanceof SqlError && /AUTO_SUSPEND_SECS/.test(bad.message), String(bad));

    assert.equal((await sql("ALTER COMPUTE POOL idle_pool STOP ALL")).rows[0][0], "Statement executed successfully.");
    assert.deepEqual(await show("show services in compute pool idle_pool"), []);
    const [stopped] = await show("show compute pools like 'IDLE_POOL'");
    assert.deepEqual([stopped.state, stopped.num_services], ["IDLE", 0]);
    await sql("DROP COMPUTE POOL idle_pool");
  });
});
