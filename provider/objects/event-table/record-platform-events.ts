import type { ServiceRow } from "../../catalog/service-store";
import { nowIso } from "../../common/time";
import { containerName, qualified } from "../../model/service-naming";
import type { Platform } from "../../platform/platform";
import { platformEventRow, resourceAttributes, type EventRow } from "./event-rows";
import { logEventLevel } from "./log-event-level";

/** What DESCRIBE showed of a service or job at one moment: the statuses its platform events follow. */
export interface ObservedStatuses {
  status: string;
  containers: { instanceId: string; containerName: string; status: string; message: string }[];
}

/**
 * Records SPCS's platform events for what changed since the last observation: CONTAINER.STATUS_CHANGE
 * when a container's status or message changes (READY "Running", FAILED "User application error, check
 * container logs", …, with the messages SHOW SERVICE CONTAINERS shows), SERVICE.STATUS_CHANGE when the
 * service's status does, as far as the account's LOG_EVENT_LEVEL lets them through. The last status seen is kept per container (and per service) in the
 * catalog, in the rows' transaction, so two observers record one change once.
 */
export function recordPlatformEvents(platform: Platform, svc: ServiceRow, seen: ObservedStatuses, at: string = nowIso()): number {
  const key = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
  const account = platform.config.account;
  return platform.catalog.write(() => {
    const rows: EventRow[] = [];
    const serviceKey = `service:${qualified(key)}`;
    const message = serviceMessage(svc.isJob, seen.status);
    if (lastServiceStatus(platform, key) !== seen.status) {
      rows.push(platformEventRow(resourceAttributes(account, svc), at, "SERVICE.STATUS_CHANGE", seen.status, message));
      platform.catalog.events.setStatus(serviceKey, seen.status, message);
    }
    for (const c of seen.containers) {
      const name = containerName(platform.config.home, key, Number(c.instanceId), c.containerName);
      const last = platform.catalog.events.position(name);
      if (last?.status === c.status && last.message === c.message) continue;
      const resource = resourceAttributes(account, svc, { instanceId: Number(c.instanceId), containerName: c.containerName });
      rows.push(platformEventRow(resource, at, "CONTAINER.STATUS_CHANGE", c.status, c.message));
      platform.catalog.events.setStatus(name, c.status, c.message);
    }
    // Statuses are followed whatever the level, so turning events on later records changes from then on.
    const level = logEventLevel(platform);
    const recorded = level === "OFF" ? [] : level === "ERROR" ? rows.filter((r) => (r.RECORD as { severity_text?: string }).severity_text === "ERROR") : rows;
    platform.catalog.events.append(recorded);
    return recorded.length;
  });
}

/** SERVICE.STATUS_CHANGE's messages (monitoring-services, "Supported events"), services and jobs apart. */
function serviceMessage(isJob: boolean, status: string): string {
  const noun = isJob ? "Job" : "Service";
  const messages: Record<string, string> = isJob
    ? { PENDING: "Job is pending", RUNNING: "Job is running", DONE: "Job is completed", FAILED: "Job has failed", CANCELLING: "Job is being canceled", CANCELLED: "Job has been canceled", INTERNAL_ERROR: "Job has encountered an error" }
    : { PENDING: "Service is pending", RUNNING: "Service is ready", SUSPENDING: "Service is suspending", SUSPENDED: "Service has suspended", RESUMING: "Service is resuming", FAILED: "Service has failed", INTERNAL_ERROR: "Service has encountered an error", DELETING: "Service is deleting", DELETED: "Service has been deleted" };
  return messages[status] ?? `${noun} is ${status.toLowerCase()}`;
}

/** The service status last recorded as a SERVICE.STATUS_CHANGE event, if any. */
export function lastServiceStatus(platform: Platform, key: { database: string; schema: string; name: string }): string | undefined {
  return platform.catalog.events.position(`service:${qualified(key)}`)?.status ?? undefined;
}

/** Forgets where the collector stood in a dropped service's containers (a new service of that name starts over). */
export function forgetEventPositions(platform: Platform, svc: ServiceRow): void {
  const key = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
  platform.catalog.write(() => {
    platform.catalog.events.forgetPositions(`service:${qualified(key)}`);
    // Every container of every instance: the engine's names share the prefix up to the instance id.
    platform.catalog.events.forgetPositions(containerName(platform.config.home, key, 0, "x").replace(/-0-x$/, "-"));
  });
}
