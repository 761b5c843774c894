import { LABEL_INSTANCE, LABEL_SERVICE, LABEL_SPEC_DIGEST, homeFilter } from "../../common/labels";
import type { ServiceKey, ServiceRow } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { describeJob } from "../jobs/describe-job";
import type { RuntimeSpec } from "../../model/runtime-spec";
import { ingressAddresses, ingressDrift } from "./ingress";
import { containerName, netnsContainerName, platformNetworkName, qualified } from "../../model/service-naming";
import { deriveContainerStatus, deriveInstanceStatus, deriveServiceStatus, type ContainerStatus, type InstanceStatus } from "../../model/statuses";

/** One row of SHOW SERVICE CONTAINERS IN SERVICE, camelCased. */
export interface ContainerDescription {
  instanceId: string;
  instanceStatus: InstanceStatus;
  containerName: string;
  status: ContainerStatus;
  message: string;
  imageName: string;
  imageDigest: string;
  restartCount: number;
  startTime: string | null;
  lastExitCode: number | null;
  lastRestartTime: string | null;
}

/** One row of SHOW SERVICE INSTANCES IN SERVICE. */
export interface InstanceDescription {
  instanceId: string;
  status: InstanceStatus;
  message: string;
  specDigest: string;
  creationTime: string;
  startTime: string | null;
  ipAddress: string | null;
  nodeId: string | null;
}

/** One row of SHOW ENDPOINTS IN SERVICE. */
export interface EndpointDescription {
  name: string;
  port: number | null;
  portRange: string | null;
  protocol: string;
  isPublic: boolean;
  /** `127.0.0.1:<port>` for public endpoints (no scheme, as SPCS prints it). */
  ingressUrl: string | null;
}

/** DESCRIBE SERVICE plus the instance, container and endpoint listings. */
export interface ServiceDescription {
  name: string;
  status: string;
  databaseName: string;
  schemaName: string;
  owner: string;
  computePool: string;
  dnsName: string;
  currentInstances: number;
  targetInstances: number;
  minReadyInstances: number;
  minInstances: number;
  maxInstances: number;
  autoResume: boolean;
  externalAccessIntegrations: string[] | null;
  createdOn: string;
  updatedOn: string;
  resumedOn: string | null;
  suspendedOn: string | null;
  autoSuspendSecs: number;
  comment: string | null;
  ownerRoleType: string;
  queryWarehouse: string | null;
  isJob: boolean;
  isAsyncJob: boolean;
  specDigest: string;
  isUpgrading: boolean;
  instances: InstanceDescription[];
  containers: ContainerDescription[];
  endpoints: EndpointDescription[];
  /**
   * What the engine holds that the catalog does not say, one line each: a container removed or stopped
   * out of band, started from another image, or carrying another spec digest; an instance the service
   * does not have; the ingress removed or stopped. Empty when the service is as deployed. `pulumi up` repairs exactly these.
   */
  drift: string[];
}

const PROBE_TIMEOUT_MS = 1000;

export async function describeService(platform: Platform, key: ServiceKey): Promise<ServiceDescription | undefined> {
  const svc = platform.catalog.services.get(key);
  // DESCRIBE SERVICE works on job services too; their statuses are a job's (jobs/describe-job.ts).
  if (svc?.isJob) return describeJob(platform, key);
  return svc && describeRow(platform, svc);
}

async function describeRow(platform: Platform, svc: ServiceRow): Promise<ServiceDescription> {
  const key = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
  const spec = JSON.parse(svc.spec) as RuntimeSpec;
  const home = platform.config.home;
  const instances: InstanceDescription[] = [];
  const containers: ContainerDescription[] = [];
  const drift: string[] = [];
  // Recorded when the ingress was made: the same for the service's life, whatever its instances do.
  const ingress = ingressAddresses(home, key);
  // A suspended service has no instances (SHOW SERVICE INSTANCES / CONTAINERS list nothing).
  const live = svc.status === "SUSPENDED" ? [] : platform.catalog.services.instances(key);
  for (const inst of live) {
    const placed = inst.nodeId !== null;
    const netns = placed ? await platform.docker.inspectContainer(netnsContainerName(home, key, inst.instanceId)) : undefined;
    if (placed && !netns) drift.push(`instance ${inst.instanceId}: its network container is missing`);
    const address = netns ? netns.networkAddresses[platformNetworkName(home)] || netns.ipAddress : "";
    const rows: Omit<ContainerDescription, "instanceStatus">[] = [];
    for (const c of spec.containers) {
      const info = placed ? await platform.docker.inspectContainer(containerName(home, key, inst.instanceId, c.name)) : undefined;
      const probeOk = info?.running && c.readinessProbe && address ? await probe(`http://${address}:${c.readinessProbe.port}${c.readinessProbe.path}`) : undefined;
      const derived = deriveContainerStatus(placed, info, c, probeOk);
      if (placed) drift.push(...containerDrift(inst.instanceId, c.name, info, svc.images[c.name]?.pullRef, inst.specDigest));
      const exited = info && (info.restartCount > 0 || (!info.running && info.status !== "created"));
      rows.push({
        instanceId: String(inst.instanceId),
        containerName: c.name,
        ...derived,
        imageName: c.image,
        imageDigest: svc.images[c.name]?.digest ?? "",
        restartCount: info?.restartCount ?? 0,
        startTime: info?.startedAt ?? null,
        lastExitCode: exited ? info!.exitCode : null,
        lastRestartTime: info && info.restartCount > 0 ? (info.startedAt ?? null) : null,
      });
    }
    const instStatus = deriveInstanceStatus(rows.map((r) => r.status));
    containers.push(...rows.map((r) => ({ ...r, instanceStatus: instStatus.status })));
    instances.push({
      instanceId: String(inst.instanceId), status: instStatus.status, message: instStatus.message, specDigest: inst.specDigest,
      creationTime: inst.creationTime, startTime: inst.startTime, ipAddress: address || null, nodeId: inst.nodeId,
    });
  }
  if (svc.status !== "SUSPENDED") drift.push(...(await ingressDrift(platform, svc, spec)), ...(await extraInstances(platform, svc, live.map((i) => i.instanceId))));
  return {
    ...rowColumns(svc),
    drift,
    status: deriveServiceStatus(svc.status, instances.map((i) => i.status), svc.minReadyInstances),
    currentInstances: instances.filter((i) => i.nodeId !== null).length,
    targetInstances: svc.status === "SUSPENDED" ? 0 : svc.minInstances,
    instances,
    containers,
    endpoints: endpointsOf(spec, ingress),
  };
}

/** DESCRIBE SERVICE's columns that the catalog row holds as they are: the same for services and jobs. */
export function rowColumns(svc: ServiceRow) {
  return {
    name: svc.name, databaseName: svc.databaseName, schemaName: svc.schemaName, owner: svc.owner, computePool: svc.computePool, dnsName: svc.dnsName,
    minReadyInstances: svc.minReadyInstances, minInstances: svc.minInstances, maxInstances: svc.maxInstances, autoResume: svc.autoResume,
    externalAccessIntegrations: svc.externalAccessIntegrations, createdOn: svc.createdOn, updatedOn: svc.updatedOn, resumedOn: svc.resumedOn, suspendedOn: svc.suspendedOn,
    autoSuspendSecs: svc.autoSuspendSecs, comment: svc.comment, ownerRoleType: "ROLE", queryWarehouse: svc.queryWarehouse,
    isJob: svc.isJob, isAsyncJob: svc.isAsyncJob, specDigest: svc.specDigest, isUpgrading: svc.isUpgrading,
  };
}

/** SHOW ENDPOINTS IN SERVICE: the spec's endpoints, with the ingress address of each public one. */
export function endpointsOf(spec: RuntimeSpec, ingress: Record<number, string>): EndpointDescription[] {
  return spec.endpoints.map((e) => ({
    name: e.name,
    port: e.port ?? null,
    portRange: e.portRange ?? null,
    protocol: e.protocol,
    isPublic: e.public,
    ingressUrl: e.public && e.port !== undefined ? (ingress[e.port] ?? null) : null,
  }));
}

/** A readiness probe: HTTP GET, and only 200 counts, as in SPCS. */
async function probe(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.arrayBuffer().catch(() => undefined);
    return res.status === 200;
  } catch {
    return false;
  }
}

/** How one container differs from what was deployed. */
function containerDrift(instanceId: number, name: string, info: Awaited<ReturnType<Platform["docker"]["inspectContainer"]>>, pullRef: string | undefined, specDigest: string): string[] {
  const where = `instance ${instanceId}, container ${name}`;
  if (!info) return [`${where}: removed`];
  const out: string[] = [];
  // Exited and not restarting means stopped by hand: the restart policy restarts every other exit.
  if (info.status === "exited" || info.status === "created") out.push(`${where}: stopped`);
  if (pullRef && info.image !== pullRef) out.push(`${where}: runs image ${info.image}, not the pinned ${pullRef}`);
  if (info.labels[LABEL_SPEC_DIGEST] !== specDigest) out.push(`${where}: carries spec digest ${info.labels[LABEL_SPEC_DIGEST] ?? "none"}, not ${specDigest}`);
  return out;
}

/** Containers labelled with this service but an instance id it does not have. */
async function extraInstances(platform: Platform, svc: ServiceRow, known: number[]): Promise<string[]> {
  const key = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
  const found = await platform.docker.listContainers([...homeFilter(platform.config.home), `${LABEL_SERVICE}=${qualified(key)}`]);
  // The ingress carries the service's label but no instance's.
  const extra = new Set(found.filter((c) => c.labels[LABEL_INSTANCE] !== undefined).map((c) => Number(c.labels[LABEL_INSTANCE])).filter((id) => !known.includes(id)));
  return [...extra].sort((a, b) => a - b).map((id) => `instance ${id}: not part of the service`);
}
