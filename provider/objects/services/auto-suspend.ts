import type { ServiceKey, ServiceRow } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { qualified } from "../../model/service-naming";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";
import { describeService } from "./describe-service";
import { suspendService } from "./service-lifecycle";
import { lastServiceActivity } from "../workloads/service-activity";

/**
 * Service AUTO_SUSPEND_SECS, as SPCS words its rule: a service is idle while it is RUNNING and no query
 * calls one of its service functions; after AUTO_SUSPEND_SECS of that it is suspended (AUTO_RESUME then
 * brings it back on use). Job services never auto-suspend, nor do services with a public endpoint.
 *
 * Locally too, a service function call is the use (service-activity.ts records it); a service is idle
 * from the later of its last call and the moment it is RUNNING after its last start (create or resume).
 * Ingress and service-to-service traffic are not use, in SPCS neither, so a service that only other
 * services call suspends.
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
    const running = runningSince.get(start);
    const since = running === undefined ? undefined : Math.max(running, lastServiceActivity(platform.config.home, key) ?? 0);
    if (since !== undefined && now - since < svc.autoSuspendSecs * 1000) continue;
    // Idle means idle while RUNNING: a service still starting (or failing) is not suspended under it.
    if ((await describeService(platform, key))?.status !== "RUNNING") {
      runningSince.delete(start);
      continue;
    }
    if (running === undefined) {
      runningSince.set(start, now);
      continue;
    }
    await suspendService(platform, key);
    lines.push(`${qualified(key)}: no service function call for ${svc.autoSuspendSecs} s while RUNNING (AUTO_SUSPEND_SECS): suspended`);
  }
  for (const start of runningSince.keys()) if (!seen.has(start)) runningSince.delete(start);
  return lines;
}
