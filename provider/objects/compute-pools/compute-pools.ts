import { likePattern } from "../../common/sql-like";
import { SpcsError, alreadyExists, doesNotExist } from "../../common/errors";
import { nowIso, EPOCH_ISO } from "../../common/time";
import type { ComputePoolRow, PoolState, SuspendedBy } from "../../catalog/compute-pool-store";
import { OWNER_ROLE, type Platform } from "../../platform/platform";
import { assertValid, type PoolSettings } from "./compute-pool-settings";
import { findInstanceFamily } from "../../model/instance-families";
import { isRunningWorkload } from "../../model/statuses";

/**
 * COMPUTE POOL statements against the local platform: CREATE, ALTER (SET / SUSPEND / RESUME), DROP,
 * SHOW and DESCRIBE. The provider and the `spcs` CLI both go through these, so a pool altered with the
 * CLI is exactly what a `pulumi refresh` then sees.
 *
 * Nodes are virtual: a pool's capacity is its node count times its instance family, and local nodes are
 * up the moment they are asked for, so CREATE and RESUME go straight to IDLE (STARTING and RESIZING are
 * never observed). The state SHOW reports is IDLE or ACTIVE by the work running in the pool (services not
 * suspended, jobs not finished), SUSPENDED, or STOPPING while a suspended pool's jobs run to their end.
 * See docs/platform-choices.md.
 */

/** One row of SHOW COMPUTE POOLS plus the DESCRIBE-only columns, camelCased. */
export interface ComputePoolDescription {
  name: string;
  state: PoolState;
  minNodes: number;
  maxNodes: number;
  instanceFamily: string;
  numServices: number;
  numJobs: number;
  autoSuspendSecs: number;
  autoResume: boolean;
  activeNodes: number;
  idleNodes: number;
  targetNodes: number;
  createdOn: string;
  resumedOn: string;
  updatedOn: string;
  owner: string;
  comment: string | null;
  isExclusive: boolean;
  application: string | null;
  errorCode: string;
  statusMessage: string;
  placementGroup: string | null;
  backupInstanceFamilies: string;
  /** Not a SHOW column: whether the pool was suspended by an explicit ALTER ... SUSPEND. */
  suspended: boolean;
  initiallySuspended: boolean;
}

export function createPool(platform: Platform, settings: PoolSettings, opts: { ifNotExists?: boolean } = {}): ComputePoolDescription {
  assertValid(settings);
  const name = settings.name.toUpperCase();
  return platform.catalog.write(() => {
    const existing = platform.catalog.pools.get(name);
    if (existing) {
      if (opts.ifNotExists) return describeRow(platform, existing);
      throw alreadyExists(name, "choose another name, or remove the existing pool with `spcs drop compute-pool " + name + "`");
    }
    const now = nowIso();
    const suspended = settings.initiallySuspended;
    const row: ComputePoolRow = {
      ...settings,
      name,
      instanceFamily: findInstanceFamily(settings.instanceFamily)!.name,
      state: suspended ? "SUSPENDED" : "IDLE",
      suspendedBy: suspended ? "USER" : null,
      createdOn: now,
      resumedOn: EPOCH_ISO,
      updatedOn: now,
      owner: OWNER_ROLE,
    };
    platform.catalog.pools.insert(row);
    return describeRow(platform, row);
  });
}

/** The properties ALTER COMPUTE POOL ... SET can change. */
export type PoolChanges = Partial<Pick<PoolSettings, "minNodes" | "maxNodes" | "autoResume" | "autoSuspendSecs" | "instanceFamily" | "comment">>;

export function alterPoolSet(platform: Platform, name: string, changes: PoolChanges): ComputePoolDescription {
  return platform.catalog.write(() => {
    const row = requirePool(platform, name);
    const next = { ...row, ...definedOnly(changes) };
    assertValid({ minNodes: next.minNodes, maxNodes: next.maxNodes, autoSuspendSecs: next.autoSuspendSecs, instanceFamily: changes.instanceFamily });
    if (changes.instanceFamily !== undefined) {
      const family = findInstanceFamily(changes.instanceFamily)!.name;
      if (family !== row.instanceFamily && row.state !== "SUSPENDED") {
        throw new SpcsError(
          "pool-not-suspended",
          `Invalid property 'INSTANCE_FAMILY' for 'COMPUTE_POOL':\nCannot set INSTANCE_FAMILY for compute pool that is not suspended. Please suspend the compute pool first.`,
          "set `suspended: true` in the same update (or run `spcs alter compute-pool " + row.name + " suspend`), then resume it",
        );
      }
      next.instanceFamily = family;
    }
    next.updatedOn = nowIso();
    platform.catalog.pools.update(next);
    return describeRow(platform, next);
  });
}

/**
 * ALTER COMPUTE POOL ... SUSPEND, the pool's own part; suspending a suspended pool succeeds, as in SPCS.
 * `stopping`: job services still run in it, so it is STOPPING until they end (finishStopping).
 */
export function suspendPool(platform: Platform, name: string, by: SuspendedBy = "USER", opts: { stopping?: boolean } = {}): ComputePoolDescription {
  return platform.catalog.write(() => {
    const row = requirePool(platform, name);
    if (row.state !== "SUSPENDED" && !(row.state === "STOPPING" && opts.stopping)) {
      row.state = opts.stopping ? "STOPPING" : "SUSPENDED";
      row.suspendedBy = by;
      row.updatedOn = nowIso();
      platform.catalog.pools.update(row);
    }
    return describeRow(platform, row);
  });
}

/** A STOPPING pool whose last job ended: SUSPENDED. Returns whether it changed. */
export function finishStopping(platform: Platform, name: string): boolean {
  return platform.catalog.write(() => {
    const row = requirePool(platform, name);
    if (row.state !== "STOPPING" || hasWork(platform, row.name)) return false;
    platform.catalog.pools.update({ ...row, state: "SUSPENDED", updatedOn: nowIso() });
    return true;
  });
}

/** Whether a pool runs anything: a service not suspended, or a job service not finished. */
export function hasWork(platform: Platform, name: string): boolean {
  return platform.catalog.services.inPool(name.toUpperCase()).some((s) => isRunningWorkload(s.status));
}

/** ALTER COMPUTE POOL ... RESUME (a STOPPING pool too: new work cancels the stop); resuming a running pool is a no-op. */
export function resumePool(platform: Platform, name: string): ComputePoolDescription {
  return platform.catalog.write(() => {
    const row = requirePool(platform, name);
    if (row.state === "SUSPENDED" || row.state === "STOPPING") {
      const now = nowIso();
      Object.assign(row, { state: "IDLE" as const, suspendedBy: null, resumedOn: now, updatedOn: now });
      platform.catalog.pools.update(row);
    }
    return describeRow(platform, row);
  });
}

/** DROP COMPUTE POOL [IF EXISTS]. Returns false when there was nothing to drop. */
export function dropPool(platform: Platform, name: string, opts: { ifExists?: boolean } = {}): boolean {
  return platform.catalog.write(() => {
    if (!platform.catalog.pools.get(name.toUpperCase())) {
      if (opts.ifExists) return false;
      throw doesNotExist("Compute pool", name.toUpperCase());
    }
    const services = platform.catalog.services.inPool(name.toUpperCase()).filter((s) => !s.isJob);
    if (services.length > 0) {
      const names = services.map((s) => `${s.databaseName}.${s.schemaName}.${s.name}`).join(", ");
      throw new SpcsError(
        "pool-has-services",
        `Cannot drop compute pool ${name.toUpperCase()} because it has services: ${names}.`,
        "drop those services first (DROP SERVICE), or stop them all with ALTER COMPUTE POOL ... STOP ALL",
      );
    }
    return platform.catalog.pools.delete(name.toUpperCase());
  });
}

export function describePool(platform: Platform, name: string): ComputePoolDescription | undefined {
  const row = platform.catalog.pools.get(name.toUpperCase());
  return row && describeRow(platform, row);
}

export function showPools(platform: Platform, like?: string): ComputePoolDescription[] {
  const re = like ? likePattern(like) : undefined;
  return platform.catalog.pools
    .list()
    .filter((r) => !re || re.test(r.name))
    .map((r) => describeRow(platform, r));
}

function requirePool(platform: Platform, name: string): ComputePoolRow {
  const row = platform.catalog.pools.get(name.toUpperCase());
  if (!row) throw doesNotExist("Compute pool", name.toUpperCase());
  return row;
}

function describeRow(platform: Platform, row: ComputePoolRow): ComputePoolDescription {
  const suspended = row.state === "SUSPENDED";
  // Counted as SPCS counts them: services and jobs running (or waiting to), not suspended services or finished jobs.
  const services = platform.catalog.services.inPool(row.name).filter((s) => isRunningWorkload(s.status));
  const nodesInUse = new Set(platform.catalog.services.instancesInPool(row.name).filter((i) => i.nodeId).map((i) => i.nodeId));
  const activeNodes = suspended ? 0 : nodesInUse.size;
  // The pool grows past MIN_NODES only as far as its placed instances need (the autoscaler adds nodes).
  const targetNodes = suspended ? 0 : Math.max(row.minNodes, activeNodes);
  return {
    name: row.name,
    state: row.state === "SUSPENDED" || row.state === "STOPPING" ? row.state : services.length > 0 ? "ACTIVE" : "IDLE",
    minNodes: row.minNodes,
    maxNodes: row.maxNodes,
    instanceFamily: row.instanceFamily,
    numServices: services.filter((s) => !s.isJob).length,
    numJobs: services.filter((s) => s.isJob).length,
    autoSuspendSecs: row.autoSuspendSecs,
    autoResume: row.autoResume,
    activeNodes,
    idleNodes: targetNodes - activeNodes,
    targetNodes,
    createdOn: row.createdOn,
    resumedOn: row.resumedOn,
    updatedOn: row.updatedOn,
    owner: row.owner,
    comment: row.comment,
    isExclusive: false,
    application: null,
    errorCode: "",
    statusMessage: suspended ? "Compute pool is suspended." : row.state === "STOPPING" ? "Compute pool is stopping: its job services run to their end." : "Compute pool is ready.",
    placementGroup: null,
    backupInstanceFamilies: "",
    suspended: (suspended || row.state === "STOPPING") && row.suspendedBy === "USER",
    initiallySuspended: row.initiallySuspended,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
