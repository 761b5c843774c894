import { SpcsError, alreadyExists, doesNotExist } from "../../common/errors";
import { managedLabels } from "../../common/labels";
import { nowIso } from "../../common/time";
import type { ServiceKey } from "../../catalog/service-store";
import type { SnapshotRow } from "../../catalog/snapshot-store";
import { OWNER_ROLE, type Platform } from "../../platform/platform";
import { blockVolumes } from "../../model/block-volumes";
import type { RuntimeVolume } from "../../model/runtime-spec";
import { qualified, volumeName } from "../../model/service-naming";
import { backupSnapshotName, qualifiedSnapshot, resolveSnapshotName, snapshotVolumeName, type SnapshotKey } from "../../model/snapshot-naming";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";
import { copyVolume } from "./volume-copy";

/**
 * Block volume snapshots (CREATE / DESCRIBE / SHOW / DROP SNAPSHOT, SPCS §1.9): a snapshot is a copy of
 * one instance's block volume, kept in a Docker volume of its own after the service is gone, recorded in
 * the catalog. A snapshot is taken of the running volume (crash-consistent, as a cloud disk snapshot is).
 */
export interface SnapshotDefinition {
  key: SnapshotKey;
  service: ServiceKey;
  /** Case-sensitive, as the spec writes it (SPCS: `VOLUME "<name>"`). */
  volume: string;
  instance: number;
  comment: string | null;
  orReplace?: boolean;
  ifNotExists?: boolean;
}

/** CREATE [OR REPLACE] SNAPSHOT [IF NOT EXISTS] s FROM SERVICE svc VOLUME "v" INSTANCE i. False when IF NOT EXISTS found one. */
export async function createSnapshot(platform: Platform, def: SnapshotDefinition): Promise<boolean> {
  const svc = platform.catalog.services.get(def.service);
  if (!svc) throw doesNotExist("Service", qualified(def.service));
  const volume = requireBlockVolume(platform, def.service, def.volume);
  const instances = platform.catalog.services.instances(def.service).map((i) => i.instanceId);
  if (!instances.includes(def.instance)) {
    throw new SpcsError("invalid-instance", `Service ${qualified(def.service)} has no instance ${def.instance}; its instances are ${instances.join(", ") || "none"}.`, `use INSTANCE 0 to ${Math.max(0, svc.maxInstances - 1)}`);
  }
  const existing = platform.catalog.snapshots.get(def.key.database, def.key.schema, def.key.name);
  if (existing && def.ifNotExists) return false;
  if (existing && !def.orReplace) throw alreadyExists(def.key.name, "choose another name, use CREATE OR REPLACE SNAPSHOT, or drop the snapshot first");
  if (existing) await dropSnapshot(platform, def.key);
  await takeSnapshot(platform, def.key, def.service, volume, def.instance, { comment: def.comment, deleteAfter: null });
  return true;
}

/** DROP SNAPSHOT [IF EXISTS]: the row, then its contents. False when IF EXISTS found nothing. */
export async function dropSnapshot(platform: Platform, key: SnapshotKey, opts: { ifExists?: boolean } = {}): Promise<boolean> {
  const row = platform.catalog.snapshots.get(key.database, key.schema, key.name);
  if (!row) {
    if (opts.ifExists) return false;
    throw doesNotExist("Snapshot", qualifiedSnapshot(key));
  }
  platform.catalog.write(() => platform.catalog.snapshots.delete(key.database, key.schema, key.name));
  await platform.docker.removeVolume(snapshotVolumeName(platform.config.home, key));
  return true;
}

/** DESCRIBE SNAPSHOT. */
export function describeSnapshot(platform: Platform, key: SnapshotKey): SnapshotRow {
  const row = platform.catalog.snapshots.get(key.database, key.schema, key.name);
  if (!row) throw doesNotExist("Snapshot", qualifiedSnapshot(key));
  return row;
}

/** SHOW SNAPSHOTS: every snapshot, by database, schema and name (front ends filter). */
export function listSnapshots(platform: Platform): SnapshotRow[] {
  return platform.catalog.snapshots.list();
}

/**
 * Replaces a block volume's contents with a snapshot's: `fromSnapshot` for a new instance's volume, and
 * RESTORE VOLUME. The snapshot must be CREATED (SPCS refuses others).
 */
export async function fillFromSnapshot(platform: Platform, snapshot: SnapshotKey, target: string): Promise<void> {
  const row = platform.catalog.snapshots.get(snapshot.database, snapshot.schema, snapshot.name);
  if (!row) throw doesNotExist("Snapshot", qualifiedSnapshot(snapshot));
  if (row.state !== "CREATED") throw new SpcsError("snapshot-not-created", `Snapshot ${qualifiedSnapshot(snapshot)} is ${row.state}; only a CREATED snapshot can fill a volume.`, "wait until DESCRIBE SNAPSHOT shows CREATED, or take the snapshot again");
  const contents = snapshotVolumeName(platform.config.home, snapshot);
  if (!(await platform.docker.volumeExists(contents))) {
    throw new SpcsError("snapshot-not-created", `Snapshot ${qualifiedSnapshot(snapshot)} has lost its contents (Docker volume ${contents} is gone).`, "drop the snapshot and take it again");
  }
  await copyVolume(platform, contents, target, managedLabels(platform.config.home, "service-volume", target));
}

/**
 * CREATE SERVICE fails at once when a block volume's fromSnapshot names a snapshot that is missing, not
 * CREATED, or of another encryption (block-storage-volume), before anything is made, even for instances
 * that wait for capacity.
 */
export function requireInitialSnapshots(platform: Platform, service: ServiceKey, volumes: readonly RuntimeVolume[]): void {
  for (const v of blockVolumesOf(volumes)) {
    if (!v.fromSnapshot) continue;
    const k = resolveSnapshotName(v.fromSnapshot, service);
    const row = platform.catalog.snapshots.get(k.database, k.schema, k.name);
    if (!row) throw doesNotExist("Snapshot", qualifiedSnapshot(k), `take it first (CREATE SNAPSHOT ${k.name} FROM SERVICE … VOLUME "…" INSTANCE 0), or fix volume '${v.name}' blockConfig.initialContents.fromSnapshot`);
    if (row.state !== "CREATED") throw new SpcsError("snapshot-not-created", `Snapshot ${qualifiedSnapshot(k)} is ${row.state}; volume '${v.name}' can start only from a CREATED snapshot.`, "wait until DESCRIBE SNAPSHOT shows CREATED, or take the snapshot again");
    const encryption = v.encryption ?? "SNOWFLAKE_SSE";
    if (row.encryption !== encryption) throw new SpcsError("snapshot-encryption-mismatch", `Snapshot ${qualifiedSnapshot(k)} is encrypted ${row.encryption}, and volume '${v.name}' ${encryption}; a volume starts only from a snapshot of its own encryption.`, `set volume '${v.name}' blockConfig.encryption to ${row.encryption}, or use a snapshot taken of a ${encryption} volume`);
  }
}

const blockVolumesOf = (volumes: readonly RuntimeVolume[]) => volumes.filter((v) => v.source === "block");

/**
 * snapshotOnDelete (BCR 2026_01): before a block volume is deleted (DROP SERVICE … FORCE, RESTORE VOLUME),
 * SPCS snapshots it as SYS_BACKUP_ON_DELETE…, kept for snapshotDeleteAfter (default 7 days). Expired
 * backups are dropped here too, since this is when backups are written.
 */
export async function backupBeforeDelete(platform: Platform, service: ServiceKey, volume: RuntimeVolume, instance: number): Promise<SnapshotKey | undefined> {
  await dropExpiredBackups(platform);
  if (!volume.snapshotOnDelete) return undefined;
  if (!(await platform.docker.volumeExists(volumeName(platform.config.home, service, instance, volume.name)))) return undefined;
  const now = new Date();
  const key = { database: service.database, schema: service.schema, name: backupSnapshotName(service.name, volume.name, instance, now) };
  const deleteAfter = new Date(now.getTime() + (volume.snapshotDeleteAfterHours ?? 168) * 3_600_000).toISOString();
  await takeSnapshot(platform, key, service, volume, instance, { comment: null, deleteAfter });
  return key;
}

async function dropExpiredBackups(platform: Platform): Promise<void> {
  const now = nowIso();
  for (const s of platform.catalog.snapshots.list()) {
    if (s.deleteAfter && s.deleteAfter <= now) await dropSnapshot(platform, { database: s.databaseName, schema: s.schemaName, name: s.name }, { ifExists: true });
  }
}

/** The block volume of that (case-sensitive) name, or an error listing the service's block volumes. */
export function requireBlockVolume(platform: Platform, service: ServiceKey, name: string): RuntimeVolume {
  const svc = platform.catalog.services.get(service);
  if (!svc) throw doesNotExist("Service", qualified(service));
  const blocks = blockVolumes(readRuntimeSpec(svc));
  const volume = blocks.find((v) => v.name === name);
  if (!volume) {
    const names = blocks.map((v) => `"${v.name}"`).join(", ");
    throw new SpcsError("not-a-block-volume", `Volume "${name}" is not a block volume of service ${qualified(service)}${names ? `; its block volumes are ${names}` : "; it has no block volumes"}.`, names ? `name one of them (volume names are case-sensitive: double-quote them)` : "snapshots are taken of block volumes only");
  }
  return volume;
}

/** Records the snapshot INITIALIZED, copies the instance's volume, then marks it CREATED (or removes it on failure). */
async function takeSnapshot(platform: Platform, key: SnapshotKey, service: ServiceKey, volume: RuntimeVolume, instance: number, extra: { comment: string | null; deleteAfter: string | null }): Promise<void> {
  const { home } = platform.config;
  platform.catalog.write(() => {
    if (platform.catalog.snapshots.get(key.database, key.schema, key.name)) throw alreadyExists(key.name, "choose another name, or drop the snapshot first");
    platform.catalog.snapshots.insert({
      databaseName: key.database, schemaName: key.schema, name: key.name, state: "INITIALIZED", serviceName: qualified(service),
      volumeName: volume.name, instance, size: Number((volume.size ?? "0").replace(/Gi$/, "")), encryption: volume.encryption ?? "SNOWFLAKE_SSE",
      comment: extra.comment, deleteAfter: extra.deleteAfter, createdOn: nowIso(), owner: OWNER_ROLE,
    });
  });
  const contents = snapshotVolumeName(home, key);
  try {
    await copyVolume(platform, volumeName(home, service, instance, volume.name), contents, managedLabels(home, "snapshot-volume", qualifiedSnapshot(key)));
  } catch (e) {
    platform.catalog.write(() => platform.catalog.snapshots.delete(key.database, key.schema, key.name));
    await platform.docker.removeVolume(contents).catch(() => undefined);
    throw e;
  }
  platform.catalog.write(() => platform.catalog.snapshots.setState(key.database, key.schema, key.name, "CREATED"));
}
