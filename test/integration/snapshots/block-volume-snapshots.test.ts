import assert from "node:assert/strict";
import { awaitServiceReady } from "../../../provider/objects/services/await-service-ready";
import type { RuntimeSpec } from "../../../provider/model/runtime-spec";
import { volumeName } from "../../../provider/model/service-naming";
import { snapshotVolumeName } from "../../../provider/model/snapshot-naming";
import { alterService, createService, dropService, type ServiceDefinition } from "../../../provider/statements/services";
import { createSnapshot, describeSnapshot, dropSnapshot, listSnapshots, restoreVolume } from "../../../provider/statements/snapshots";
import { seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

/**
 * A service whose block volume `data` is served over its public endpoint: the first start of a volume
 * writes note.txt = "original"; every start appends to boots.txt. What the volume holds is read the way a
 * user would, through the ingress.
 */
const SCRIPT = `[ -f /data/note.txt ] || echo original > /data/note.txt; echo boot >> /data/boots.txt; exec httpd -f -p 8080 -h /data`;
const spec = (fromSnapshot?: string): RuntimeSpec => ({
  containers: [{ name: "main", image: "/app_db/public/images/busybox:1", command: ["sh", "-c"], args: [SCRIPT], env: {}, resources: {}, volumeMounts: [{ name: "data", mountPath: "/data" }], mountSessionToken: false, sessionTokenPath: "/snowflake/session", readinessProbe: { port: 8080, path: "/note.txt", periodSeconds: 1, failureThreshold: 3 } }],
  endpoints: [{ name: "web", port: 8080, public: true, protocol: "HTTP" }],
  volumes: [{ name: "data", source: "block", size: "10Gi", snapshotOnDelete: true, snapshotDeleteAfterHours: 168, encryption: "SNOWFLAKE_SSE", ...(fromSnapshot && { fromSnapshot }) }],
});

describe("integration: block volume snapshots on the real engine", function () {
  let tp: TestPlatform;
  const key = (name: string) => ({ database: "APP_DB", schema: "PUBLIC", name });
  const def = (name: string, s: RuntimeSpec, over: Partial<ServiceDefinition> = {}): ServiceDefinition => ({
    key: key(name), computePool: "SNAP_POOL", spec: s, specDigest: "d-" + name,
    minInstances: 1, maxInstances: 1, minReadyInstances: 1, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null, ...over,
  });
  const read = async (name: string, file: string) => {
    const d = await awaitServiceReady(tp.platform, key(name), 60);
    const res = await fetch(`http://${d.endpoints[0].ingressUrl}/${file}`);
    return res.ok ? (await res.text()).trim() : `HTTP ${res.status}`;
  };
  /** What the application would do: write into its mounted volume (here from a one-off container on the same volume). */
  const writeNote = async (name: string, text: string) => {
    const r = await tp.platform.docker.runToCompletion({ image: `${tp.config.registry}/app_db/public/images/busybox:1`, labels: {}, entrypoint: [""], cmd: ["sh", "-c", `echo ${text} > /data/note.txt`], mounts: [{ source: volumeName(tp.config.home, key(name), 0, "data"), target: "/data" }], timeoutMs: 30_000 });
    assert.equal(r.exitCode, 0, r.stderr);
  };

  before(async function () {
    tp = await startTestPlatform("it-snapshots");
    seedPool(tp, "SNAP_POOL", 2);
    await seedAppImage(tp);
  });
  after(async function () {
    for (const s of tp?.platform.catalog.services.list() ?? []) await dropService(tp.platform, key(s.name), { ifExists: true, force: true, backup: false });
    for (const s of tp ? listSnapshots(tp.platform) : []) await dropSnapshot(tp.platform, { database: s.databaseName, schema: s.schemaName, name: s.name });
    await tp?.dispose();
  });

  it("snapshots a block volume, restores it after a change, and starts a new service from it", async function () {
    await createService(tp.platform, def("KEEPER", spec()));
    assert.equal(await read("KEEPER", "note.txt"), "original");

    assert.equal(await createSnapshot(tp.platform, { key: key("NOTE_SNAP"), service: key("KEEPER"), volume: "data", instance: 0, comment: "before the change" }), true);
    const snap = describeSnapshot(tp.platform, key("NOTE_SNAP"));
    assert.deepEqual([snap.state, snap.serviceName, snap.volumeName, snap.instance, snap.size, snap.encryption, snap.comment], ["CREATED", "APP_DB.PUBLIC.KEEPER", "data", 0, 10, "SNOWFLAKE_SSE", "before the change"]);
    assert.equal(await tp.platform.docker.volumeExists(snapshotVolumeName(tp.config.home, key("NOTE_SNAP"))), true);

    await writeNote("KEEPER", "changed");
    assert.equal(await read("KEEPER", "note.txt"), "changed");

    // RESTORE VOLUME needs a suspended service, then resumes it with the snapshot's contents.
    await assert.rejects(restoreVolume(tp.platform, key("KEEPER"), "data", [0], "NOTE_SNAP"), /RESTORE VOLUME needs a suspended service/);
    await alterService(tp.platform, key("KEEPER"), { suspended: true, readyTimeoutSeconds: 60 });
    await assert.rejects(restoreVolume(tp.platform, key("KEEPER"), "DATA", [0], "NOTE_SNAP"), /Volume "DATA" is not a block volume of service APP_DB.PUBLIC.KEEPER; its block volumes are "data"/);
    await restoreVolume(tp.platform, key("KEEPER"), "data", [0], "APP_DB.PUBLIC.NOTE_SNAP");
    assert.equal(await read("KEEPER", "note.txt"), "original");
    // snapshotOnDelete: the replaced volume was kept as a SYS_BACKUP_ON_DELETE snapshot holding "changed".
    const backups = listSnapshots(tp.platform).filter((s) => s.name.startsWith("SYS_BACKUP_ON_DELETE_KEEPER_DATA_0_"));
    assert.equal(backups.length, 1);
    assert.equal(backups[0].state, "CREATED");
    assert.ok(backups[0].deleteAfter! > new Date(Date.now() + 167 * 3_600_000).toISOString(), "kept for snapshotDeleteAfter (7 days)");

    // fromSnapshot: a new service's volume starts as the snapshot (note.txt exists, so the script keeps it).
    await writeNote("KEEPER", "changed-again");
    await createService(tp.platform, def("HEIR", spec("NOTE_SNAP")));
    assert.equal(await read("HEIR", "note.txt"), "original");
    assert.equal(await read("HEIR", "boots.txt"), "boot\nboot", "the snapshot's boot line, then the heir's own");

    // The backup restores too: the contents the restore replaced.
    const heirFromBackup = def("HEIR2", spec(backups[0].name));
    await createService(tp.platform, heirFromBackup);
    assert.equal(await read("HEIR2", "note.txt"), "changed");
  });

  it("refuses DROP SERVICE without FORCE for a service with block volumes; FORCE deletes them after a backup", async function () {
    await createService(tp.platform, def("DROPPED", spec()));
    assert.equal(await read("DROPPED", "note.txt"), "original");
    await assert.rejects(dropService(tp.platform, key("DROPPED")), (e: Error) => {
      assert.match(e.message, /^Service APP_DB\.PUBLIC\.DROPPED has block volumes \("data"\); DROP SERVICE without FORCE does not delete them\.\n {2}fix: drop it with FORCE \(DROP SERVICE APP_DB\.PUBLIC\.DROPPED FORCE/);
      return true;
    });
    assert.equal(await read("DROPPED", "note.txt"), "original", "still running after the refused drop");
    const volume = volumeName(tp.config.home, key("DROPPED"), 0, "data");
    assert.equal(await tp.platform.docker.volumeExists(volume), true);
    assert.equal(await dropService(tp.platform, key("DROPPED"), { force: true }), true);
    assert.equal(tp.platform.catalog.services.get(key("DROPPED")), undefined);
    assert.equal(await tp.platform.docker.volumeExists(volume), false, "FORCE deletes the block volume");
    const backup = listSnapshots(tp.platform).find((s) => s.name.startsWith("SYS_BACKUP_ON_DELETE_DROPPED_DATA_0_"));
    assert.equal(backup?.state, "CREATED");
    // The backup outlives the service: a new service starts from it.
    await createService(tp.platform, def("REVIVED", spec(backup!.name)));
    assert.equal(await read("REVIVED", "boots.txt"), "boot\nboot");
  });

  it("refuses MIN_INSTANCES other than MAX_INSTANCES, snapshots of unknown volumes and instances, and a missing fromSnapshot", async function () {
    for (const name of ["HEIR", "HEIR2", "REVIVED"]) await dropService(tp.platform, key(name), { force: true, backup: false });
    await assert.rejects(createService(tp.platform, def("SCALING", spec(), { minInstances: 1, maxInstances: 2 })), /has block volumes, and a service with block volumes must have MIN_INSTANCES equal to MAX_INSTANCES \(they are 1 and 2\)/);
    assert.equal(tp.platform.catalog.services.get(key("SCALING")), undefined);
    await assert.rejects(createSnapshot(tp.platform, { key: key("BAD"), service: key("KEEPER"), volume: "data", instance: 3, comment: null }), /Service APP_DB\.PUBLIC\.KEEPER has no instance 3; its instances are 0/);
    await assert.rejects(createSnapshot(tp.platform, { key: key("NOTE_SNAP"), service: key("KEEPER"), volume: "data", instance: 0, comment: null }), /Object 'NOTE_SNAP' already exists/);
    await assert.rejects(createService(tp.platform, def("ORPHAN", spec("NO_SUCH_SNAPSHOT"))), /Snapshot 'APP_DB\.PUBLIC\.NO_SUCH_SNAPSHOT' does not exist or not authorized\.\n {2}fix: take it first \(CREATE SNAPSHOT NO_SUCH_SNAPSHOT FROM SERVICE/);
    assert.equal(tp.platform.catalog.services.get(key("ORPHAN")), undefined, "nothing left behind");
    const full: RuntimeSpec = { ...spec("NOTE_SNAP"), volumes: [{ ...spec("NOTE_SNAP").volumes[0], encryption: "SNOWFLAKE_FULL" }] };
    await assert.rejects(createService(tp.platform, def("FULL", full)), /Snapshot APP_DB\.PUBLIC\.NOTE_SNAP is encrypted SNOWFLAKE_SSE, and volume 'data' SNOWFLAKE_FULL; a volume starts only from a snapshot of its own encryption\.\n {2}fix: set volume 'data' blockConfig\.encryption to SNOWFLAKE_SSE/);
    await assert.rejects(alterService(tp.platform, key("KEEPER"), { minInstances: 2, maxInstances: 2, readyTimeoutSeconds: 60 }), /has block volumes; its MIN_INSTANCES and MAX_INSTANCES \(1\) cannot be changed/);
    const resized: RuntimeSpec = { ...spec(), volumes: [{ ...spec().volumes[0], size: "20Gi" }] };
    await assert.rejects(alterService(tp.platform, key("KEEPER"), { spec: { spec: resized, specDigest: "d-resized" }, readyTimeoutSeconds: 60 }), /changes block volume "data" \(10Gi, SNOWFLAKE_SSE\) to "data" \(20Gi, SNOWFLAKE_SSE\); block volumes cannot be added, removed or resized/);
    assert.equal(await read("KEEPER", "note.txt"), "changed-again", "the refused upgrade changed nothing");
  });

  it("drops a snapshot and its contents", async function () {
    const contents = snapshotVolumeName(tp.config.home, key("NOTE_SNAP"));
    assert.equal(await dropSnapshot(tp.platform, key("NOTE_SNAP")), true);
    assert.equal(describeSnapshotOrUndefined("NOTE_SNAP"), undefined);
    assert.equal(await tp.platform.docker.volumeExists(contents), false);
    assert.equal(await dropSnapshot(tp.platform, key("NOTE_SNAP"), { ifExists: true }), false);
    await assert.rejects(dropSnapshot(tp.platform, key("NOTE_SNAP")), /Snapshot 'APP_DB\.PUBLIC\.NOTE_SNAP' does not exist or not authorized/);
  });

  const describeSnapshotOrUndefined = (name: string) => tp.platform.catalog.snapshots.get("APP_DB", "PUBLIC", name);
});
