import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { Catalog } from "../../provider/catalog/catalog";
import type { ServiceRow, StoredRuntimeSpec } from "../../provider/catalog/service-store";
import type { RuntimeSpec } from "../../provider/model/runtime-spec";
import { readRuntimeSpec, writeRuntimeSpec } from "../../provider/model/stored-runtime-spec";

const SPEC: RuntimeSpec = {
  containers: [{ name: "main", image: "/db/s/repo/app:1", env: {}, resources: {}, volumeMounts: [], mountSessionToken: true, sessionTokenPath: "/snowflake/session/token" }],
  endpoints: [{ name: "http", port: 8000, public: false, protocol: "HTTP" }],
  volumes: [],
};

function serviceRow(name: string, spec: StoredRuntimeSpec): ServiceRow {
  const now = new Date().toISOString();
  return {
    databaseName: "DB", schemaName: "S", name, computePool: "POOL", status: "RUNNING", spec, specDigest: "d", dnsName: `${name.toLowerCase()}.s.db.snowflakecomputing.internal`,
    minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, autoSuspendSecs: 0, externalAccessIntegrations: null, queryWarehouse: null, comment: null,
    images: {}, isJob: false, isAsyncJob: false, isUpgrading: false, createdOn: now, updatedOn: now, resumedOn: now, suspendedOn: null, owner: "ACCOUNTADMIN",
  };
}

/** A real catalog file: a row written by a release before the spec format had a version still reads. */
describe("integration: the catalog's stored runtime spec", function () {
  let home: string;
  let catalog: Catalog;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-stored-spec-"));
    catalog = Catalog.open(path.join(home, "catalog.db"));
  });
  afterEach(() => {
    catalog.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it("reads a services row written the old way (unversioned JSON in the spec column) as its spec", function () {
    // What releases before the format version wrote: JSON.stringify of the spec, straight into the column.
    const Database: typeof BetterSqlite3 = require("better-sqlite3");
    const raw = new Database(path.join(home, "catalog.db"));
    const old = serviceRow("OLD", JSON.stringify(SPEC) as StoredRuntimeSpec);
    raw.prepare(`INSERT INTO services (database_name, schema_name, name, compute_pool, status, spec, spec_digest, dns_name, min_instances, max_instances, min_ready_instances, auto_resume, auto_suspend_secs, images, is_job, is_async_job, is_upgrading, created_on, updated_on, owner)
      VALUES ('DB', 'S', 'OLD', 'POOL', 'RUNNING', ?, 'd', ?, 1, 1, 1, 1, 0, '{}', 0, 0, 0, ?, ?, 'ACCOUNTADMIN')`).run(old.spec, old.dnsName, old.createdOn, old.updatedOn);
    raw.close();
    const row = catalog.services.get({ database: "DB", schema: "S", name: "OLD" })!;
    assert.equal(row.spec, JSON.stringify(SPEC));
    assert.deepEqual(readRuntimeSpec(row), SPEC);
  });

  it("stores a new row with its format version, and reads it back through the store", function () {
    catalog.write(() => catalog.services.insert(serviceRow("NEW", writeRuntimeSpec(SPEC))));
    const row = catalog.services.get({ database: "DB", schema: "S", name: "NEW" })!;
    assert.match(row.spec, /^\{"v":1,/);
    assert.deepEqual(readRuntimeSpec(row), SPEC);
    assert.deepEqual(catalog.services.list().map(readRuntimeSpec), [SPEC]);
  });
});
