import { nowIso } from "../../common/time";
import type { InstanceRow } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { findInstanceFamily, type InstanceFamily } from "../../model/instance-families";
import { ZERO, add, resolveContainerResources, type Resources } from "../../model/resources";
import type { RuntimeSpec } from "../../model/runtime-spec";
import { qualified } from "../../model/service-naming";
import { placeInstances, type PoolNode } from "../../scheduler/placement";
import { removeInstance, startInstance } from "./instance-runner";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";
import { isRunningWorkload } from "../../model/statuses";


/** Places and starts instances that were waiting for capacity in a pool (after capacity freed up). */
export async function startPending(platform: Platform, poolName: string): Promise<void> {
  const pool = platform.catalog.pools.get(poolName);
  if (!pool || pool.state === "SUSPENDED" || pool.state === "STOPPING") return;
  const family = findInstanceFamily(pool.instanceFamily)!;
  const started = platform.catalog.write(() => {
    // Instances of services that are suspended or being dropped, and of finished jobs, wait for nothing.
    const idle = new Set(platform.catalog.services.inPool(poolName).filter((s) => !isRunningWorkload(s.status)).map((s) => qualified({ database: s.databaseName, schema: s.schemaName, name: s.name })));
    const waiting = platform.catalog.services.instancesInPool(poolName).filter((i) => i.nodeId === null && !idle.has(qualified({ database: i.databaseName, schema: i.schemaName, name: i.serviceName })));
    const placement = placeInstances(family, pool.maxNodes, poolNodesOf(platform, poolName), waiting.map((i) => ({ key: instanceKey(i), request: requestOf(i) })));
    const now = nowIso();
    const out: InstanceRow[] = [];
    for (const p of placement.placed) {
      const inst = waiting.find((i) => instanceKey(i) === p.key)!;
      platform.catalog.services.setInstanceNode({ database: inst.databaseName, schema: inst.schemaName, name: inst.serviceName }, inst.instanceId, p.node, now);
      out.push(inst);
    }
    return out;
  });
  for (const inst of started) {
    const k = { database: inst.databaseName, schema: inst.schemaName, name: inst.serviceName };
    const svc = platform.catalog.services.get(k);
    if (!svc) continue;
    const spec = readRuntimeSpec(svc);
    const gone = () => ["DELETING", undefined].includes(platform.catalog.services.get(k)?.status);
    try {
      await startInstance(platform, svc, spec, inst.instanceId, family);
    } catch (e) {
      // This starts other services' instances: a failure is theirs to report (describe shows the instance
      // not running), not the caller's; one dropped meanwhile by another process simply goes away.
      if (!gone()) console.log(`Service ${qualified(k)}: instance ${inst.instanceId} got capacity but did not start: ${(e as Error).message}`);
    }
    // Dropped by another process while it started: whatever this start created must not outlive it.
    if (gone()) await removeInstance(platform, k, inst.instanceId, spec);
  }
}

/** Current usage of each node of a pool, from the instances placed on it. */
export function poolNodesOf(platform: Platform, poolName: string): PoolNode[] {
  const byNode = new Map<string, Resources>();
  for (const i of platform.catalog.services.instancesInPool(poolName)) {
    if (i.nodeId) byNode.set(i.nodeId, add(byNode.get(i.nodeId) ?? ZERO, requestOf(i)));
  }
  return [...byNode].map(([id, used]) => ({ id, used })).sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
}

/** What one instance of a spec reserves: the sum of its containers' requests. */
export function instanceRequest(spec: RuntimeSpec, family: InstanceFamily): Resources {
  return spec.containers.map((c) => resolveContainerResources(c.resources, family).requests).reduce(add, ZERO);
}

const requestOf = (i: InstanceRow): Resources => ({ cpuMilli: i.cpuMilli, memoryBytes: i.memoryBytes, gpus: i.gpus });
const instanceKey = (i: InstanceRow) => `${i.databaseName}.${i.schemaName}.${i.serviceName}/${i.instanceId}`;
