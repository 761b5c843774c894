import type { ServiceRow } from "../../catalog/service-store";
import { containerName } from "../../model/service-naming";
import type { RuntimeSpec } from "../../model/runtime-spec";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";
import type { Platform } from "../../platform/platform";
import { lineTimestamps, logRow, resourceAttributes, type EventRow } from "./event-rows";

/**
 * Copies what a service's (or job's) containers wrote since the last export into the event table's outbox,
 * as `logExporters.eventTableConfig.logLevel` asks: INFO both streams, ERROR stderr only, NONE or no
 * logExporters nothing. Each container's position is the engine's stamp of the last line exported, kept
 * in the catalog in the same transaction as the rows, so a line is exported once even when the agent and
 * a statement removing the container (finishing a job, dropping a service) export at the same moment.
 * `instanceIds`: only those instances (the ones about to be removed).
 */
export async function exportContainerLogs(platform: Platform, svc: ServiceRow, instanceIds?: number[], runningSpec?: RuntimeSpec): Promise<number> {
  // An instance being replaced runs the spec it was started with (an upgrade's old instances).
  const spec = runningSpec ?? readRuntimeSpec(svc);
  const level = spec.logLevel ?? "NONE";
  if (level === "NONE") return 0;
  const key = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
  const home = platform.config.home;
  const instances = instanceIds ?? platform.catalog.services.instances(key).filter((i) => i.nodeId !== null).map((i) => i.instanceId);
  let exported = 0;
  for (const instanceId of instances) {
    for (const c of spec.containers) {
      const name = containerName(home, key, instanceId, c.name);
      const lines = await platform.docker.logLinesAfter(name, platform.catalog.events.position(name)?.logTime ?? undefined);
      if (!lines.length) continue;
      const resource = resourceAttributes(platform.config.account, svc, { instanceId, containerName: c.name });
      exported += platform.catalog.write(() => {
        // Another process may have exported some of these lines since we read the position.
        const since = platform.catalog.events.position(name)?.logTime;
        const fresh = since ? lines.filter((l) => compareStamps(l.time, since) > 0) : lines;
        if (!fresh.length) return 0;
        const stamps = lineTimestamps(fresh.map((l) => l.time), since ?? undefined);
        const rows: EventRow[] = fresh.flatMap((l, i) => (level === "INFO" || l.stream === "stderr" ? [logRow(resource, l, stamps[i])] : []));
        platform.catalog.events.append(rows);
        platform.catalog.events.setLogTime(name, fresh[fresh.length - 1].time);
        return rows.length;
      });
    }
  }
  return exported;
}

/** Orders two RFC 3339 UTC stamps of the engine, whatever their number of fraction digits. */
export function compareStamps(a: string, b: string): number {
  const split = (t: string) => {
    const m = /^(.*?)(?:\.(\d+))?Z$/.exec(t);
    return [Date.parse(`${m?.[1] ?? t}Z`), Number((m?.[2] ?? "").padEnd(9, "0").slice(0, 9))];
  };
  const [as, an] = split(a);
  const [bs, bn] = split(b);
  return as - bs || an - bn;
}
