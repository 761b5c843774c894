import type { SqlResult } from "../sql-types";
import { accountObjectName, dropMessage, STATEMENT_OK, type ExecContext } from "./exec-context";
import { Options } from "./options";
import { DESCRIBE_COMPUTE_POOL, SHOW_COMPUTE_POOLS, statusResult, tableResult } from "./result-sets";
import { applyFilters } from "./show-filters";
import {
  alterPoolSet, createPool, describePool, dropComputePool, POOL_DEFAULTS, resumePool, showPools, stopAllInComputePool, suspendComputePool, type PoolChanges,
} from "./spcs-operations";
import { sqlError } from "./sql-errors";
import type { AlterAction, Statement } from "./statement-types";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;

const ANY_INTEGER = Number.MIN_SAFE_INTEGER; // the platform's own checks give SPCS's message for a bad count
const CREATE_OPTIONS = ["MIN_NODES", "MAX_NODES", "INSTANCE_FAMILY", "AUTO_RESUME", "INITIALLY_SUSPENDED", "AUTO_SUSPEND_SECS", "COMMENT", "TAG", "PLACEMENT_GROUP", "BACKUP_INSTANCE_FAMILIES"];
const SET_OPTIONS = ["MIN_NODES", "MAX_NODES", "AUTO_RESUME", "AUTO_SUSPEND_SECS", "INSTANCE_FAMILY", "COMMENT", "PLACEMENT_GROUP", "BACKUP_INSTANCE_FAMILIES"];
/** UNSET restores CREATE's defaults; a placement group and backup families are never set locally. */
const UNSET_DEFAULTS: Record<string, PoolChanges> = {
  AUTO_SUSPEND_SECS: { autoSuspendSecs: POOL_DEFAULTS.autoSuspendSecs },
  AUTO_RESUME: { autoResume: POOL_DEFAULTS.autoResume },
  COMMENT: { comment: null },
  PLACEMENT_GROUP: {},
  BACKUP_INSTANCE_FAMILIES: {},
};

/** Placement groups and backup families need several cloud zones and families; one machine has neither. */
function refuseCloudPlacement(o: Options): void {
  for (const key of ["PLACEMENT_GROUP", "BACKUP_INSTANCE_FAMILIES"]) {
    if (o.has(key)) throw sqlError("unsupported", `Unsupported feature '${key}': the local platform's compute pools have one instance family on one machine. Leave ${key} out.`);
  }
}

export function createComputePool(ctx: ExecContext, st: Of<"create-compute-pool">): SqlResult {
  const name = accountObjectName(st.name, "compute pool");
  const o = new Options(st.options, "COMPUTE_POOL").allowOnly(CREATE_OPTIONS);
  refuseCloudPlacement(o);
  const missing = ["MIN_NODES", "MAX_NODES", "INSTANCE_FAMILY"].filter((k) => !o.has(k));
  if (missing.length) throw sqlError("syntax", `SQL compilation error:\nMissing option(s): [${missing.join(", ")}]`);
  const existed = st.ifNotExists && describePool(ctx.platform, name) !== undefined;
  createPool(
    ctx.platform,
    {
      name,
      instanceFamily: o.text("INSTANCE_FAMILY")!,
      minNodes: o.integer("MIN_NODES", ANY_INTEGER)!,
      maxNodes: o.integer("MAX_NODES", ANY_INTEGER)!,
      autoResume: o.boolean("AUTO_RESUME") ?? POOL_DEFAULTS.autoResume,
      initiallySuspended: o.boolean("INITIALLY_SUSPENDED") ?? POOL_DEFAULTS.initiallySuspended,
      autoSuspendSecs: o.integer("AUTO_SUSPEND_SECS", ANY_INTEGER) ?? POOL_DEFAULTS.autoSuspendSecs,
      comment: o.string("COMMENT") ?? null,
    },
    { ifNotExists: st.ifNotExists },
  );
  return statusResult(existed ? `${name} already exists, statement succeeded.` : `Compute pool ${name} successfully created.`);
}

export async function alterComputePool(ctx: ExecContext, st: Of<"alter-compute-pool">): Promise<SqlResult> {
  const name = accountObjectName(st.name, "compute pool");
  if (st.ifExists && !describePool(ctx.platform, name)) return statusResult(STATEMENT_OK);
  await applyPoolAction(ctx, name, st.action);
  return statusResult(STATEMENT_OK);
}

async function applyPoolAction(ctx: ExecContext, name: string, action: AlterAction): Promise<void> {
  const { platform } = ctx;
  switch (action.kind) {
    case "suspend":
      await suspendComputePool(platform, name);
      return;
    case "resume":
      resumePool(platform, name);
      return;
    case "stop-all": {
      if (!describePool(platform, name)) throw poolMissing(name);
      await stopAllInComputePool(platform, name);
      return;
    }
    case "set": {
      const o = new Options(action.options, "COMPUTE_POOL").allowOnly(SET_OPTIONS);
      refuseCloudPlacement(o);
      alterPoolSet(platform, name, {
        minNodes: o.integer("MIN_NODES", ANY_INTEGER),
        maxNodes: o.integer("MAX_NODES", ANY_INTEGER),
        autoResume: o.boolean("AUTO_RESUME"),
        autoSuspendSecs: o.integer("AUTO_SUSPEND_SECS", ANY_INTEGER),
        instanceFamily: o.text("INSTANCE_FAMILY"),
        comment: o.string("COMMENT"),
      });
      return;
    }
    case "unset": {
      const bad = action.properties.find((p) => !(p in UNSET_DEFAULTS));
      if (bad) throw sqlError("invalidValue", `SQL compilation error:\ninvalid property '${bad}' for 'COMPUTE_POOL' in UNSET; UNSET takes ${Object.keys(UNSET_DEFAULTS).join(", ")}.`);
      alterPoolSet(platform, name, Object.assign({}, ...action.properties.map((p) => UNSET_DEFAULTS[p])));
      return;
    }
  }
}

export async function dropComputePoolStatement(ctx: ExecContext, st: Of<"drop-compute-pool">): Promise<SqlResult> {
  const name = accountObjectName(st.name, "compute pool");
  return statusResult(dropMessage(name, await dropComputePool(ctx.platform, name, { ifExists: st.ifExists })));
}

export function showComputePools(ctx: ExecContext, st: Of<"show-compute-pools">): SqlResult {
  return tableResult(SHOW_COMPUTE_POOLS, applyFilters(showPools(ctx.platform), st.filters, (p) => p.name), "show");
}

export function describeComputePool(ctx: ExecContext, st: Of<"describe-compute-pool">): SqlResult {
  const name = accountObjectName(st.name, "compute pool");
  const d = describePool(ctx.platform, name);
  if (!d) throw poolMissing(name);
  return tableResult(DESCRIBE_COMPUTE_POOL, [d], "describe");
}

const poolMissing = (name: string) => sqlError("doesNotExist", `SQL compilation error:\nCompute pool '${name}' does not exist or not authorized.`);
