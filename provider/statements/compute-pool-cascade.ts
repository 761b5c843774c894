import type { Platform } from "../platform/platform";
import { dropPool } from "../objects/compute-pools/compute-pools";
import { dropService } from "../objects/workloads/workloads";

/**
 * DROP COMPUTE POOL with its effect on workloads: it fails while the pool has services (dropPool says
 * which), and aborts the pool's job services, as SPCS does: each is cancelled (if it still runs) and
 * dropped, its history kept. Without this the jobs' containers would outlive their pool.
 */
export async function dropComputePool(platform: Platform, name: string, opts: { ifExists?: boolean } = {}): Promise<boolean> {
  const pool = name.toUpperCase();
  const workloads = platform.catalog.services.inPool(pool);
  if (workloads.every((s) => s.isJob)) {
    for (const job of workloads) await dropService(platform, { database: job.databaseName, schema: job.schemaName, name: job.name }, { ifExists: true });
  }
  return dropPool(platform, name, opts);
}
