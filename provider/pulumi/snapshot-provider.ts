import { autoName, identifierProblem, qualifiedName } from "../common/identifiers";
import { isUnknown } from "../common/unknown";
import { withFix } from "../common/fix";
import { currentPlatform } from "../platform/current-platform";
import { RESOURCE_NAME_KEY, plain, randomSuffix, same, type CheckFailure, type ResourceProvider } from "./provider-types";
import { createSnapshot, dropSnapshot, type SnapshotKey, type SnapshotRow } from "../statements/snapshots";

export interface SnapshotInputs {
  database: string;
  schema: string;
  name: string;
  /** DATABASE.SCHEMA.NAME of the service. */
  service: string;
  volume: string;
  instance: number;
  comment: string | null;
  [RESOURCE_NAME_KEY]?: string;
}

export type SnapshotOutputs = SnapshotInputs & Omit<SnapshotRow, "name" | "instance" | "comment" | "deleteAfter"> & { ownerRoleType: string };

const INPUTS = ["database", "schema", "name", "service", "volume", "instance", "comment"] as const;

/**
 * Snapshot: CREATE SNAPSHOT … FROM SERVICE … VOLUME … INSTANCE / DROP SNAPSHOT. A snapshot is a copy taken
 * once; SPCS alters nothing but its comment and tags, so every input change replaces it (a new copy).
 */
export const snapshotProvider: ResourceProvider<SnapshotInputs, SnapshotOutputs> = {
  async check(olds, news) {
    const inputs: SnapshotInputs = {
      database: upper(news.database) as string,
      schema: upper(news.schema) as string,
      name: upper(news.name ?? olds.name ?? autoName(news[RESOURCE_NAME_KEY] ?? "snapshot", randomSuffix())),
      service: upper(news.service) as string,
      volume: news.volume as string,
      instance: news.instance ?? 0,
      comment: news.comment ?? null,
      [RESOURCE_NAME_KEY]: news[RESOURCE_NAME_KEY],
    };
    const failures: CheckFailure[] = [];
    for (const field of ["database", "schema", "name"] as const) {
      const v = inputs[field];
      if (v === undefined) failures.push({ property: field, reason: withFix(`Snapshot ${field} is required`, `set ${field} to an unquoted identifier such as ${field === "name" ? "data_backup" : "app_db"}`, "check") });
      else if (!isUnknown(v) && identifierProblem(v)) failures.push({ property: field, reason: `Snapshot ${field}: ${identifierProblem(v)}.` });
    }
    if (inputs.service === undefined) failures.push({ property: "service", reason: withFix("Snapshot service is required", "set service to the Service's id (DATABASE.SCHEMA.NAME), e.g. service: svc.id", "check") });
    else if (!isUnknown(inputs.service) && (inputs.service.split(".").length !== 3 || inputs.service.split(".").some((p) => identifierProblem(p)))) {
      failures.push({ property: "service", reason: withFix(`Snapshot service '${inputs.service}' is not DATABASE.SCHEMA.NAME`, "pass the Service's id (service: svc.id)", "check") });
    }
    if (typeof inputs.volume !== "string" || inputs.volume === "") {
      if (!isUnknown(inputs.volume)) failures.push({ property: "volume", reason: withFix("Snapshot volume is required", "set volume to the block volume's name as the spec writes it, e.g. volume: \"data\"", "check") });
    }
    if (!isUnknown(inputs.instance) && (!Number.isInteger(inputs.instance) || inputs.instance < 0)) {
      failures.push({ property: "instance", reason: withFix(`Snapshot instance: invalid value '${inputs.instance}'`, "use an instance id from 0 to MAX_INSTANCES - 1", "check") });
    }
    return { inputs: plain(inputs), failures };
  },

  async diff(_id, olds, news) {
    const replaces = INPUTS.filter((k) => !same(olds[k], news[k]));
    const sameName = (["database", "schema", "name"] as const).every((k) => same(olds[k], news[k]));
    return { changes: replaces.length > 0, replaces: [...replaces], deleteBeforeReplace: replaces.length > 0 && sameName };
  },

  async create(inputs) {
    const platform = currentPlatform();
    const [database, schema, name] = inputs.service.split(".");
    await createSnapshot(platform, { key: key(inputs), service: { database, schema, name }, volume: inputs.volume, instance: inputs.instance, comment: inputs.comment });
    return { id: idOf(inputs), outs: plain(outputs(inputs, platform.catalog.snapshots.get(inputs.database, inputs.schema, inputs.name)!)) };
  },

  async read(id, props) {
    const k = props.database ? key(props) : parseId(id);
    const row = currentPlatform().catalog.snapshots.get(k.database, k.schema, k.name);
    if (!row) return {};
    const inputs: SnapshotInputs = {
      database: row.databaseName, schema: row.schemaName, name: row.name, service: row.serviceName, volume: row.volumeName,
      instance: row.instance, comment: row.comment, [RESOURCE_NAME_KEY]: props[RESOURCE_NAME_KEY],
    };
    return { id, props: plain(outputs(inputs, row)), inputs: plain(inputs) };
  },

  async update(_id, _olds, news) {
    // diff replaces on every input change: an update only carries outputs over.
    return { outs: plain(news as SnapshotOutputs) };
  },

  async delete(id, props) {
    await dropSnapshot(currentPlatform(), props.database ? key(props) : parseId(id), { ifExists: true });
  },
};

function outputs(inputs: SnapshotInputs, row: SnapshotRow): SnapshotOutputs {
  const { name: _n, instance: _i, comment: _c, deleteAfter: _d, ...rest } = row;
  return { ...inputs, ...rest, ownerRoleType: "ROLE" };
}

const key = (i: Pick<SnapshotInputs, "database" | "schema" | "name">): SnapshotKey => ({ database: i.database, schema: i.schema, name: i.name });
const idOf = (i: SnapshotInputs) => qualifiedName(i.database, i.schema, i.name);

function parseId(id: string): SnapshotKey {
  const [database, schema, name] = id.split(".");
  return { database, schema, name };
}

function upper<T>(v: T): T {
  return (typeof v === "string" && !isUnknown(v) ? v.toUpperCase() : v) as T;
}
