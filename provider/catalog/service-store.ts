import type BetterSqlite3 from "better-sqlite3";
import { fromDb, insertSql, toDb, type RowMapping } from "./row-mapping";

/** SHOW SERVICES status values (the Terraform SDK's enum plus the job-only CANCELLING / CANCELLED). */
export const SERVICE_STATUSES = ["PENDING", "RUNNING", "FAILED", "DONE", "SUSPENDING", "SUSPENDED", "DELETING", "DELETED", "INTERNAL_ERROR", "CANCELLING", "CANCELLED"] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** The image a container was started from: as the spec names it, and the digest pinned at create. */
export interface PinnedImage {
  imageName: string;
  digest: string;
  /** `host/db/schema/repo/image@sha256:...`: what the engine pulls. */
  pullRef: string;
}

/**
 * The `spec` column's text. Branded so that only model/stored-runtime-spec.ts, which adds the format
 * version, can produce it: a plain JSON.stringify of a spec does not type-check as a row's spec.
 */
export type StoredRuntimeSpec = string & { readonly __brand: "StoredRuntimeSpec" };

export interface ServiceRow {
  databaseName: string;
  schemaName: string;
  name: string;
  computePool: string;
  status: ServiceStatus;
  /** The runtime spec, versioned JSON: read and written only by model/stored-runtime-spec.ts. */
  spec: StoredRuntimeSpec;
  specDigest: string;
  dnsName: string;
  minInstances: number;
  maxInstances: number;
  minReadyInstances: number;
  autoResume: boolean;
  autoSuspendSecs: number;
  externalAccessIntegrations: string[] | null;
  queryWarehouse: string | null;
  comment: string | null;
  images: Record<string, PinnedImage>;
  isJob: boolean;
  isAsyncJob: boolean;
  isUpgrading: boolean;
  createdOn: string;
  updatedOn: string;
  resumedOn: string | null;
  suspendedOn: string | null;
  owner: string;
}

export interface InstanceRow {
  databaseName: string;
  schemaName: string;
  serviceName: string;
  instanceId: number;
  computePool: string;
  /** The pool node the instance is placed on; null while it waits for capacity. */
  nodeId: string | null;
  specDigest: string;
  cpuMilli: number;
  memoryBytes: number;
  gpus: number;
  creationTime: string;
  startTime: string | null;
}

const SERVICE_MAP: RowMapping = { booleans: ["autoResume", "isJob", "isAsyncJob", "isUpgrading"], json: ["externalAccessIntegrations", "images"] };
const KEY = "database_name = ? AND schema_name = ? AND name = ?";
const IKEY = "database_name = ? AND schema_name = ? AND service_name = ?";

export interface ServiceKey {
  database: string;
  schema: string;
  name: string;
}

/** Rows of `services` and `service_instances`. Callers wrap read-modify-write sequences in `Catalog.write`. */
export class ServiceStore {
  constructor(private readonly db: BetterSqlite3.Database) {}

  get(k: ServiceKey): ServiceRow | undefined {
    const r = this.db.prepare(`SELECT * FROM services WHERE ${KEY}`).get(k.database, k.schema, k.name) as Record<string, unknown> | undefined;
    return r && fromDb<ServiceRow>(r, SERVICE_MAP);
  }

  list(): ServiceRow[] {
    return (this.db.prepare("SELECT * FROM services ORDER BY database_name, schema_name, name").all() as Record<string, unknown>[]).map((r) => fromDb<ServiceRow>(r, SERVICE_MAP));
  }

  inPool(pool: string): ServiceRow[] {
    return (this.db.prepare("SELECT * FROM services WHERE compute_pool = ? ORDER BY name").all(pool) as Record<string, unknown>[]).map((r) => fromDb<ServiceRow>(r, SERVICE_MAP));
  }

  insert(row: ServiceRow): void {
    this.db.prepare(insertSql("services", Object.keys(row))).run(toDb(row, SERVICE_MAP));
  }

  update(k: ServiceKey, changes: Partial<ServiceRow>): void {
    const db = toDb(changes, SERVICE_MAP);
    const sets = Object.keys(db).map((c) => `${c} = @${c}`);
    if (sets.length) this.db.prepare(`UPDATE services SET ${sets.join(", ")} WHERE database_name = @k_db AND schema_name = @k_schema AND name = @k_name`).run({ ...db, k_db: k.database, k_schema: k.schema, k_name: k.name });
  }

  delete(k: ServiceKey): boolean {
    return this.db.prepare(`DELETE FROM services WHERE ${KEY}`).run(k.database, k.schema, k.name).changes > 0;
  }

  instances(k: ServiceKey): InstanceRow[] {
    return (this.db.prepare(`SELECT * FROM service_instances WHERE ${IKEY} ORDER BY instance_id`).all(k.database, k.schema, k.name) as Record<string, unknown>[]).map((r) => fromDb<InstanceRow>(r, {}));
  }

  /** Every instance placed in a pool, for computing node usage. */
  instancesInPool(pool: string): InstanceRow[] {
    return (this.db.prepare("SELECT * FROM service_instances WHERE compute_pool = ?").all(pool) as Record<string, unknown>[]).map((r) => fromDb<InstanceRow>(r, {}));
  }

  insertInstance(row: InstanceRow): void {
    this.db.prepare(insertSql("service_instances", Object.keys(row))).run(toDb(row, {}));
  }

  setInstanceNode(k: ServiceKey, instanceId: number, nodeId: string | null, startTime: string | null): void {
    this.db.prepare(`UPDATE service_instances SET node_id = ?, start_time = ? WHERE ${IKEY} AND instance_id = ?`).run(nodeId, startTime, k.database, k.schema, k.name, instanceId);
  }

  updateInstance(k: ServiceKey, instanceId: number, changes: Partial<InstanceRow>): void {
    const db = toDb(changes, {});
    const sets = Object.keys(db).map((c) => `${c} = @${c}`);
    if (sets.length) this.db.prepare(`UPDATE service_instances SET ${sets.join(", ")} WHERE database_name = @k_db AND schema_name = @k_schema AND service_name = @k_name AND instance_id = @k_id`).run({ ...db, k_db: k.database, k_schema: k.schema, k_name: k.name, k_id: instanceId });
  }

  deleteInstance(k: ServiceKey, instanceId: number): void {
    this.db.prepare(`DELETE FROM service_instances WHERE ${IKEY} AND instance_id = ?`).run(k.database, k.schema, k.name, instanceId);
  }

  deleteInstances(k: ServiceKey): void {
    this.db.prepare(`DELETE FROM service_instances WHERE ${IKEY}`).run(k.database, k.schema, k.name);
  }
}
