import { createHash } from "node:crypto";
import { SpcsError } from "../common/errors";
import { identifierProblem } from "../common/identifiers";

/** A snapshot's name in its schema. */
export interface SnapshotKey {
  database: string;
  schema: string;
  name: string;
}

export const qualifiedSnapshot = (k: SnapshotKey) => `${k.database}.${k.schema}.${k.name}`;

/**
 * The Docker volume holding a snapshot's contents: `spcs-<home>-snapshot-<hash>`. Hashed, so any snapshot
 * name gives a valid volume name, and one home's snapshots never meet another's.
 */
export function snapshotVolumeName(home: string, k: SnapshotKey): string {
  const h = (text: string, n: number) => createHash("sha256").update(text).digest("hex").slice(0, n);
  return `spcs-${h(home, 8)}-snapshot-${h(qualifiedSnapshot(k), 20)}`;
}

/**
 * `blockConfig.initialContents.fromSnapshot`: `NAME`, `SCHEMA.NAME` or `DB.SCHEMA.NAME`, resolved against
 * the service's database and schema (block-storage-volume). Unquoted identifiers, compared upper-case.
 */
export function resolveSnapshotName(text: string, service: { database: string; schema: string }): SnapshotKey {
  const parts = text.split(".");
  const bad = parts.length > 3 ? "follows the third (at most DATABASE.SCHEMA.NAME)" : parts.map(identifierProblem).find((p) => p);
  if (bad) throw new SpcsError("invalid-identifier", `Snapshot name '${text}': a part ${bad}.`, "write the snapshot as NAME, SCHEMA.NAME or DATABASE.SCHEMA.NAME with unquoted identifiers");
  const [name, schema, database] = parts.map((p) => p.toUpperCase()).reverse();
  return { database: database ?? service.database, schema: schema ?? service.schema, name };
}

/** `SYS_BACKUP_ON_DELETE_<service>_<volume>_<instance>_<yyyymmddhhmmss>`: SPCS's form for automatic backups. */
export function backupSnapshotName(service: string, volume: string, instance: number, at: Date): string {
  const stamp = at.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const part = (s: string) => s.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
  return `SYS_BACKUP_ON_DELETE_${part(service)}_${part(volume)}_${instance}_${stamp}`;
}
