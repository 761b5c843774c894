import { SpcsError, alreadyExists, doesNotExist } from "../../common/errors";
import { requireIntegrations } from "../external-access-integrations/allowed-egress";
import { nowIso } from "../../common/time";
import { faultPoint } from "../../common/fault-points";
import { timed } from "../../common/phase-timings";
import type { PinnedImage, ServiceKey, ServiceRow } from "../../catalog/service-store";
import { OWNER_ROLE, type Platform } from "../../platform/platform";
import { findInstanceFamily } from "../../model/instance-families";
import type { RuntimeSpec } from "../../model/runtime-spec";
import { qualified, serviceDnsName } from "../../model/service-naming";
import { requireFixedInstances } from "../../model/block-volumes";
import { requireInitialSnapshots } from "../snapshots/snapshots";
import { neverFits, placeInstances } from "../../scheduler/placement";
import { resumePool } from "../compute-pools/compute-pools";
import { pinImage } from "../images/image-pinning";
import { instanceRequest, poolNodesOf, startPending } from "./capacity";
import { removeInstance, removeServiceFiles, startInstance } from "./instance-runner";
import { removeUnusedNetworks } from "./platform-networks";
import { removeServiceSecrets, writeServiceSecrets, type SecretValue } from "./secret-store";
import { removeServiceActivity } from "./service-activity";
import { readRuntimeSpec, writeRuntimeSpec } from "../../model/stored-runtime-spec";
import { forgetEventPositions } from "../event-table/record-platform-events";

/** CREATE SERVICE's properties, resolved (defaults filled, names upper-case); EXECUTE JOB SERVICE's too. */
export interface ServiceDefinition {
  key: ServiceKey;
  computePool: string;
  spec: RuntimeSpec;
  specDigest: string;
  minInstances: number;
  maxInstances: number;
  minReadyInstances: number;
  autoResume: boolean;
  /** AUTO_SUSPEND_SECS (services only; 0 or missing: never). */
  autoSuspendSecs?: number;
  externalAccessIntegrations: string[] | null;
  queryWarehouse: string | null;
  comment: string | null;
  /** Values of the Snowflake secrets the spec references, by upper-case name. */
  secrets?: Record<string, SecretValue>;
}

/** What a service and a job service do differently at creation (objects/services, objects/jobs). */
export interface WorkloadKind {
  job?: {
    isAsync: boolean;
    /** Writes the job's own rows in the transaction that records the service row. */
    record: (row: ServiceRow) => void;
  };
  /** Pins one container's image; the default resolves the spec's tag in the registry now. */
  pin?: (container: RuntimeSpec["containers"][number]) => Promise<PinnedImage>;
  /** What the kind adds once its instances started (a service's ingress). */
  started?: (row: ServiceRow) => Promise<void>;
  /** The kind's own DROP, used to leave nothing behind when creation fails part-way. */
  drop: (key: ServiceKey) => Promise<unknown>;
}

/**
 * CREATE SERVICE and EXECUTE JOB SERVICE, the part they share. Fails, leaving nothing behind, when the
 * pool is missing, suspended without AUTO_RESUME, an image cannot be pinned, or the instances could never
 * fit the pool. Otherwise records the workload and its instances in one transaction (the pool is read and
 * placement made inside it, against the pool's current usage, so concurrent creates never oversubscribe
 * it), then starts the instances that got a node; the rest wait PENDING.
 */
export async function createWorkload(platform: Platform, def: ServiceDefinition, kind: WorkloadKind): Promise<ServiceRow> {
  const { key } = def;
  requireIntegrations(platform, def.externalAccessIntegrations);
  requireFixedInstances(def.spec, qualified(key), def.minInstances, def.maxInstances);
  requireInitialSnapshots(platform, key, def.spec.volumes);
  const pool = platform.catalog.pools.get(def.computePool);
  if (!pool) throw doesNotExist("Compute pool", def.computePool);
  if (pool.state === "SUSPENDED" || pool.state === "STOPPING") {
    if (!pool.autoResume) {
      throw new SpcsError("pool-suspended", `Compute pool ${pool.name} is suspended and AUTO_RESUME is FALSE.`, `resume it first: spcs alter compute-pool ${pool.name} resume (or set suspended: false)`);
    }
    resumePool(platform, pool.name);
  }
  const family = findInstanceFamily(pool.instanceFamily)!;
  const images: Record<string, PinnedImage> = {};
  for (const c of def.spec.containers) images[c.name] = await timed("workload.pinImage", () => (kind.pin ? kind.pin(c) : pinImage(platform, c.image)));
  const request = instanceRequest(def.spec, family);
  const instances = Array.from({ length: def.minInstances }, (_, i) => ({ key: String(i), request }));
  const never = neverFits(family, pool.maxNodes, instances);
  if (never) {
    const [what, count] = kind.job ? ["execute job service", "replicas"] : ["create service", "minInstances"];
    throw new SpcsError("unschedulable", `Cannot ${what} ${qualified(key)} in compute pool ${pool.name}. ${never}`, `request less cpu or memory, lower ${count}, or use a larger instance family or more maxNodes`);
  }

  const now = nowIso();
  const row: ServiceRow = platform.catalog.write(() => {
    if (platform.catalog.services.get(key)) throw alreadyExists(qualified(key), "choose another name, or drop the existing service first");
    const current = platform.catalog.pools.get(pool.name);
    if (!current) throw doesNotExist("Compute pool", def.computePool);
    const placement = placeInstances(family, current.maxNodes, poolNodesOf(platform, pool.name), instances);
    const svc: ServiceRow = {
      databaseName: key.database, schemaName: key.schema, name: key.name, computePool: pool.name, status: "PENDING",
      spec: writeRuntimeSpec(def.spec), specDigest: def.specDigest, dnsName: serviceDnsName(key),
      minInstances: def.minInstances, maxInstances: def.maxInstances, minReadyInstances: def.minReadyInstances,
      autoResume: def.autoResume, autoSuspendSecs: kind.job ? 0 : (def.autoSuspendSecs ?? 0), externalAccessIntegrations: def.externalAccessIntegrations,
      queryWarehouse: def.queryWarehouse, comment: def.comment, images, isJob: kind.job !== undefined, isAsyncJob: kind.job?.isAsync ?? false, isUpgrading: false,
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
    kind.job?.record(svc);
    return svc;
  });

  faultPoint("create:catalog-written");
  try {
    writeServiceSecrets(platform.config.home, key, def.secrets ?? {});
    // Instances are independent: start them at once (a 10-replica job starts in the time of one or two).
    await Promise.all(platform.catalog.services.instances(key).filter((i) => i.nodeId).map((i) => timed("workload.startInstance", () => startInstance(platform, row, def.spec, i.instanceId, family))));
    faultPoint("create:instances-started");
    await timed("workload.started", async () => kind.started?.(row));
  } catch (e) {
    // Nothing half-made is left behind. If even that fails (the engine went away), the service stays
    // recorded as PENDING so the creating resource's next `pulumi up` continues from it (pulumi/adoption.ts).
    await kind.drop(key).catch(() =>
      platform.catalog.write(() => platform.catalog.services.get(key) && platform.catalog.services.update(key, { status: "PENDING" })),
    );
    throw e;
  }
  return row;
}

/** The files of the platform home a workload owns: its session token, its secrets (store and files), its last use. */
export function removeWorkloadFiles(platform: Platform, key: ServiceKey): void {
  removeServiceFiles(platform.config.home, key);
  removeServiceSecrets(platform.config.home, key);
  removeServiceActivity(platform.config.home, key);
}

/**
 * What DROP SERVICE does to any workload once its kind has done its part (a service's ingress, a job's
 * cancel): DELETING, every container removed, then the catalog rows, files and secrets; frees capacity
 * for waiting work.
 */
export async function removeWorkload(platform: Platform, svc: ServiceRow): Promise<void> {
  const key = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
  platform.catalog.write(() => platform.catalog.services.update(key, { status: "DELETING", updatedOn: nowIso() }));
  faultPoint("drop:catalog-written");
  const spec = readRuntimeSpec(svc);
  await Promise.all(platform.catalog.services.instances(key).map((i) => removeInstance(platform, key, i.instanceId, spec)));
  // Files before the row: a drop interrupted here keeps its DELETING row, so the next drop runs again and
  // finishes; the plaintext secrets never outlive the row that leads back to them.
  faultPoint("drop:containers-removed");
  removeWorkloadFiles(platform, key);
  platform.catalog.write(() => platform.catalog.services.delete(key));
  forgetEventPositions(platform, svc);
  await removeUnusedNetworks(platform);
  await startPending(platform, svc.computePool);
}
