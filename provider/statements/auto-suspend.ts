import type { Platform } from "../platform/platform";
import { suspendIdleServices, type RunningSince } from "../objects/services/auto-suspend";
import { finishStopping, hasWork } from "../objects/compute-pools/compute-pools";
import { suspendComputePool } from "./compute-pools";

export { mayAutoSuspend } from "../objects/services/auto-suspend";

/** Per platform, as the process running this has seen it: since when (ms) each pool has had no work, and each service been RUNNING. */
const poolIdleSince = new WeakMap<Platform, Map<string, number>>();
const servicesRunningSince = new WeakMap<Platform, RunningSince>();

/**
 * What SPCS does on its own about idleness, one step (the platform agent calls it each tick):
 *  - services idle longer than their AUTO_SUSPEND_SECS are suspended (objects/services/auto-suspend.ts);
 *  - a STOPPING pool whose last job ended becomes SUSPENDED;
 *  - a pool with no services or jobs running for its AUTO_SUSPEND_SECS is suspended (0: never). The idle
 *    time is measured from when this process first saw the pool without work (a restarted agent starts
 *    counting again), which is never earlier than SPCS would.
 * Returns one line per change.
 */
export async function suspendIdleWork(platform: Platform, now = Date.now()): Promise<string[]> {
  let running = servicesRunningSince.get(platform);
  if (!running) servicesRunningSince.set(platform, (running = new Map()));
  const lines = await suspendIdleServices(platform, running, now);
  let idle = poolIdleSince.get(platform);
  if (!idle) poolIdleSince.set(platform, (idle = new Map()));
  for (const pool of platform.catalog.pools.list()) {
    if (pool.state === "STOPPING") {
      if (finishStopping(platform, pool.name)) lines.push(`compute pool ${pool.name}: its last job ended: SUSPENDED`);
      continue;
    }
    if (pool.state === "SUSPENDED" || pool.autoSuspendSecs === 0 || hasWork(platform, pool.name)) {
      idle.delete(pool.name);
      continue;
    }
    const since = idle.get(pool.name) ?? now;
    idle.set(pool.name, since);
    if (now - since < pool.autoSuspendSecs * 1000) continue;
    await suspendComputePool(platform, pool.name, "AUTO");
    idle.delete(pool.name);
    lines.push(`compute pool ${pool.name}: no services or jobs for ${pool.autoSuspendSecs} s (AUTO_SUSPEND_SECS): suspended`);
  }
  return lines;
}
