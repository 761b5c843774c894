import type { Platform } from "../platform/platform";
import { exportContainerLogs } from "../objects/event-table/export-logs";
import { lastServiceStatus, recordPlatformEvents } from "../objects/event-table/record-platform-events";
import { describeService } from "./services";

/**
 * The account's event table (SPCS: logs by `logExporters`, and platform events): what the platform agent
 * collects into the catalog's outbox and what the SQL endpoint ships into the table it serves.
 */
export { EVENT_TABLE, EVENT_TABLE_COLUMNS, type EventRow } from "../objects/event-table/event-rows";
export { DEFAULT_LOG_EVENT_LEVEL, LOG_EVENT_LEVEL, LOG_EVENT_LEVELS, logEventLevel, setLogEventLevel, type LogEventLevel } from "../objects/event-table/log-event-level";

/**
 * One pass of the collector: every service's and job's new log lines (as its logLevel asks) and the
 * platform events of what changed since the last pass. The collecting step, taken by the agent; never by
 * a read (DESCRIBE here observes, the writes are the outbox's). A service dropped while it is looked at
 * is skipped.
 */
export async function collectEvents(platform: Platform): Promise<{ logs: number; events: number }> {
  let logs = 0;
  let events = 0;
  for (const svc of platform.catalog.services.list()) {
    if (svc.status === "DELETING") continue;
    const key = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
    // A job whose end is recorded, and its last event with it, has nothing left to say (its history stays 30 days).
    if (svc.isJob && platform.catalog.jobs.get(key)?.completedOn && lastServiceStatus(platform, key) === svc.status) continue;
    logs += await exportContainerLogs(platform, svc);
    const seen = await describeService(platform, key);
    const now = platform.catalog.services.get(key);
    if (!seen || !now || now.status === "DELETING") continue;
    events += recordPlatformEvents(platform, now, { status: seen.status, containers: seen.containers });
  }
  return { logs, events };
}

/** The oldest rows waiting for the event table, with the id to acknowledge them by. */
export function eventsToShip(platform: Platform, limit: number): { id: number; row: Record<string, unknown> }[] {
  return platform.catalog.events.pending(limit);
}

/** The rows up to `id` are in the event table: the outbox forgets them. */
export function eventsShipped(platform: Platform, id: number): void {
  platform.catalog.write(() => platform.catalog.events.shipped(id));
}
