import { SpcsError } from "../common/errors";
import type { ServiceRow, StoredRuntimeSpec } from "../catalog/service-store";
import type { RuntimeSpec } from "./runtime-spec";

/**
 * The runtime spec as the catalog stores it: a persisted schema, so it carries a format version.
 *
 * The `services.spec` column holds JSON. Format 1 is `{"v":1, containers, endpoints, volumes}`: the
 * version is a key beside the spec's own (not a wrapper) so that a previous release reading a row written
 * by this one still finds the spec where it looks. Rows written before the version existed have no `v`
 * and the same shape as format 1: they read as format 0 and are never rewritten in place. A change of
 * RuntimeSpec that old rows cannot satisfy (a new required field, a renamed one) takes a new format
 * number and an upgrade step in `upgrade` below, never a SQL migration: the catalog migrations cover
 * tables, this covers the JSON inside one column.
 *
 * The catalog sits below model/ in the layering, so it knows the column only as a branded string; this
 * file is the one place that turns it into a RuntimeSpec and back.
 */
export const RUNTIME_SPEC_FORMAT = 1;

/** The column value for a spec, in the current format. */
export function writeRuntimeSpec(spec: RuntimeSpec): StoredRuntimeSpec {
  return JSON.stringify({ v: RUNTIME_SPEC_FORMAT, ...spec }) as StoredRuntimeSpec;
}

/** The service's (or job's) runtime spec, from a row written in any format this release knows. */
export function readRuntimeSpec(row: Pick<ServiceRow, "databaseName" | "schemaName" | "name" | "spec">): RuntimeSpec {
  const where = `the catalog's specification of ${row.databaseName}.${row.schemaName}.${row.name}`;
  let doc: unknown;
  try {
    doc = JSON.parse(row.spec);
  } catch (e) {
    throw unreadable(where, `it is not JSON (${(e as Error).message})`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw unreadable(where, "it is not a JSON object");
  const { v = 0, ...body } = doc as { v?: unknown } & Record<string, unknown>;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw unreadable(where, `its format version ${JSON.stringify(v)} is not a whole number`);
  if (v > RUNTIME_SPEC_FORMAT) {
    throw new SpcsError("catalog-spec-format", `${where} is in format ${v}, written by a newer pulumi-spcs; this one reads formats 0 to ${RUNTIME_SPEC_FORMAT}.`, "upgrade pulumi-spcs (npm install pulumi-spcs@latest) to the release that wrote it");
  }
  const spec = upgrade(v, body);
  for (const list of ["containers", "endpoints", "volumes"] as const) if (!Array.isArray(spec[list])) throw unreadable(where, `it has no ${list} list`);
  return spec;
}

/** Brings a spec of an older format to the current one. Formats 0 and 1 differ only by the version key. */
function upgrade(_format: number, body: Record<string, unknown>): RuntimeSpec {
  return body as unknown as RuntimeSpec;
}

function unreadable(where: string, why: string): SpcsError {
  return new SpcsError("catalog-spec-unreadable", `${where} cannot be read: ${why}.`, "the catalog under the platform home was edited by hand or damaged: restore it from a backup, or start from a new platform home (spcs platform down, then up) and deploy again");
}
