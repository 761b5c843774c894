import * as fs from "node:fs";
import { platformTuningFile } from "../../common/home-layout";
import type { ServiceKey, ServiceRow } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { AUTOSCALE_DEFAULTS, desiredInstances, nextScalingStep, type AutoscaleSettings, type ScalingWish } from "../../model/autoscaling";
import { containerName, qualified } from "../../model/service-naming";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";
import { addInstancesUpTo, removeInstancesAbove, startAndAdmit } from "./instance-count";
import { DEFAULT_READY_TIMEOUT_SECONDS } from "./await-service-ready";

/** A CPU sample is turned into a rate only over at least this long: shorter windows are mostly noise. */
const SAMPLE_WINDOW_MS = 1000;

/**
 * What the autoscaler remembers between steps, in the process that runs it (the platform agent): the
 * last CPU sample and load of each instance, each service's pending wish, and the services it is scaling
 * right now. Lost on restart, which only restarts the delays.
 */
export interface AutoscalerMemory {
  samples: Map<string, { cpuNanos: number; at: number; load?: number }>;
  wishes: Map<string, ScalingWish>;
  busy: Set<string>;
}

export function newAutoscalerMemory(): AutoscalerMemory {
  return { samples: new Map(), wishes: new Map(), busy: new Set() };
}

/** The autoscaler's settings: the defaults, overridden by the platform home's tuning file. */
export function autoscaleSettings(home: string): AutoscaleSettings {
  try {
    const tuning = JSON.parse(fs.readFileSync(platformTuningFile(home), "utf8")) as { autoscaling?: Partial<AutoscaleSettings> };
    return { ...AUTOSCALE_DEFAULTS, ...tuning.autoscaling };
  } catch {
    return AUTOSCALE_DEFAULTS;
  }
}

/**
 * One step of CPU-based autoscaling for every running service whose MAX_INSTANCES is above its
 * MIN_INSTANCES (job services never autoscale): measures each instance's CPU use from the engine, and
 * adds or removes instances once the wish has lasted its delay. New instances get traffic once READY;
 * instances the pool has no room for are not added. `log` gets one line per change.
 */
export async function autoscaleStep(platform: Platform, memory: AutoscalerMemory, log: (line: string) => void, now = Date.now()): Promise<void> {
  const settings = autoscaleSettings(platform.config.home);
  const seen = new Set<string>();
  for (const svc of platform.catalog.services.list()) {
    const key: ServiceKey = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
    const id = qualified(key);
    // The recorded status is PENDING for a service that runs (RUNNING is derived from its instances).
    if (svc.isJob || svc.status !== "PENDING" || svc.maxInstances <= svc.minInstances || svc.isUpgrading || memory.busy.has(id)) continue;
    seen.add(id);
    const instances = platform.catalog.services.instances(key).filter((i) => i.nodeId);
    const loads = await measureLoads(platform, svc, instances.map((i) => ({ id: i.instanceId, cpuMilli: i.cpuMilli })), memory, now);
    const current = platform.catalog.services.instances(key).length;
    const desired = desiredInstances(loads, current, svc.minInstances, svc.maxInstances, settings.targetCpuUtilization);
    const step = nextScalingStep(memory.wishes.get(id), current, desired, now, settings);
    if (step.wish) memory.wishes.set(id, step.wish);
    else memory.wishes.delete(id);
    const target = step.scaleTo;
    if (target === undefined) continue;
    const load = loads.map((l) => l.toFixed(2)).join(", ");
    memory.busy.add(id);
    // The change runs in the background (a drain, or readiness before admission, takes seconds): other
    // services keep being scaled meanwhile, and this one is left alone until it is done.
    const change = async (): Promise<void> => {
      if (target < current) {
        const removed = await removeInstancesAbove(platform, key, target);
        for (const gone of removed) memory.samples.delete(`${id}/${gone}`);
        log(`${id}: CPU load [${load}] of the requests: scaled down from ${current} to ${target} instances (removed ${removed.join(", ")})`);
        return;
      }
      const added = addInstancesUpTo(platform, key, target, { onlyIfPlaced: true });
      const full = added.length < target - current ? `; the pool ${svc.computePool} has no room for ${target - current - added.length} more` : "";
      log(`${id}: CPU load [${load}] of the requests: scaling up from ${current} to ${current + added.length} instances${full}`);
      await startAndAdmit(platform, key, added, DEFAULT_READY_TIMEOUT_SECONDS);
    };
    void change()
      .catch((e) => log(`${id}: autoscaling failed: ${(e as Error).message}`))
      .finally(() => memory.busy.delete(id));
  }
  for (const id of memory.wishes.keys()) if (!seen.has(id)) memory.wishes.delete(id);
}

/**
 * Each placed instance's CPU use over the last window, as a fraction of its CPU request (1 = its request
 * fully used). An instance seen for the first time (or restarted) has no window yet and is left out.
 */
async function measureLoads(platform: Platform, svc: ServiceRow, instances: { id: number; cpuMilli: number }[], memory: AutoscalerMemory, now: number): Promise<number[]> {
  const spec = readRuntimeSpec(svc);
  const key: ServiceKey = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
  const loads: number[] = [];
  for (const inst of instances) {
    const stats = await Promise.all(spec.containers.map((c) => platform.docker.containerStats(containerName(platform.config.home, key, inst.id, c.name))));
    const sampleKey = `${qualified(key)}/${inst.id}`;
    if (stats.some((s) => s === undefined)) {
      memory.samples.delete(sampleKey);
      continue;
    }
    const cpuNanos = stats.reduce((a, s) => a + s!.cpuNanos, 0);
    const prev = memory.samples.get(sampleKey);
    if (!prev || cpuNanos < prev.cpuNanos) {
      memory.samples.set(sampleKey, { cpuNanos, at: now });
      continue;
    }
    if (now - prev.at >= SAMPLE_WINDOW_MS) {
      const load = (cpuNanos - prev.cpuNanos) / ((now - prev.at) * 1e6) / (inst.cpuMilli / 1000);
      memory.samples.set(sampleKey, { cpuNanos, at: now, load });
      loads.push(load);
    } else if (prev.load !== undefined) {
      loads.push(prev.load);
    }
  }
  return loads;
}
