import type { InstanceFamily } from "../model/instance-families";
import { ZERO, add, fits, formatResources, nodeCapacity, type Resources } from "../model/resources";

/** A node of a pool and what its scheduled instances request in total. */
export interface PoolNode {
  id: string;
  used: Resources;
}

export interface InstanceToPlace {
  key: string;
  request: Resources;
}

export interface PlacementResult {
  placed: { key: string; node: string }[];
  /** Instances that fit the pool's family but not the capacity left, even after growing to maxNodes. */
  pending: string[];
  nodes: PoolNode[];
}

/**
 * First-fit placement of instances on a pool's nodes, growing the pool up to `maxNodes` when the running
 * nodes cannot take more (SPCS's autoscaler), never splitting an instance across nodes. Pure: the caller
 * reads the current nodes from the catalog and writes the result back in the same transaction, which is
 * what keeps concurrent creates from oversubscribing a pool.
 */
export function placeInstances(family: InstanceFamily, maxNodes: number, nodes: readonly PoolNode[], instances: readonly InstanceToPlace[]): PlacementResult {
  const cap = nodeCapacity(family);
  const out: PoolNode[] = nodes.map((n) => ({ id: n.id, used: { ...n.used } }));
  const placed: PlacementResult["placed"] = [];
  const pending: string[] = [];
  for (const inst of instances) {
    let node = out.find((n) => fits(n.used, inst.request, cap));
    if (!node && out.length < maxNodes && fits(ZERO, inst.request, cap)) {
      node = { id: nextNodeId(out), used: { ...ZERO } };
      out.push(node);
    }
    if (!node) {
      pending.push(inst.key);
      continue;
    }
    node.used = add(node.used, inst.request);
    placed.push({ key: inst.key, node: node.id });
  }
  return { placed, pending, nodes: out };
}

/**
 * Why a set of instances could never run in the pool, even at maxNodes with nothing else on it, or
 * undefined when they could. CREATE SERVICE fails in that case; otherwise instances wait for capacity.
 */
export function neverFits(family: InstanceFamily, maxNodes: number, instances: readonly InstanceToPlace[]): string | undefined {
  const cap = nodeCapacity(family);
  const tooBig = instances.find((i) => !fits(ZERO, i.request, cap));
  if (tooBig) {
    return `Unschedulable due to insufficient resources: one instance requests ${formatResources(tooBig.request)}, but a ${family.name} node has ${formatResources(cap)}.`;
  }
  const alone = placeInstances(family, maxNodes, [], instances);
  if (alone.pending.length > 0) {
    return `Unschedulable due to insufficient resources: ${instances.length} instances need more than the pool's MAX_NODES = ${maxNodes} ${family.name} nodes can hold.`;
  }
  return undefined;
}

/** Node ids look like SHOW NODES IN COMPUTE POOL's (`node-1`, `node-2`, ...), never reused while in use. */
function nextNodeId(nodes: readonly PoolNode[]): string {
  const used = new Set(nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!used.has(`node-${i}`)) return `node-${i}`;
}
