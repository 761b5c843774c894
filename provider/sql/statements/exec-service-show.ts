import type { SqlResult } from "../sql-types";
import { accountObjectName, schemaObjectName, type ExecContext } from "./exec-context";
import type { QualifiedName } from "./identifiers";
import { describeSpec } from "./describe-spec";
import {
  DESCRIBE_SERVICE, SHOW_ENDPOINTS, SHOW_ROLES_IN_SERVICE, SHOW_SERVICE_CONTAINERS, SHOW_SERVICE_INSTANCES, showServicesColumns, tableResult,
} from "./result-sets";
import { applyFilters, resolveScope } from "./show-filters";
import { describeService, qualified, readRuntimeSpec, type ServiceDescription } from "./spcs-operations";
import { sqlError } from "./sql-errors";
import type { Statement } from "./statement-types";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;

const missing = (key: QualifiedName) => sqlError("doesNotExist", `SQL compilation error:\nService '${qualified(key)}' does not exist or not authorized.`);

/** SHOW [JOB] SERVICES [EXCLUDE JOBS]: the catalog's services in scope, each described live from the engine. */
export async function showServicesStatement(ctx: ExecContext, st: Of<"show-services">): Promise<SqlResult> {
  const operation = st.jobsOnly ? "SHOW JOB SERVICES" : "SHOW SERVICES";
  const scope = resolveScope(st.filters.in, ctx.session, operation);
  if (st.filters.in?.kind === "compute-pool") {
    const pool = accountObjectName(st.filters.in.name, "compute pool");
    if (!ctx.platform.catalog.pools.get(pool)) throw sqlError("doesNotExist", `SQL compilation error:\nCompute pool '${pool}' does not exist or not authorized.`);
  }
  const rows = ctx.platform.catalog.services
    .list()
    .filter((s) => (!scope.database || s.databaseName === scope.database) && (!scope.schema || s.schemaName === scope.schema) && (!scope.computePool || s.computePool === scope.computePool))
    .filter((s) => (st.jobsOnly ? s.isJob : st.excludeJobs ? !s.isJob : true));
  const picked = applyFilters(rows, st.filters, (s) => s.name);
  const described = await Promise.all(picked.map((s) => describeService(ctx.platform, { database: s.databaseName, schema: s.schemaName, name: s.name })));
  // A service dropped between the listing and its description is no longer there.
  const present = described.filter((d): d is ServiceDescription => d !== undefined);
  return tableResult(showServicesColumns(st), present, "show");
}

export async function describeServiceStatement(ctx: ExecContext, st: Of<"describe-service">): Promise<SqlResult> {
  const key = schemaObjectName(st.name, ctx.session, "DESCRIBE SERVICE", "service");
  const d = await describeService(ctx.platform, key);
  const row = ctx.platform.catalog.services.get(key);
  if (!d || !row) throw missing(key);
  return tableResult(DESCRIBE_SERVICE, [{ ...d, spec: describeSpec(readRuntimeSpec(row), row.images) }], "describe");
}

/** SHOW SERVICE INSTANCES / SERVICE CONTAINERS / ENDPOINTS / ROLES IN SERVICE. */
export async function showServiceDetail(ctx: ExecContext, st: Of<"show-service-detail">): Promise<SqlResult> {
  const operation = { instances: "SHOW SERVICE INSTANCES", containers: "SHOW SERVICE CONTAINERS", endpoints: "SHOW ENDPOINTS", roles: "SHOW ROLES" }[st.what];
  const key = schemaObjectName(st.service, ctx.session, operation, "service");
  const d = await describeService(ctx.platform, key);
  if (!d) throw missing(key);
  const service = { databaseName: d.databaseName, schemaName: d.schemaName, serviceName: d.name, serviceStatus: d.status };
  switch (st.what) {
    case "instances":
      return tableResult(SHOW_SERVICE_INSTANCES, d.instances.map((i) => ({ ...service, ...i })), "show");
    case "containers":
      return tableResult(SHOW_SERVICE_CONTAINERS, d.containers.map((c) => ({ ...service, ...c })), "show");
    case "endpoints":
      return tableResult(SHOW_ENDPOINTS, applyFilters(d.endpoints, st.filters, (e) => e.name), "show");
    case "roles":
      // Every service has the service role ALL_ENDPOINTS_USAGE; roles of the spec's serviceRoles are not kept locally.
      return tableResult(SHOW_ROLES_IN_SERVICE, [{ createdOn: d.createdOn, name: "ALL_ENDPOINTS_USAGE", comment: null }], "show");
  }
}
