import type { SqlResult } from "../sql-types";
import { dropMessage, schemaObjectName, STATEMENT_OK, type ExecContext } from "./exec-context";
import { Options } from "./options";
import { statusResult, tableResult, type ColumnSpec } from "./result-sets";
import { applyFilters, resolveScope } from "./show-filters";
import { createSnapshot, describeSnapshot, dropSnapshot, listSnapshots, restoreVolume, type ServiceKey, type SnapshotRow } from "./spcs-operations";
import { requirePlain } from "./identifiers";
import type { RestoreVolume, Statement } from "./statement-types";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;

/** DESCRIBE SNAPSHOT's columns in the documented order (desc-snapshot); SHOW puts created_on first, as SHOW commands do. */
const DESCRIBE_SNAPSHOT: ColumnSpec[] = [
  ["name", "text"], ["state", "text"], ["databaseName", "text"], ["schemaName", "text"], ["serviceName", "text"], ["volumeName", "text"],
  ["instance", "fixed"], ["size", "fixed"], ["comment", "text"], ["owner", "text"], ["ownerRoleType", "text"], ["createdOn", "timestamp_ltz"], ["encryption", "text"],
];
const SHOW_SNAPSHOTS: ColumnSpec[] = [DESCRIBE_SNAPSHOT[11], ...DESCRIBE_SNAPSHOT.filter((_, i) => i !== 11)];

const asRow = (s: SnapshotRow) => ({ ...s, ownerRoleType: "ROLE" });

export async function createSnapshotStatement(ctx: ExecContext, st: Of<"create-snapshot">): Promise<SqlResult> {
  const key = schemaObjectName(st.name, ctx.session, "CREATE SNAPSHOT", "snapshot");
  const service = schemaObjectName(st.service, ctx.session, "CREATE SNAPSHOT", "service");
  const o = new Options(st.options, "SNAPSHOT").allowOnly(["COMMENT", "TAG"]);
  const created = await createSnapshot(ctx.platform, { key, service, volume: st.volume, instance: st.instance, comment: o.string("COMMENT") ?? null, orReplace: st.orReplace, ifNotExists: st.ifNotExists });
  return statusResult(created ? `Snapshot ${key.name} successfully created.` : `${key.name} already exists, statement succeeded.`);
}

export async function dropSnapshotStatement(ctx: ExecContext, st: Of<"drop-snapshot">): Promise<SqlResult> {
  const key = schemaObjectName(st.name, ctx.session, "DROP SNAPSHOT", "snapshot");
  return statusResult(dropMessage(key.name, await dropSnapshot(ctx.platform, key, { ifExists: st.ifExists })));
}

export function describeSnapshotStatement(ctx: ExecContext, st: Of<"describe-snapshot">): SqlResult {
  const key = schemaObjectName(st.name, ctx.session, "DESCRIBE SNAPSHOT", "snapshot");
  return tableResult(DESCRIBE_SNAPSHOT, [asRow(describeSnapshot(ctx.platform, key))], "describe");
}

export function showSnapshotsStatement(ctx: ExecContext, st: Of<"show-snapshots">): SqlResult {
  const scope = resolveScope(st.filters.in, ctx.session, "SHOW SNAPSHOTS");
  const rows = listSnapshots(ctx.platform).filter((s) => (!scope.database || s.databaseName === scope.database) && (!scope.schema || s.schemaName === scope.schema));
  return tableResult(SHOW_SNAPSHOTS, applyFilters(rows.map(asRow), st.filters, (r) => r.name), "show");
}

/** ALTER SERVICE … RESTORE VOLUME: the snapshot name is resolved against the service's schema, as fromSnapshot is. */
export async function restoreVolumeStatement(ctx: ExecContext, key: ServiceKey, action: RestoreVolume): Promise<SqlResult> {
  await restoreVolume(ctx.platform, key, action.volume, action.instances, action.snapshot.map((p) => requirePlain(p, "snapshot")).join("."));
  return statusResult(STATEMENT_OK);
}
