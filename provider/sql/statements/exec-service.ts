import type { SqlResult } from "../sql-types";
import { accountObjectName, dropMessage, schemaObjectName, STATEMENT_OK, type ExecContext } from "./exec-context";
import { Options } from "./options";
import { statusResult } from "./result-sets";
import { resolveSpec } from "./spec-text";
import { alterService, createService, DEFAULT_READY_TIMEOUT_SECONDS, dropService, qualified, type ServiceKey, type ServiceTarget } from "./spcs-operations";
import { sqlError } from "./sql-errors";
import { restoreVolumeStatement } from "./exec-snapshot";
import type { Statement } from "./statement-types";
import { instanceCountViolations } from "../../model/instance-counts";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;

const SERVICE_PROPERTIES = ["MIN_INSTANCES", "MAX_INSTANCES", "MIN_READY_INSTANCES", "AUTO_RESUME", "EXTERNAL_ACCESS_INTEGRATIONS", "QUERY_WAREHOUSE", "COMMENT", "AUTO_SUSPEND_SECS", "LOG_LEVEL"];

/** SPCS's instance-count rule (model/instance-counts.ts), failing with the first violation in its words. */
function checkCounts(min: number, max: number, minReady: number): void {
  const [v] = instanceCountViolations(min, max, minReady);
  if (v) throw sqlError("invalidValue", `${v.message}; ${v.fix}.`);
}

/** AUTO_SUSPEND_SECS: whole seconds, 0 (the default) never suspends. */
function autoSuspendSecsOf(o: Options): number | undefined {
  const secs = o.integer("AUTO_SUSPEND_SECS", Number.MIN_SAFE_INTEGER);
  if (secs !== undefined && secs < 0) throw sqlError("invalidValue", `invalid value '${secs}' for property 'AUTO_SUSPEND_SECS'; use 0 (never) or a number of seconds.`);
  return secs;
}

/** EXTERNAL_ACCESS_INTEGRATIONS = (a, b): names upper-cased unless quoted; () is none. */
export function integrationsOf(o: Options): string[] | null | undefined {
  const list = o.nameList("EXTERNAL_ACCESS_INTEGRATIONS");
  if (list === undefined) return undefined;
  return list.length ? list.map((parts) => parts[parts.length - 1]) : null;
}

export async function createServiceStatement(ctx: ExecContext, st: Of<"create-service">): Promise<SqlResult> {
  const key = schemaObjectName(st.name, ctx.session, "CREATE SERVICE", "service");
  const computePool = accountObjectName(st.computePool, "compute pool");
  const o = new Options(st.options, "SERVICE").allowOnly([...SERVICE_PROPERTIES, "TAG"]);
  const autoSuspendSecs = autoSuspendSecsOf(o) ?? 0;
  const minInstances = o.integer("MIN_INSTANCES", Number.MIN_SAFE_INTEGER) ?? 1;
  const maxInstances = o.integer("MAX_INSTANCES", Number.MIN_SAFE_INTEGER) ?? minInstances;
  const minReadyInstances = o.integer("MIN_READY_INSTANCES", Number.MIN_SAFE_INTEGER) ?? minInstances;
  checkCounts(minInstances, maxInstances, minReadyInstances);
  const { spec, specDigest } = resolveSpec(st.source, "service", { min: minInstances, max: maxInstances });
  if (st.ifNotExists && ctx.platform.catalog.services.get(key)) return statusResult(`${key.name} already exists, statement succeeded.`);
  // Returns once the instances are started, as CREATE SERVICE does: the service is PENDING, then RUNNING.
  await createService(ctx.platform, {
    key, computePool, spec, specDigest, minInstances, maxInstances, minReadyInstances,
    autoResume: o.boolean("AUTO_RESUME") ?? true,
    autoSuspendSecs,
    externalAccessIntegrations: integrationsOf(o) ?? null,
    queryWarehouse: o.name("QUERY_WAREHOUSE")?.slice(-1)[0] ?? null,
    comment: o.string("COMMENT") ?? null,
  });
  return statusResult(`Service ${key.name} successfully created.`);
}

export async function alterServiceStatement(ctx: ExecContext, st: Of<"alter-service">): Promise<SqlResult> {
  const key = schemaObjectName(st.name, ctx.session, "ALTER SERVICE", "service");
  const svc = ctx.platform.catalog.services.get(key);
  if (!svc && st.ifExists) return statusResult(STATEMENT_OK);
  if (!svc) throw sqlError("doesNotExist", `SQL compilation error:\nService '${qualified(key)}' does not exist or not authorized.`);
  if (svc.isJob) throw sqlError("execution", `Service ${qualified(key)} is a job service; job services cannot be altered.`);
  const { action } = st;
  switch (action.kind) {
    case "suspend":
    case "resume":
      await alterService(ctx.platform, key, { suspended: action.kind === "suspend", readyTimeoutSeconds: DEFAULT_READY_TIMEOUT_SECONDS });
      break;
    case "restore":
      return restoreVolumeStatement(ctx, key, action);
    case "spec":
      // A rolling upgrade, instance by instance; the statement returns when every instance runs the new spec.
      await alterService(ctx.platform, key, { spec: resolveSpec(action.source, "service"), readyTimeoutSeconds: DEFAULT_READY_TIMEOUT_SECONDS });
      break;
    case "set": {
      const o = new Options(action.options, "SERVICE").allowOnly(SERVICE_PROPERTIES);
      await applyChanges(ctx, key, svc, {
        autoSuspendSecs: autoSuspendSecsOf(o),
        minInstances: o.integer("MIN_INSTANCES", Number.MIN_SAFE_INTEGER),
        maxInstances: o.integer("MAX_INSTANCES", Number.MIN_SAFE_INTEGER),
        minReadyInstances: o.integer("MIN_READY_INSTANCES", Number.MIN_SAFE_INTEGER),
        autoResume: o.boolean("AUTO_RESUME"),
        externalAccessIntegrations: integrationsOf(o),
        queryWarehouse: o.name("QUERY_WAREHOUSE")?.slice(-1)[0],
        comment: o.string("COMMENT"),
      });
      break;
    }
    case "unset": {
      const bad = action.properties.find((p) => !SERVICE_PROPERTIES.includes(p));
      if (bad) throw sqlError("invalidValue", `SQL compilation error:\ninvalid property '${bad}' for 'SERVICE' in UNSET; UNSET takes ${SERVICE_PROPERTIES.join(", ")}.`);
      // UNSET restores CREATE's defaults: one instance, AUTO_RESUME TRUE, no warehouse, comment or integrations.
      const has = (p: string) => action.properties.includes(p);
      await applyChanges(ctx, key, svc, {
        minInstances: has("MIN_INSTANCES") ? 1 : undefined,
        maxInstances: has("MAX_INSTANCES") ? 1 : undefined,
        minReadyInstances: has("MIN_READY_INSTANCES") ? 1 : undefined,
        autoResume: has("AUTO_RESUME") ? true : undefined,
        autoSuspendSecs: has("AUTO_SUSPEND_SECS") ? 0 : undefined,
        externalAccessIntegrations: has("EXTERNAL_ACCESS_INTEGRATIONS") ? null : undefined,
        queryWarehouse: has("QUERY_WAREHOUSE") ? null : undefined,
        comment: has("COMMENT") ? null : undefined,
      });
      break;
    }
    default:
      throw sqlError("syntax", "SQL compilation error:\nALTER SERVICE takes SUSPEND, RESUME, SET, UNSET or FROM SPECIFICATION.");
  }
  return statusResult(STATEMENT_OK);
}

type ServiceRowLike = { status: string; minInstances: number; maxInstances: number; minReadyInstances: number };

/** What ALTER SERVICE … SET / UNSET changes; undefined leaves a property as it is. */
type ServiceChanges = Pick<ServiceTarget, "minInstances" | "maxInstances" | "minReadyInstances" | "autoResume" | "autoSuspendSecs" | "externalAccessIntegrations" | "queryWarehouse" | "comment">;

/** SET / UNSET through ALTER SERVICE's one declarative function: counts scale, integrations apply live. */
async function applyChanges(ctx: ExecContext, key: ServiceKey, svc: ServiceRowLike, c: ServiceChanges): Promise<void> {
  const min = c.minInstances ?? svc.minInstances;
  const max = c.maxInstances ?? (c.minInstances !== undefined ? Math.max(min, svc.maxInstances) : svc.maxInstances);
  const minReady = c.minReadyInstances ?? Math.min(svc.minReadyInstances, min);
  checkCounts(min, max, minReady);
  // A suspended service stays suspended and SET changes its properties only; instance counts are the
  // running instances', which the statement layer changes only on a running service.
  const suspended = svc.status === "SUSPENDED" || svc.status === "SUSPENDING" ? true : undefined;
  if (suspended && (min !== svc.minInstances || max !== svc.maxInstances)) {
    throw sqlError("execution", `Service ${qualified(key)} is suspended: MIN_INSTANCES and MAX_INSTANCES change its running instances. RESUME it first (ALTER SERVICE ${qualified(key)} RESUME), then SET them.`);
  }
  await alterService(ctx.platform, key, { ...c, minInstances: min, maxInstances: max, minReadyInstances: minReady, suspended, readyTimeoutSeconds: DEFAULT_READY_TIMEOUT_SECONDS });
}

export async function dropServiceStatement(ctx: ExecContext, st: Of<"drop-service">): Promise<SqlResult> {
  const key = schemaObjectName(st.name, ctx.session, "DROP SERVICE", "service");
  // Without FORCE a service with block volumes is refused; FORCE deletes them (after snapshotOnDelete's backups).
  return statusResult(dropMessage(key.name, await dropService(ctx.platform, key, { ifExists: st.ifExists, force: st.force })));
}
