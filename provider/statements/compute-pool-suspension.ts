import type { Platform } from "../platform/platform";
import { suspendPool } from "../objects/compute-pools/compute-pools";
import type { ComputePoolDescription } from "../objects/compute-pools/compute-pools";
import { suspendService } from "../objects/services/service-lifecycle";

/**
 * ALTER COMPUTE POOL ... SUSPEND with its effect on workloads: every service in the pool is suspended
 * first (its containers stopped, block volumes kept), then the pool. Resuming the pool does not resume
 * them: as in SPCS, a service comes back when it is resumed (or, with AUTO_RESUME, when it is used).
 */
export async function suspendComputePool(platform: Platform, name: string): Promise<ComputePoolDescription> {
  for (const svc of platform.catalog.services.inPool(name.toUpperCase())) {
    if (!svc.isJob) await suspendService(platform, { database: svc.databaseName, schema: svc.schemaName, name: svc.name });
  }
  return suspendPool(platform, name);
}
