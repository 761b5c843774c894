import { doesNotExist } from "../../common/errors";
import { nowIso } from "../../common/time";
import type { ServiceKey } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { findInstanceFamily } from "../../model/instance-families";
import { qualified } from "../../model/service-naming";
import { placeInstances } from "../../scheduler/placement";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";
import { instanceRequest, poolNodesOf, startPending } from "../workloads/capacity";
import { admitInstance, removeInstance, startInstance } from "../workloads/instance-runner";
import { awaitInstanceReady } from "./await-service-ready";

/**
 * Changes how many instances a service runs, what ALTER SERVICE ... SET MIN/MAX_INSTANCES and the
 * autoscaler share. Removing takes the highest ids first, each leaving the service's DNS names and
 * draining before it stops. Adding places the new ids like CREATE does, against the pool's current usage.
 */
export async function removeInstancesAbove(platform: Platform, key: ServiceKey, count: number): Promise<number[]> {
  const svc = platform.catalog.services.get(key);
  if (!svc) throw doesNotExist("Service", qualified(key));
  const spec = readRuntimeSpec(svc);
  const gone = platform.catalog.services.instances(key).filter((i) => i.instanceId >= count).reverse();
  for (const inst of gone) {
    await removeInstance(platform, key, inst.instanceId, spec, { drain: true });
    platform.catalog.write(() => platform.catalog.services.deleteInstance(key, inst.instanceId));
  }
  if (gone.length > 0) await startPending(platform, svc.computePool);
  return gone.map((i) => i.instanceId);
}

/**
 * Records instances up to `count`, placed in one catalog write; the caller starts those placed (their ids
 * are returned). `onlyIfPlaced` (the autoscaler): an instance the pool has no room for is not added at
 * all, rather than left waiting PENDING; ALTER records every instance, and those without room wait for
 * capacity as at CREATE. `inSameWrite`: more catalog changes made in the same transaction.
 */
export function addInstancesUpTo(platform: Platform, key: ServiceKey, count: number, opts: { onlyIfPlaced?: boolean; inSameWrite?: () => void } = {}): number[] {
  const svc = platform.catalog.services.get(key);
  if (!svc) throw doesNotExist("Service", qualified(key));
  const spec = readRuntimeSpec(svc);
  const pool = platform.catalog.pools.get(svc.computePool)!;
  const family = findInstanceFamily(pool.instanceFamily)!;
  const request = instanceRequest(spec, family);
  const added = platform.catalog.write(() => {
    opts.inSameWrite?.();
    const current = platform.catalog.services.instances(key);
    const next = current.length === 0 ? 0 : Math.max(...current.map((i) => i.instanceId)) + 1;
    const ids = Array.from({ length: Math.max(0, count - current.length) }, (_, i) => next + i);
    const placement = placeInstances(family, pool.maxNodes, poolNodesOf(platform, pool.name), ids.map((id) => ({ key: String(id), request })));
    const now = nowIso();
    const started: number[] = [];
    for (const id of ids) {
      const node = placement.placed.find((p) => p.key === String(id))?.node ?? null;
      if (!node && opts.onlyIfPlaced) continue;
      platform.catalog.services.insertInstance({ databaseName: key.database, schemaName: key.schema, serviceName: key.name, instanceId: id, computePool: pool.name, nodeId: node, specDigest: svc.specDigest, ...request, creationTime: now, startTime: node ? now : null });
      if (node) started.push(id);
    }
    return started;
  });
  return added;
}

/**
 * Starts added instances outside the service's DNS names and admits each once READY, so a new instance
 * gets no traffic before it can answer (the same path as an upgrade's replacements).
 */
export async function startAndAdmit(platform: Platform, key: ServiceKey, ids: number[], timeoutSeconds: number): Promise<void> {
  const svc = platform.catalog.services.get(key);
  if (!svc) return;
  const spec = readRuntimeSpec(svc);
  const family = findInstanceFamily(platform.catalog.pools.get(svc.computePool)!.instanceFamily)!;
  await Promise.all(
    ids.map(async (id) => {
      await startInstance(platform, svc, spec, id, family, { admitted: false });
      await awaitInstanceReady(platform, key, id, timeoutSeconds);
      await admitInstance(platform, svc, id);
    }),
  );
}
