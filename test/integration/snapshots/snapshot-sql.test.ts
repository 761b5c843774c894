import assert from "node:assert/strict";
import { spcsStatementExecutor } from "../../../provider/sql/statements";
import { SqlError, type SqlResult, type SqlSession } from "../../../provider/sql/sql-types";
import { dropService } from "../../../provider/statements/services";
import { dropSnapshot, listSnapshots } from "../../../provider/statements/snapshots";
import { APP_IMAGE, seedAppImage } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const SESSION: SqlSession = { user: "TESTER", role: "ACCOUNTADMIN", database: "app_db", schema: "PUBLIC" };
const dicts = (r: SqlResult) => r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]])));

/** A block volume served over HTTP; the first start writes note.txt. */
const SPEC = `spec:
  containers:
  - name: main
    image: ${APP_IMAGE}
    command: [sh, -c]
    args: ["[ -f /data/note.txt ] || echo from-sql > /data/note.txt; exec httpd -f -p 8080 -h /data"]
    volumeMounts: [{ name: data, mountPath: /data }]
    readinessProbe: { port: 8080, path: /note.txt }
  endpoints: [{ name: web, port: 8080, public: true }]
  volumes:
  - name: data
    source: block
    size: 5Gi
`;

describe("integration: block volume statements through SQL", function () {
  let tp: TestPlatform;
  const run = spcsStatementExecutor(() => tp.platform);
  const sql = async (text: string) => {
    const r = await run(text, SESSION);
    assert.ok(r, `not answered as SPCS SQL: ${text}`);
    return r;
  };
  const status = async (text: string) => (await sql(text)).rows[0][0];
  const sqlError = async (text: string): Promise<SqlError> => {
    try {
      await run(text, SESSION);
    } catch (e) {
      assert.ok(e instanceof SqlError, `expected an SqlError, got ${String(e)}`);
      return e;
    }
    assert.fail(`no error for: ${text}`);
  };

  before(async function () {
    tp = await startTestPlatform("it-snapshot-sql");
    await seedAppImage(tp);
    await sql("CREATE COMPUTE POOL SQL_SNAP_POOL MIN_NODES = 1 MAX_NODES = 1 INSTANCE_FAMILY = CPU_X64_XS");
  });
  after(async function () {
    for (const s of tp?.platform.catalog.services.list() ?? []) await dropService(tp.platform, { database: s.databaseName, schema: s.schemaName, name: s.name }, { ifExists: true, force: true, backup: false });
    for (const s of tp ? listSnapshots(tp.platform) : []) await dropSnapshot(tp.platform, { database: s.databaseName, schema: s.schemaName, name: s.name });
    await tp?.dispose();
  });

  it("refuses MIN_INSTANCES other than MAX_INSTANCES with block volumes, at the volume's line and column", async function () {
    const e = await sqlError(`CREATE SERVICE notes IN COMPUTE POOL SQL_SNAP_POOL FROM SPECIFICATION $$${SPEC}$$ MIN_INSTANCES = 1 MAX_INSTANCES = 2`);
    assert.match(e.message, /SPECIFICATION:12:13: error spec\/block-instances: volume 'data' is a block volume, and a service with block volumes must have MIN_INSTANCES equal to MAX_INSTANCES \(they are 1 and 2\) \(set maxInstances to 1/);
  });

  it("CREATE / SHOW / DESCRIBE SNAPSHOT, DROP SERVICE needing FORCE, RESTORE VOLUME, DROP SNAPSHOT", async function () {
    assert.equal(await status(`CREATE SERVICE notes IN COMPUTE POOL SQL_SNAP_POOL FROM SPECIFICATION $$${SPEC}$$`), "Service NOTES successfully created.");
    assert.equal(await status(`CREATE SNAPSHOT notes_snap FROM SERVICE notes VOLUME "data" INSTANCE 0 COMMENT = 'first'`), "Snapshot NOTES_SNAP successfully created.");
    assert.equal(await status(`CREATE SNAPSHOT IF NOT EXISTS notes_snap FROM SERVICE notes VOLUME "data" INSTANCE 0`), "NOTES_SNAP already exists, statement succeeded.");
    const show = await sql("SHOW SNAPSHOTS LIKE 'NOTES%' IN SCHEMA app_db.public");
    assert.deepEqual(show.columns.map((c) => c.name), ["created_on", "name", "state", "database_name", "schema_name", "service_name", "volume_name", "instance", "size", "comment", "owner", "owner_role_type", "encryption"]);
    const [row] = dicts(show);
    assert.deepEqual([row.name, row.state, row.service_name, row.volume_name, row.instance, row.size, row.comment], ["NOTES_SNAP", "CREATED", "APP_DB.PUBLIC.NOTES", "data", 0, 5, "first"]);
    assert.equal(dicts(await sql("DESCRIBE SNAPSHOT notes_snap"))[0].state, "CREATED");
    const unknownVolume = await sqlError(`CREATE SNAPSHOT s2 FROM SERVICE notes VOLUME data INSTANCE 0`);
    assert.match(unknownVolume.message, /Volume "DATA" is not a block volume of service APP_DB.PUBLIC.NOTES; its block volumes are "data"/);

    const noForce = await sqlError("DROP SERVICE notes");
    assert.match(noForce.message, /has block volumes \("data"\); DROP SERVICE without FORCE does not delete them/);
    const running = await sqlError(`ALTER SERVICE notes RESTORE VOLUME "data" INSTANCES 0 FROM SNAPSHOT notes_snap`);
    assert.match(running.message, /RESTORE VOLUME needs a suspended service/);
    assert.equal(await status("ALTER SERVICE notes SUSPEND"), "Statement executed successfully.");
    assert.equal(await status(`ALTER SERVICE notes RESTORE VOLUME "data" INSTANCES 0 FROM SNAPSHOT notes_snap`), "Statement executed successfully.");
    const svc = dicts(await sql("DESCRIBE SERVICE notes"))[0];
    assert.notEqual(svc.status, "SUSPENDED", "RESTORE VOLUME resumes the service");
    assert.ok(dicts(await sql("SHOW SNAPSHOTS")).some((s) => String(s.name).startsWith("SYS_BACKUP_ON_DELETE_NOTES_DATA_0_")), "the replaced volume was backed up");

    assert.equal(await status("DROP SERVICE notes FORCE"), "NOTES successfully dropped.");
    assert.equal(await status("DROP SNAPSHOT notes_snap"), "NOTES_SNAP successfully dropped.");
    assert.match((await sqlError("DESCRIBE SNAPSHOT notes_snap")).message, /Snapshot 'APP_DB.PUBLIC.NOTES_SNAP' does not exist or not authorized/);
  });
});
