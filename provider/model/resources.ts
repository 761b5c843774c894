import type { InstanceFamily } from "./instance-families";

/** CPU in millicores, memory in bytes, whole GPUs: the units the scheduler adds and compares. */
export interface Resources {
  cpuMilli: number;
  memoryBytes: number;
  gpus: number;
}

export const ZERO: Resources = { cpuMilli: 0, memoryBytes: 0, gpus: 0 };
const GIB = 1024 ** 3;

/**
 * The request a container gets when its spec sets none: 0.5 vCPU and 0.5 GiB, or the limit when that is
 * smaller. SPCS's pages disagree ("whichever is greater" vs "whichever is smaller"); "greater" would make
 * every container without a request reserve a whole node (its limit defaults to node capacity), so we take
 * "smaller" (docs/platform-choices.md).
 */
export const DEFAULT_REQUEST: Resources = { cpuMilli: 500, memoryBytes: 0.5 * GIB, gpus: 0 };

/** What one node of a family offers. */
export function nodeCapacity(f: InstanceFamily): Resources {
  return { cpuMilli: f.vcpu * 1000, memoryBytes: f.memoryGib * GIB, gpus: f.gpuCount };
}

export interface ContainerResourceSpec {
  requests?: Partial<Resources>;
  limits?: Partial<Resources>;
}

/**
 * SPCS's defaulting: a missing limit is the node's capacity, a limit above capacity is capped to it, a
 * missing request is DEFAULT_REQUEST (or the limit when smaller). GPUs are only given when requested, and
 * requests equal limits (the spec validator enforces that).
 */
export function resolveContainerResources(spec: ContainerResourceSpec, family: InstanceFamily): { requests: Resources; limits: Resources } {
  const cap = nodeCapacity(family);
  const limit = (k: keyof Resources) => Math.min(spec.limits?.[k] ?? cap[k], cap[k]);
  const limits: Resources = { cpuMilli: limit("cpuMilli"), memoryBytes: limit("memoryBytes"), gpus: Math.min(spec.limits?.gpus ?? spec.requests?.gpus ?? 0, cap.gpus) };
  const requests: Resources = {
    cpuMilli: spec.requests?.cpuMilli ?? Math.min(DEFAULT_REQUEST.cpuMilli, limits.cpuMilli),
    memoryBytes: spec.requests?.memoryBytes ?? Math.min(DEFAULT_REQUEST.memoryBytes, limits.memoryBytes),
    gpus: spec.requests?.gpus ?? 0,
  };
  return { requests, limits };
}

export function add(a: Resources, b: Resources): Resources {
  return { cpuMilli: a.cpuMilli + b.cpuMilli, memoryBytes: a.memoryBytes + b.memoryBytes, gpus: a.gpus + b.gpus };
}

export function fits(used: Resources, more: Resources, capacity: Resources): boolean {
  return used.cpuMilli + more.cpuMilli <= capacity.cpuMilli && used.memoryBytes + more.memoryBytes <= capacity.memoryBytes && used.gpus + more.gpus <= capacity.gpus;
}

/** `cpu=1.5, memory=2Gi, nvidia.com/gpu=0`, in the spec's own units, for messages. */
export function formatResources(r: Resources): string {
  const mem = r.memoryBytes % GIB === 0 ? `${r.memoryBytes / GIB}Gi` : `${Math.round(r.memoryBytes / 1024 ** 2)}Mi`;
  return `cpu=${r.cpuMilli / 1000}, memory=${mem}, nvidia.com/gpu=${r.gpus}`;
}
