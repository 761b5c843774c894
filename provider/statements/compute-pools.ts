import type { Platform } from "../platform/platform";
import type { SuspendedBy } from "../catalog/compute-pool-store";
import { describePool, dropPool, hasWork, suspendPool, type ComputePoolDescription } from "../objects/compute-pools/compute-pools";
import { doesNotExist } from "../common/errors";
import { dropService } from "./services";
import { suspendService } from "../objects/services/service-lifecycle";
import { dropJob } from "../objects/jobs/cancel-job";

/**
 * The compute pool statements. CREATE, ALTER ... RESUME / SET, DESCRIBE and SHOW touch the pool alone and
 * are the object's own functions; DROP and ALTER ... SUSPEND reach the pool's workloads, so they are
 * composed here, the one layer that knows pools, services and jobs together.
 */
export { alterPoolSet, createPool, describePool, finishStopping, hasWork, resumePool, showPools, type ComputePoolDescription, type PoolChanges } from "../objects/compute-pools/compute-pools";
export { POOL_DEFAULTS, assertValid, poolProblems, type PoolSettings, type SettingProblem } from "../objects/compute-pools/compute-pool-settings";

/**
 * DROP COMPUTE POOL with its effect on workloads: it fails while the pool has services (dropPool says
 * which), and aborts the pool's job services, as SPCS does: each is cancelled (if it still runs) and
 * dropped, its history kept. Without this the jobs' containers would outlive their pool.
 */
export async function dropComputePool(platform: Platform, name: string, opts: { ifExists?: boolean } = {}): Promise<boolean> {
  const workloads = platform.catalog.services.inPool(name.toUpperCase());
  if (workloads.every((s) => s.isJob)) {
    for (const job of workloads) await dropJob(platform, { database: job.databaseName, schema: job.schemaName, name: job.name }, { ifExists: true });
  }
  return dropPool(platform, name, opts);
}

/**
 * ALTER COMPUTE POOL ... SUSPEND with its effect on workloads: every service in the pool is suspended
 * first (its containers stopped, block volumes kept), then the pool: SUSPENDED at once, or STOPPING while
 * job services still run, which SPCS lets run to DONE or FAILED (the platform agent then finishes the
 * stop, finishStopping). Resuming the pool does not resume the services: as in SPCS, a service comes back
 * when it is resumed (or, with AUTO_RESUME, when it is used). `by`: the user, or AUTO_SUSPEND_SECS.
 */
export async function suspendComputePool(platform: Platform, name: string, by: SuspendedBy = "USER"): Promise<ComputePoolDescription> {
  for (const svc of platform.catalog.services.inPool(name.toUpperCase())) {
    if (!svc.isJob) await suspendService(platform, { database: svc.databaseName, schema: svc.schemaName, name: svc.name });
  }
  return suspendPool(platform, name, by, { stopping: hasWork(platform, name) });
}

/**
 * ALTER COMPUTE POOL ... STOP ALL: drops every service of the pool and cancels (and drops) its job
 * services, as SPCS does; the pool itself stays in its state. Block volumes go too, after
 * snapshotOnDelete's backups (BCR 2026_01), as with DROP SERVICE … FORCE. `OF TYPE` is the front end's:
 * every local workload is of type USER.
 */
export async function stopAllInComputePool(platform: Platform, name: string): Promise<ComputePoolDescription> {
  if (!describePool(platform, name)) throw doesNotExist("Compute pool", name.toUpperCase());
  for (const s of platform.catalog.services.inPool(name.toUpperCase())) {
    await dropService(platform, { database: s.databaseName, schema: s.schemaName, name: s.name }, { ifExists: true, force: true });
  }
  return describePool(platform, name)!;
}
