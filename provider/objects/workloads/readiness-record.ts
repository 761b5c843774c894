import * as fs from "node:fs";
import * as path from "node:path";
import { readinessDir } from "../../common/home-layout";
import type { ServiceKey } from "../../catalog/service-store";
import { qualified } from "../../model/service-naming";

/**
 * The control plane's verdict on one instance, written by whoever changes its DNS names (the platform
 * agent's readiness probing, a drain) and read by DESCRIBE, so the status a user sees is the routing the
 * platform applies: a container is READY exactly while its instance carries the service's names.
 */
export interface ReadinessRecord {
  /** The instance's network container the verdict is about: a replaced instance (same id) starts over. */
  netns: string;
  /** Per spec container with a readiness probe: passing (true) or failing (false) as the agent counts it. */
  ready: Record<string, boolean>;
  /** The instance is leaving (upgrade, restart, scale-down): it lost its names and must not get them back. */
  terminating?: boolean;
}

function recordFile(home: string, k: ServiceKey, instanceId: number): string {
  return path.join(readinessDir(home), qualified(k).toLowerCase(), `${instanceId}.json`);
}

/** The record of this instance's current network container, or undefined (never probed, or replaced since). */
export function readReadiness(home: string, k: ServiceKey, instanceId: number, netns: string): ReadinessRecord | undefined {
  try {
    const rec = JSON.parse(fs.readFileSync(recordFile(home, k, instanceId), "utf8")) as ReadinessRecord;
    return rec.netns === netns ? rec : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole through a rename, so a reader never sees half a record. */
export function writeReadiness(home: string, k: ServiceKey, instanceId: number, rec: ReadinessRecord): void {
  const file = recordFile(home, k, instanceId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(rec));
  fs.renameSync(tmp, file);
}

export function removeReadiness(home: string, k: ServiceKey, instanceId?: number): void {
  const target = instanceId === undefined ? path.dirname(recordFile(home, k, 0)) : recordFile(home, k, instanceId);
  fs.rmSync(target, { recursive: true, force: true });
}
