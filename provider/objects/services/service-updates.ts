import { SpcsError, doesNotExist } from "../../common/errors";
import { faultPoint } from "../../common/fault-points";
import { nowIso } from "../../common/time";
import type { InstanceRow, PinnedImage, ServiceKey } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { findInstanceFamily, type InstanceFamily } from "../../model/instance-families";
import { driftInstance, isIngressDrift, type Drift } from "../../model/drift";
import { neverFits, placeInstances } from "../../scheduler/placement";
import { awaitInstanceReady } from "./await-service-ready";
import { describeService } from "./describe-service";
import { pinImage } from "../images/image-pinning";
import { ensureIngress } from "./ingress";
import { admitInstance, removeInstance, startInstance } from "../workloads/instance-runner";
import type { RuntimeSpec } from "../../model/runtime-spec";
import { qualified } from "../../model/service-naming";
import { blockVolumes } from "../../model/block-volumes";
import { instanceRequest, poolNodesOf } from "../workloads/capacity";
import { addInstancesUpTo, removeInstancesAbove } from "./instance-count";
import { readRuntimeSpec, writeRuntimeSpec } from "../../model/stored-runtime-spec";

/**
 * ALTER SERVICE ... FROM SPECIFICATION: a rolling upgrade. Images are resolved again (the only time tags
 * move), `specDigest` changes at once and `isUpgrading` is true until every instance runs the new spec.
 * Instances are replaced one at a time in descending instance id, the next only after the new one is
 * READY, so a service with two or more instances keeps serving throughout.
 */
export async function upgradeService(platform: Platform, key: ServiceKey, spec: RuntimeSpec, specDigest: string, timeoutSeconds: number, progress: (l: string) => void = () => undefined): Promise<void> {
  const svc = platform.catalog.services.get(key);
  if (!svc) throw doesNotExist("Service", qualified(key));
  const images: Record<string, PinnedImage> = {};
  for (const c of spec.containers) images[c.name] = await pinImage(platform, c.image);
  const oldSpec = readRuntimeSpec(svc);
  const pool = platform.catalog.pools.get(svc.computePool)!;
  const family = findInstanceFamily(pool.instanceFamily)!;
  const request = instanceRequest(spec, family);
  const never = neverFits(family, pool.maxNodes, platform.catalog.services.instances(key).map((i) => ({ key: String(i.instanceId), request })));
  if (never) throw new SpcsError("unschedulable", `Cannot alter service ${qualified(key)} in compute pool ${pool.name}. ${never}`, "request less cpu or memory, or use a larger instance family or more maxNodes; the service keeps running its current specification");
  platform.catalog.write(() => platform.catalog.services.update(key, { spec: writeRuntimeSpec(spec), specDigest, images, isUpgrading: true, updatedOn: nowIso() }));
  faultPoint("upgrade:catalog-written");
  await replaceInstances(platform, key, oldSpec, spec, { specDigest, ...request }, family, timeoutSeconds, (id) => progress(`Service ${qualified(key)}: upgrading instance ${id}`));
  // Public endpoints added or removed by the new spec; the ports of those that stay are kept.
  await ensureIngress(platform, platform.catalog.services.get(key)!, spec);
  platform.catalog.write(() => platform.catalog.services.update(key, { isUpgrading: false, updatedOn: nowIso() }));
}

/**
 * Restarts every instance the same rolling way, with the same spec and pinned images: what a change of
 * the service's secret values needs (SPCS reads env-var secrets only when a container starts).
 */
export async function restartService(platform: Platform, key: ServiceKey, timeoutSeconds: number, progress: (l: string) => void = () => undefined): Promise<void> {
  const svc = platform.catalog.services.get(key);
  if (!svc) throw doesNotExist("Service", qualified(key));
  const spec = readRuntimeSpec(svc);
  const family = findInstanceFamily(platform.catalog.pools.get(svc.computePool)!.instanceFamily)!;
  await replaceInstances(platform, key, spec, spec, {}, family, timeoutSeconds, (id) => progress(`Service ${qualified(key)}: restarting instance ${id}`));
}

/** Replaces placed instances one at a time in descending id; each new one joins the service's DNS names once READY. */
async function replaceInstances(platform: Platform, key: ServiceKey, oldSpec: RuntimeSpec, spec: RuntimeSpec, instanceChanges: Partial<InstanceRow>, family: InstanceFamily, timeoutSeconds: number, progress: (id: number) => void): Promise<void> {
  const svc = platform.catalog.services.get(key)!;
  for (const inst of [...platform.catalog.services.instances(key)].reverse()) {
    progress(inst.instanceId);
    if (inst.nodeId) await removeInstance(platform, key, inst.instanceId, oldSpec, { keepBlockVolumes: true, drain: true });
    // Placed again with its new request, against what the rest of the pool uses now: a larger request may
    // need another node, and must never oversubscribe the one it had. No room: it waits PENDING.
    const node = platform.catalog.write(() => {
      platform.catalog.services.updateInstance(key, inst.instanceId, { ...instanceChanges, nodeId: null });
      if (!inst.nodeId) return null;
      const row = platform.catalog.services.instances(key).find((i) => i.instanceId === inst.instanceId)!;
      const pool = platform.catalog.pools.get(svc.computePool)!;
      const placed = placeInstances(family, pool.maxNodes, poolNodesOf(platform, pool.name), [{ key: "x", request: { cpuMilli: row.cpuMilli, memoryBytes: row.memoryBytes, gpus: row.gpus } }]).placed[0]?.node ?? null;
      platform.catalog.services.setInstanceNode(key, inst.instanceId, placed, placed ? nowIso() : null);
      return placed;
    });
    if (node) {
      await startInstance(platform, svc, spec, inst.instanceId, family, { admitted: false });
      await awaitInstanceReady(platform, key, inst.instanceId, timeoutSeconds);
      await admitInstance(platform, svc, inst.instanceId);
    } else if (inst.nodeId) {
      await awaitInstanceReady(platform, key, inst.instanceId, timeoutSeconds); // fails with "Pending scheduling."
    }
  }
}

/**
 * ALTER SERVICE ... SET MIN_INSTANCES / MAX_INSTANCES: records them and brings the instance count inside
 * the new range (the autoscaler moves it within the range afterwards): the highest ids go when it is above
 * MAX, new ones are placed like at create when it is below MIN.
 */
export async function scaleService(platform: Platform, key: ServiceKey, minInstances: number, maxInstances: number): Promise<void> {
  const svc = platform.catalog.services.get(key);
  if (!svc) throw doesNotExist("Service", qualified(key));
  const spec = readRuntimeSpec(svc);
  // SPCS: the instance count of a service with block volumes is fixed at CREATE.
  if (blockVolumes(spec).length > 0) {
    throw new SpcsError("block-volume-instances", `Service ${qualified(key)} has block volumes; its MIN_INSTANCES and MAX_INSTANCES (${svc.minInstances}) cannot be changed.`, `keep minInstances and maxInstances at ${svc.minInstances}, or create a new service with the counts you need`);
  }
  const current = platform.catalog.services.instances(key).length;
  const count = Math.min(maxInstances, Math.max(minInstances, current));
  await removeInstancesAbove(platform, key, count);
  const added = addInstancesUpTo(platform, key, count, { inSameWrite: () => platform.catalog.services.update(key, { minInstances, maxInstances, updatedOn: nowIso() }) });
  const family = findInstanceFamily(platform.catalog.pools.get(svc.computePool)!.instanceFamily)!;
  for (const id of added) await startInstance(platform, platform.catalog.services.get(key)!, spec, id, family);
}

/** ALTER SERVICE ... SET for properties that need no container change. */
export function setServiceProperties(platform: Platform, key: ServiceKey, changes: { minReadyInstances?: number; autoResume?: boolean; autoSuspendSecs?: number; externalAccessIntegrations?: string[] | null; queryWarehouse?: string | null; comment?: string | null }): void {
  platform.catalog.write(() => {
    if (!platform.catalog.services.get(key)) throw doesNotExist("Service", qualified(key));
    platform.catalog.services.update(key, { ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)), updatedOn: nowIso() });
  });
}

/**
 * Repairs what DESCRIBE reports as drift, and only that: an instance with a removed, stopped or altered
 * container is recreated from the pinned images (its block volumes kept); containers of instances the
 * service does not have are removed. Returns the drift it repaired.
 */
export async function repairService(platform: Platform, key: ServiceKey): Promise<Drift[]> {
  const d = await describeService(platform, key);
  if (!d) throw doesNotExist("Service", qualified(key));
  if (d.drift.length === 0) return [];
  const svc = platform.catalog.services.get(key)!;
  const spec = readRuntimeSpec(svc);
  const family = findInstanceFamily(platform.catalog.pools.get(svc.computePool)!.instanceFamily)!;
  const known = new Set(platform.catalog.services.instances(key).map((i) => i.instanceId));
  const drifted = new Set(d.drift.map(driftInstance).filter((id) => id !== undefined));
  for (const id of drifted) {
    await removeInstance(platform, key, id, spec, { keepBlockVolumes: true });
    if (known.has(id)) await startInstance(platform, svc, spec, id, family);
  }
  // A removed ingress comes back on its recorded ports, a stopped one is started.
  if (d.drift.some(isIngressDrift)) await ensureIngress(platform, svc, spec);
  return d.drift;
}
