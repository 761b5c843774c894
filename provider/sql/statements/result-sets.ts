import type { SqlColumn, SqlResult, SqlType, SqlValue } from "../sql-types";

/** One column: the description's camelCase field it comes from and its Snowflake type. */
export type ColumnSpec = readonly [field: string, type: SqlType];

/** `createdOn` → `created_on`: SHOW and DESCRIBE name their columns in lower snake case. */
export const snakeCase = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A cell in the column's type: ISO strings become Dates, objects JSON text, "" timestamps NULL. */
export function cell(value: unknown, type: SqlType): SqlValue {
  if (value === undefined || value === null) return null;
  switch (type) {
    case "timestamp_ltz":
    case "timestamp_ntz": {
      if (value instanceof Date) return value;
      const t = typeof value === "string" && value !== "" ? Date.parse(value) : NaN;
      return Number.isNaN(t) ? null : new Date(t);
    }
    case "boolean":
      return Boolean(value);
    case "fixed":
      return typeof value === "number" ? value : Number(value);
    case "text":
      return typeof value === "object" ? JSON.stringify(value) : String(value);
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}

/** A SHOW / DESCRIBE / SELECT result from described objects, one row each, columns in the given order. */
export function tableResult(columns: readonly ColumnSpec[], rows: readonly object[], statementType: SqlResult["statementType"], names?: readonly string[]): SqlResult {
  return {
    columns: columns.map(([field, type], i): SqlColumn => ({ name: names?.[i] ?? snakeCase(field), type, nullable: true, ...(type === "fixed" && { scale: 0 }) })),
    rows: rows.map((r) => columns.map(([field, type]) => cell((r as Record<string, unknown>)[field], type))),
    statementType,
  };
}

/** The one-row `status` answer of DDL: `Compute pool P1 successfully created.`, `S1 successfully dropped.` */
export function statusResult(message: string): SqlResult {
  return { columns: [{ name: "status", type: "text", nullable: false }], rows: [[message]], statementType: "ddl" };
}

/** A scalar function's answer: one text column named after the call. */
export function scalarResult(column: string, value: string): SqlResult {
  return { columns: [{ name: column, type: "text", nullable: true }], rows: [[value]], statementType: "select" };
}

// Column sets, in SPCS's documented order (docs/sql-statements.md lists their sources).

const POOL_COMMON: ColumnSpec[] = [
  ["name", "text"], ["state", "text"], ["minNodes", "fixed"], ["maxNodes", "fixed"], ["instanceFamily", "text"], ["numServices", "fixed"],
  ["numJobs", "fixed"], ["autoSuspendSecs", "fixed"], ["autoResume", "text"], ["activeNodes", "fixed"], ["idleNodes", "fixed"], ["targetNodes", "fixed"],
  ["createdOn", "timestamp_ltz"], ["resumedOn", "timestamp_ltz"], ["updatedOn", "timestamp_ltz"], ["owner", "text"], ["comment", "text"],
  ["isExclusive", "text"], ["application", "text"],
];
/** SHOW COMPUTE POOLS (21 columns); auto_resume and is_exclusive are the text `true`/`false` there. */
export const SHOW_COMPUTE_POOLS: ColumnSpec[] = [...POOL_COMMON, ["placementGroup", "text"], ["backupInstanceFamilies", "text"]];
/** DESCRIBE COMPUTE POOL (23 columns): error_code and status_message before the last two. */
export const DESCRIBE_COMPUTE_POOL: ColumnSpec[] = [...POOL_COMMON, ["errorCode", "text"], ["statusMessage", "text"], ["placementGroup", "text"], ["backupInstanceFamilies", "text"]];

export const SHOW_IMAGE_REPOSITORIES: ColumnSpec[] = [
  ["createdOn", "timestamp_ltz"], ["name", "text"], ["databaseName", "text"], ["schemaName", "text"], ["repositoryUrl", "text"], ["owner", "text"],
  ["ownerRoleType", "text"], ["comment", "text"], ["encryption", "text"], ["privatelinkRepositoryUrl", "text"],
];
export const SHOW_IMAGES: ColumnSpec[] = [["createdOn", "timestamp_ltz"], ["imageName", "text"], ["tags", "text"], ["digest", "text"], ["imagePath", "text"]];

const SERVICE_HEAD: ColumnSpec[] = [["name", "text"], ["status", "text"], ["databaseName", "text"], ["schemaName", "text"], ["owner", "text"], ["computePool", "text"]];
const SERVICE_TAIL: ColumnSpec[] = [
  ["dnsName", "text"], ["currentInstances", "fixed"], ["targetInstances", "fixed"], ["minReadyInstances", "fixed"], ["minInstances", "fixed"],
  ["maxInstances", "fixed"], ["autoResume", "boolean"], ["externalAccessIntegrations", "text"], ["createdOn", "timestamp_ltz"], ["updatedOn", "timestamp_ltz"],
  ["resumedOn", "timestamp_ltz"], ["suspendedOn", "timestamp_ltz"], ["autoSuspendSecs", "fixed"], ["comment", "text"], ["ownerRoleType", "text"],
  ["queryWarehouse", "text"], ["isJob", "boolean"], ["isAsyncJob", "boolean"], ["specDigest", "text"], ["isUpgrading", "boolean"],
  ["managingObjectDomain", "text"], ["managingObjectName", "text"],
];
/** SHOW SERVICES (28 columns); SHOW JOB SERVICES drops is_job, EXCLUDE JOBS drops is_job and is_async_job. */
export function showServicesColumns(o: { jobsOnly?: boolean; excludeJobs?: boolean } = {}): ColumnSpec[] {
  const drop = o.excludeJobs ? ["isJob", "isAsyncJob"] : o.jobsOnly ? ["isJob"] : [];
  return [...SERVICE_HEAD, ...SERVICE_TAIL].filter(([f]) => !drop.includes(f));
}
/** DESCRIBE SERVICE: SHOW's columns with `spec` after compute_pool. */
export const DESCRIBE_SERVICE: ColumnSpec[] = [...SERVICE_HEAD, ["spec", "text"], ...SERVICE_TAIL];

export const SHOW_SERVICE_INSTANCES: ColumnSpec[] = [
  ["databaseName", "text"], ["schemaName", "text"], ["serviceName", "text"], ["serviceStatus", "text"], ["instanceId", "text"], ["status", "text"],
  ["specDigest", "text"], ["creationTime", "text"], ["startTime", "text"], ["ipAddress", "text"],
];
export const SHOW_SERVICE_CONTAINERS: ColumnSpec[] = [
  ["databaseName", "text"], ["schemaName", "text"], ["serviceName", "text"], ["serviceStatus", "text"], ["instanceId", "text"], ["instanceStatus", "text"],
  ["containerName", "text"], ["status", "text"], ["message", "text"], ["imageName", "text"], ["imageDigest", "text"], ["restartCount", "fixed"],
  ["startTime", "text"], ["lastExitCode", "fixed"], ["lastRestartTime", "text"],
];
export const SHOW_ENDPOINTS: ColumnSpec[] = [["name", "text"], ["port", "fixed"], ["portRange", "text"], ["protocol", "text"], ["isPublic", "boolean"], ["ingressUrl", "text"], ["privatelinkIngressUrl", "text"]];
export const SHOW_ROLES_IN_SERVICE: ColumnSpec[] = [["createdOn", "timestamp_ltz"], ["name", "text"], ["comment", "text"]];

export const SHOW_CRES: ColumnSpec[] = [
  ["name", "text"], ["imageName", "text"], ["tag", "text"], ["digest", "text"], ["createdOn", "timestamp_ltz"], ["updatedOn", "timestamp_ltz"],
  ["owner", "text"], ["creStatus", "text"], ["baseImageType", "text"], ["image", "text"],
];

/** GET_JOB_HISTORY: a table function, so its columns are upper-case, as documented. */
export const JOB_HISTORY: ColumnSpec[] = [
  ["queryId", "text"], ["id", "fixed"], ["name", "text"], ["databaseName", "text"], ["schemaName", "text"], ["createdTime", "timestamp_ltz"],
  ["completedTime", "timestamp_ltz"], ["deletedTime", "timestamp_ltz"], ["status", "text"], ["message", "text"], ["instanceStatuses", "object"],
  ["computePoolName", "text"], ["owner", "text"], ["ownerRoleType", "text"], ["parameters", "object"], ["managingObject", "object"],
];
export const JOB_HISTORY_NAMES = JOB_HISTORY.map(([f]) => snakeCase(f).toUpperCase());
