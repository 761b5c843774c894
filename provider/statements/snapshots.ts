/**
 * The snapshot statements: CREATE SNAPSHOT … FROM SERVICE … VOLUME … INSTANCE, DESCRIBE SNAPSHOT,
 * SHOW SNAPSHOTS, DROP SNAPSHOT, and ALTER SERVICE … RESTORE VOLUME … FROM SNAPSHOT.
 */
export { createSnapshot, describeSnapshot, dropSnapshot, listSnapshots, type SnapshotDefinition } from "../objects/snapshots/snapshots";
export { restoreVolume } from "../objects/services/restore-volume";
export type { SnapshotRow } from "../catalog/snapshot-store";
export { qualifiedSnapshot, resolveSnapshotName, type SnapshotKey } from "../model/snapshot-naming";
