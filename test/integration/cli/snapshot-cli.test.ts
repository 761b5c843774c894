import assert from "node:assert/strict";
import { runSpcs } from "../../support/spcs-cli";
import { SHOW_SNAPSHOTS_COLUMNS } from "../../../provider/cli/snapshot-commands";
import { sqlColumnName } from "../../../provider/cli/table";
import { awaitServiceReady } from "../../../provider/objects/services/await-service-ready";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { createService, dropService } from "../../../provider/statements/services";
import { dropSnapshot, listSnapshots } from "../../../provider/statements/snapshots";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { platformEnv, startTestPlatform, type TestPlatform } from "../../support/test-platform";

const KEY = { database: "APP_DB", schema: "PUBLIC", name: "VAULT" };
/** A block volume served over HTTP: the first start writes note.txt. */
const SPEC: RuntimeSpec = {
  containers: [{ name: "main", image: APP_IMAGE, command: ["sh", "-c"], args: ["[ -f /data/note.txt ] || echo from-cli > /data/note.txt; exec httpd -f -p 8080 -h /data"], env: {}, resources: {}, volumeMounts: [{ name: "data", mountPath: "/data" }], mountSessionToken: false, sessionTokenPath: "/snowflake/session", readinessProbe: { port: 8080, path: "/note.txt", periodSeconds: 1, failureThreshold: 3 } }],
  endpoints: [{ name: "web", port: 8080, public: true, protocol: "HTTP" }],
  volumes: [{ name: "data", source: "block", size: "2Gi", snapshotOnDelete: false, encryption: "SNOWFLAKE_SSE" }],
};

describe("integration: spcs snapshot verbs and drop --force against a service with a block volume", function () {
  let tp: TestPlatform;
  let env: NodeJS.ProcessEnv;
  const spcs = (...argv: string[]) => runSpcs(env, ...argv);
  const ok = async (...argv: string[]) => {
    const r = await spcs(...argv);
    assert.equal(r.code, 0, `spcs ${argv.join(" ")} failed: ${r.stderr}`);
    return r;
  };

  before(async function () {
    tp = await startTestPlatform("it-snapshot-cli");
    env = platformEnv(tp.config);
    seedPool(tp, "CLI_SNAP_POOL", 1);
    await seedAppImage(tp);
    await createService(tp.platform, { key: KEY, computePool: "CLI_SNAP_POOL", spec: SPEC, specDigest: "d", minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null });
  });
  after(async function () {
    await dropService(tp.platform, KEY, { ifExists: true, force: true, backup: false });
    for (const s of tp ? listSnapshots(tp.platform) : []) await dropSnapshot(tp.platform, { database: s.databaseName, schema: s.schemaName, name: s.name });
    await tp?.dispose();
  });

  it("create, show (--wide: every column), describe, restore-volume, drop --force, drop snapshot", async function () {
    assert.match((await ok("create", "snapshot", "app_db.public.vault_snap", "--service", "app_db.public.vault", "--volume", "data", "--comment", "cli")).stdout, /Snapshot VAULT_SNAP successfully created\./);
    const wide = (await ok("--wide", "show", "snapshots", "--in-schema", "app_db.public")).stdout.trimEnd().split("\n");
    assert.deepEqual(wide[1].split("|").slice(1, -1).map((h) => h.trim()), SHOW_SNAPSHOTS_COLUMNS.map(sqlColumnName));
    const [row] = JSON.parse((await ok("--format", "json", "show", "snapshots", "--like", "vault%")).stdout);
    assert.deepEqual([row.name, row.state, row.service_name, row.volume_name, row.instance, row.size, row.comment], ["VAULT_SNAP", "CREATED", "APP_DB.PUBLIC.VAULT", "data", 0, 2, "cli"]);
    assert.equal(JSON.parse((await ok("--format", "json", "describe", "snapshot", "app_db.public.vault_snap")).stdout).state, "CREATED");

    const refused = await spcs("drop", "service", "app_db.public.vault");
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /has block volumes \("data"\); DROP SERVICE without FORCE does not delete them\.\n {2}fix: drop it with FORCE \(DROP SERVICE APP_DB\.PUBLIC\.VAULT FORCE, spcs drop service APP_DB\.PUBLIC\.VAULT --force\)/);

    await ok("alter", "service", "app_db.public.vault", "suspend");
    await ok("alter", "service", "app_db.public.vault", "restore-volume", "--volume", "data", "--instances", "0", "--from-snapshot", "vault_snap");
    const d = await awaitServiceReady(tp.platform, KEY, 60);
    assert.equal(await (await fetch(`http://${d.endpoints[0].ingressUrl}/note.txt`)).text(), "from-cli\n");

    assert.match((await ok("drop", "service", "app_db.public.vault", "--force")).stdout, /VAULT successfully dropped\./);
    assert.match((await ok("drop", "snapshot", "app_db.public.vault_snap")).stdout, /VAULT_SNAP successfully dropped\./);
    assert.deepEqual(listSnapshots(tp.platform), [], "snapshotOnDelete: false took no backup");
  });
});
