import type { ServiceKey, ServiceRow } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { qualified } from "../../model/service-naming";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";
import { describeService } from "./describe-service";
import { suspendService } from "./service-lifecycle";

/**
 * Service AUTO_SUSPEND_SECS, as SPCS words its rule: a service is idle while it is RUNNING and no query
 * calls one of its service functions; after AUTO_SUSPEND_SECS of that it is suspended (AUTO_RESUME then
 * brings it back on use). Job services never auto-suspend, nor do services with a public endpoint.
 *
 * Service functions do not exist on the local platform, so locally nothing counts as use: a service is
 * idle from the moment it is RUNNING after its last start (create or resume), exactly as a service that
 * only other services call is idle in SPCS (service-to-service traffic is not activity there either).
 */
export function mayAutoSuspend(svc: ServiceRow): boolean {
  return !svc.isJob && svc.autoSuspendSecs > 0 && !readRuntimeSpec(svc).endpoints.some((e) => e.public);
}

/**
 * Since when (ms) each service has been RUNNING, as the process calling suspendIdleServices first saw it,
 * by service and start (created or resumed): the catalog records starts, not when readiness came.
 */
export type RunningSince = Map<string, number>;

/** Suspends every service idle longer than its AUTO_SUSPEND_SECS; returns one line per service suspended. */
export async function suspendIdleServices(platform: Platform, runningSince: RunningSince, now = Date.now()): Promise<string[]> {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const svc of platform.catalog.services.list()) {
    if (svc.status !== "PENDING" || !mayAutoSuspend(svc)) continue;
    const key: ServiceKey = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
    const start = `${qualified(key)}@${svc.resumedOn ?? svc.createdOn}`;
    seen.add(start);
    const since = runningSince.get(start);
    if (since !== undefined && now - since < svc.autoSuspendSecs * 1000) continue;
    // Idle means idle while RUNNING: a service still starting (or failing) is not suspended under it.
    if ((await describeService(platform, key))?.status !== "RUNNING") {
      runningSince.delete(start);
      continue;
    }
    if (since === undefined) {
      runningSince.set(start, now);
      continue;
    }
    await suspendService(platform, key);
    lines.push(`${qualified(key)}: idle for ${svc.autoSuspendSecs} s (AUTO_SUSPEND_SECS): suspended`);
  }
  for (const start of runningSince.keys()) if (!seen.has(start)) runningSince.delete(start);
  return lines;
}
