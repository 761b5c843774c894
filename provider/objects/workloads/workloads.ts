import { SpcsError, alreadyExists, doesNotExist } from "../../common/errors";
import { nowIso } from "../../common/time";
import type { InstanceRow, PinnedImage, ServiceKey, ServiceRow } from "../../catalog/service-store";
import { OWNER_ROLE, type Platform } from "../../platform/platform";
import { findInstanceFamily, type InstanceFamily } from "../../model/instance-families";
import { resumePool } from "../compute-pools/compute-pools";
import { neverFits, placeInstances, type PoolNode } from "../../scheduler/placement";
import { ZERO, add, resolveContainerResources, type Resources } from "../../model/resources";
import { pinImage } from "../images/image-pinning";
import { ensureIngress, removeIngress } from "../services/ingress";
import { removeInstance, removeServiceFiles, startInstance } from "./instance-runner";
import { removeUnusedNetworks } from "./platform-networks";
import { removeServiceSecrets, writeServiceSecrets, type SecretValue } from "./secret-store";
import type { RuntimeSpec } from "../../model/runtime-spec";
import { qualified, serviceDnsName } from "../../model/service-naming";

/** CREATE SERVICE's properties, resolved (defaults filled, names upper-case). */
export interface ServiceDefinition {
  key: ServiceKey;
  computePool: string;
  spec: RuntimeSpec;
  specDigest: string;
  minInstances: number;
  maxInstances: number;
  minReadyInstances: number;
  autoResume: boolean;
  externalAccessIntegrations: string[] | null;
  queryWarehouse: string | null;
  comment: string | null;
  /** Values of the Snowflake secrets the spec references, by upper-case name. */
  secrets?: Record<string, SecretValue>;
}

/** How a job service differs at creation (EXECUTE JOB SERVICE); see jobs/execute-job.ts. */
export interface CreateOptions {
  job?: {
    isAsync: boolean;
    /** Writes the job's own rows in the transaction that records the service row. */
    record: (row: ServiceRow) => void;
  };
  /** Pins one container's image; the default resolves the spec's tag in the registry now. */
  pin?: (container: RuntimeSpec["containers"][number]) => Promise<PinnedImage>;
}

/**
 * CREATE SERVICE. Fails, leaving nothing behind, when the pool is missing, suspended without AUTO_RESUME,
 * an image cannot be pinned, or the instances could never fit the pool. Otherwise records the service and
 * its instances in one transaction (placement against the pool's current usage, so concurrent creates
 * never oversubscribe it), then starts the instances that got a node; the rest wait PENDING.
 */
export async function createService(platform: Platform, def: ServiceDefinition, opts: CreateOptions = {}): Promise<ServiceRow> {
  const { key } = def;
  const pool = platform.catalog.pools.get(def.computePool);
  if (!pool) throw doesNotExist("Compute pool", def.computePool);
  if (pool.state === "SUSPENDED") {
    if (!pool.autoResume) {
      throw new SpcsError("pool-suspended", `Compute pool ${pool.name} is suspended and AUTO_RESUME is FALSE.`, `resume it first: spcs alter compute-pool ${pool.name} resume (or set suspended: false)`);
    }
    resumePool(platform, pool.name);
  }
  const family = findInstanceFamily(pool.instanceFamily)!;
  const images: Record<string, PinnedImage> = {};
  for (const c of def.spec.containers) images[c.name] = await (opts.pin ? opts.pin(c) : pinImage(platform, c.image));
  const request = instanceRequest(def.spec, family);
  const instances = Array.from({ length: def.minInstances }, (_, i) => ({ key: String(i), request }));
  const never = neverFits(family, pool.maxNodes, instances);
  if (never) {
    const [what, count] = opts.job ? ["execute job service", "replicas"] : ["create service", "minInstances"];
    throw new SpcsError("unschedulable", `Cannot ${what} ${qualified(key)} in compute pool ${pool.name}. ${never}`, `request less cpu or memory, lower ${count}, or use a larger instance family or more maxNodes`);
  }

  const now = nowIso();
  const row: ServiceRow = platform.catalog.write(() => {
    if (platform.catalog.services.get(key)) throw alreadyExists(qualified(key), "choose another name, or drop the existing service first");
    const placement = placeInstances(family, pool.maxNodes, poolNodesOf(platform, pool.name), instances);
    const svc: ServiceRow = {
      databaseName: key.database, schemaName: key.schema, name: key.name, computePool: pool.name, status: "PENDING",
      spec: JSON.stringify(def.spec), specDigest: def.specDigest, dnsName: serviceDnsName(key),
      minInstances: def.minInstances, maxInstances: def.maxInstances, minReadyInstances: def.minReadyInstances,
      autoResume: def.autoResume, autoSuspendSecs: 0, externalAccessIntegrations: def.externalAccessIntegrations,
      queryWarehouse: def.queryWarehouse, comment: def.comment, images, isJob: opts.job !== undefined, isAsyncJob: opts.job?.isAsync ?? false, isUpgrading: false,
      createdOn: now, updatedOn: now, resumedOn: null, suspendedOn: null, owner: OWNER_ROLE,
    };
    platform.catalog.services.insert(svc);
    for (let i = 0; i < def.minInstances; i++) {
      const node = placement.placed.find((p) => p.key === String(i))?.node ?? null;
      platform.catalog.services.insertInstance({
        databaseName: key.database, schemaName: key.schema, serviceName: key.name, instanceId: i, computePool: pool.name,
        nodeId: node, specDigest: def.specDigest, ...request, creationTime: now, startTime: node ? now : null,
      });
    }
    opts.job?.record(svc);
    return svc;
  });

  try {
    writeServiceSecrets(platform.config.home, key, def.secrets ?? {});
    // Instances are independent: start them at once (a 10-replica job starts in the time of one or two).
    await Promise.all(platform.catalog.services.instances(key).filter((i) => i.nodeId).map((i) => startInstance(platform, row, def.spec, i.instanceId, family)));
    if (!row.isJob) await ensureIngress(platform, row, def.spec);
  } catch (e) {
    // Nothing half-made is left behind. If even that fails (the engine went away), the service stays
    // recorded as PENDING so the creating resource's next `pulumi up` continues from it (adoption.ts).
    await dropService(platform, key, { ifExists: true }).catch(() =>
      platform.catalog.write(() => platform.catalog.services.get(key) && platform.catalog.services.update(key, { status: "PENDING" })),
    );
    throw e;
  }
  return row;
}

/** DROP SERVICE: stops and removes every container, then the catalog rows; frees capacity for waiting work. */
export async function dropService(platform: Platform, key: ServiceKey, opts: { ifExists?: boolean } = {}): Promise<boolean> {
  const svc = platform.catalog.services.get(key);
  if (!svc) {
    if (opts.ifExists) return false;
    throw doesNotExist("Service", qualified(key));
  }
  // DROP SERVICE of a job cancels it if it still runs, and keeps its history. (Loaded lazily: the jobs
  // module builds on this one.)
  if (svc.isJob) await (await import("../jobs/cancel-job")).cancelJobForDrop(platform, svc);
  platform.catalog.write(() => platform.catalog.services.update(key, { status: "DELETING", updatedOn: nowIso() }));
  const spec = JSON.parse(svc.spec) as RuntimeSpec;
  await removeIngress(platform, key);
  await Promise.all(platform.catalog.services.instances(key).map((i) => removeInstance(platform, key, i.instanceId, spec)));
  platform.catalog.write(() => platform.catalog.services.delete(key));
  removeServiceFiles(platform.config.home, key);
  removeServiceSecrets(platform.config.home, key);
  await removeUnusedNetworks(platform);
  await startPending(platform, svc.computePool);
  return true;
}

const IDLE_STATUSES: readonly string[] = ["SUSPENDED", "SUSPENDING", "DELETING", "DONE", "FAILED", "CANCELLING", "CANCELLED"];

/** Places and starts instances that were waiting for capacity in a pool (after capacity freed up). */
export async function startPending(platform: Platform, poolName: string): Promise<void> {
  const pool = platform.catalog.pools.get(poolName);
  if (!pool || pool.state === "SUSPENDED") return;
  const family = findInstanceFamily(pool.instanceFamily)!;
  const started = platform.catalog.write(() => {
    // Instances of services that are suspended or being dropped, and of finished jobs, wait for nothing.
    const idle = new Set(platform.catalog.services.inPool(poolName).filter((s) => IDLE_STATUSES.includes(s.status)).map((s) => qualified({ database: s.databaseName, schema: s.schemaName, name: s.name })));
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
    const spec = JSON.parse(svc.spec) as RuntimeSpec;
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
