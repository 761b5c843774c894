import assert from "node:assert/strict";
import { backupSnapshotName, resolveSnapshotName, snapshotVolumeName } from "../../../provider/model/snapshot-naming";

describe("snapshot names", function () {
  const svc = { database: "APP_DB", schema: "PUBLIC" };

  it("fromSnapshot resolves against the service's database and schema, upper-case", function () {
    assert.deepEqual(resolveSnapshotName("my_snap", svc), { database: "APP_DB", schema: "PUBLIC", name: "MY_SNAP" });
    assert.deepEqual(resolveSnapshotName("other.my_snap", svc), { database: "APP_DB", schema: "OTHER", name: "MY_SNAP" });
    assert.deepEqual(resolveSnapshotName("db2.s2.my_snap", svc), { database: "DB2", schema: "S2", name: "MY_SNAP" });
  });

  it("refuses what is not one to three unquoted identifiers, with the fix", function () {
    assert.throws(() => resolveSnapshotName("a.b.c.d", svc), /Snapshot name 'a\.b\.c\.d': a part follows the third \(at most DATABASE\.SCHEMA\.NAME\)\.\n {2}fix: write the snapshot as NAME, SCHEMA\.NAME or DATABASE\.SCHEMA\.NAME/);
    assert.throws(() => resolveSnapshotName("db..snap", svc), /Snapshot name 'db\.\.snap': a part must be a non-empty string\./);
    assert.throws(() => resolveSnapshotName("snap; rm -rf /", svc), /Snapshot name 'snap; rm -rf \/': a part 'snap; rm -rf \/' is not an unquoted identifier: start with a letter/);
  });

  it("a backup is SYS_BACKUP_ON_DELETE_<service>_<volume>_<instance>_<timestamp>, an unquoted identifier", function () {
    assert.equal(backupSnapshotName("NOTES", "pg-data", 2, new Date("2026-12-02T04:05:06.789Z")), "SYS_BACKUP_ON_DELETE_NOTES_PG_DATA_2_20261202040506");
  });

  it("a snapshot's contents live in a Docker volume named by hash: any name gives a valid, per-home volume name", function () {
    const a = snapshotVolumeName("/home/a", { database: "DB", schema: "S", name: "SNAP" });
    assert.match(a, /^spcs-[0-9a-f]{8}-snapshot-[0-9a-f]{20}$/);
    assert.notEqual(a, snapshotVolumeName("/home/b", { database: "DB", schema: "S", name: "SNAP" }));
    assert.notEqual(a, snapshotVolumeName("/home/a", { database: "DB", schema: "S", name: "SNAP2" }));
  });
});
