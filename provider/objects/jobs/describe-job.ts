import type { JobContainerRow, JobRow } from "../../catalog/job-store";
import type { InstanceRow, ServiceKey, ServiceRow } from "../../catalog/service-store";
import { hasExited } from "../../runtime/container-runtime";
import type { Platform } from "../../platform/platform";
import { endpointsOf, rowColumns, type ContainerDescription, type InstanceDescription, type ServiceDescription } from "../workloads/describe-columns";
import { containerName, netnsContainerName, qualified } from "../../model/service-naming";
import { deriveContainerStatus, deriveInstanceStatus, type ContainerStatus } from "../../model/statuses";
import { deriveJobStatus, jobMessage } from "../../model/job-status";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";

/** How many log lines of each container a finished job keeps in the catalog. */
export const KEPT_LOG_LINES = 1000;

/** DESCRIBE SERVICE of a job, its instances and containers, and what only a job has. */
export interface JobDescription extends ServiceDescription {
  replicas: number;
  runtimeEnvironment: string | null;
  queryId: string;
  startedOn: string | null;
  completedOn: string | null;
  message: string;
}

/**
 * DESCRIBE SERVICE of a job. Observes only: a job whose containers have all exited shows DONE or FAILED
 * at once, but recording that end (exit codes, logs, freeing capacity) is finishing, an explicit step
 * (finish-job.ts) that the waiting `pulumi up`, the platform agent or a statement takes by name.
 */
export async function describeJob(platform: Platform, key: ServiceKey, observed?: Observed): Promise<JobDescription | undefined> {
  const svc = platform.catalog.services.get(key);
  const job = platform.catalog.jobs.get(key);
  if (!svc || !job) return undefined;
  if (job.completedOn) return finishedDescription(platform, svc, job);
  // `observed`: what the caller saw of this job a moment ago (a wait's reconcileJob), instead of looking again.
  const live = observed ?? (await observeJob(platform, svc));
  const status = observedJobStatus(svc, live);
  // The job started when its first container did (not when somebody first looked).
  const startedOn = job.startedOn ?? earliest(live.records.map((r) => r.startTime));
  return describeOf(svc, { ...job, startedOn }, status, live.instances, live.containers);
}

/** A running job's status from what the engine shows: DONE or FAILED once every container has exited. */
export function observedJobStatus(svc: ServiceRow, live: Observed): string {
  const status = deriveJobStatus(svc.status, live.instances.map((i) => i.status));
  return endedOf(svc, live) ? (status === "FAILED" ? "FAILED" : "DONE") : status;
}

/** How an unfinished job ended, once every replica's containers have exited (and nobody is cancelling or dropping it). */
export function endedOf(svc: ServiceRow, live: Observed): "DONE" | "FAILED" | undefined {
  const exited = live.instances.length > 0 && live.instances.every((i) => i.nodeId !== null) && live.containers.every((c) => c.status === "DONE" || c.status === "FAILED");
  if (!exited || ["CANCELLING", "DELETING"].includes(svc.status)) return undefined;
  return deriveJobStatus(svc.status, live.instances.map((i) => i.status)) === "FAILED" ? "FAILED" : "DONE";
}

export interface Observed {
  instances: InstanceDescription[];
  containers: ContainerDescription[];
  /** What finishing the job records, per container. */
  records: Omit<JobContainerRow, "logs">[];
}

/** What the engine says of every container of an unfinished job, as descriptions and as finishing would record it. */
export async function observeJob(platform: Platform, svc: ServiceRow): Promise<Observed> {
  const key = keyOf(svc);
  const spec = readRuntimeSpec(svc);
  const home = platform.config.home;
  // Every instance and container is inspected at once: a job's replicas are many and independent.
  const per = await Promise.all(
    platform.catalog.services.instances(key).map(async (inst) => {
      const placed = inst.nodeId !== null;
      const [netns, ...infos] = await Promise.all([
        placed ? platform.docker.inspectContainer(netnsContainerName(home, key, inst.instanceId)) : undefined,
        ...spec.containers.map((c) => (placed ? platform.docker.inspectContainer(containerName(home, key, inst.instanceId, c.name)) : undefined)),
      ]);
      return { inst, placed, netns, infos };
    }),
  );
  const out: Observed = { instances: [], containers: [], records: [] };
  for (const { inst, placed, netns, infos } of per) {
    const rows: Omit<ContainerDescription, "instanceStatus">[] = [];
    spec.containers.forEach((c, i) => {
      const info = infos[i];
      const derived = deriveContainerStatus(placed, info, {}, undefined, true);
      const exited = info !== undefined && hasExited(info);
      rows.push({
        instanceId: String(inst.instanceId), containerName: c.name, ...derived, imageName: c.image, imageDigest: svc.images[c.name]?.digest ?? "",
        restartCount: 0, startTime: iso(info?.startedAt), lastExitCode: exited ? info.exitCode : null, lastRestartTime: null,
      });
      out.records.push({
        databaseName: key.database, schemaName: key.schema, jobName: key.name, instanceId: inst.instanceId, containerName: c.name,
        status: derived.status, message: derived.message, exitCode: exited ? info.exitCode : null, startTime: iso(info?.startedAt), endTime: exited ? iso(info.finishedAt) : null,
      });
    });
    const instStatus = deriveInstanceStatus(rows.map((r) => r.status), true);
    out.containers.push(...rows.map((r) => ({ ...r, instanceStatus: instStatus.status })));
    out.instances.push(instanceOf(inst, instStatus.status, instStatus.message, netns?.ipAddress || null));
  }
  return out;
}

function finishedDescription(platform: Platform, svc: ServiceRow, job: JobRow): JobDescription {
  const key = keyOf(svc);
  const recorded = platform.catalog.jobs.containers(key);
  const images = new Map(readRuntimeSpec(svc).containers.map((c) => [c.name, c.image]));
  const instances: InstanceDescription[] = [];
  const containers: ContainerDescription[] = [];
  for (const inst of platform.catalog.services.instances(key)) {
    const rows = recorded.filter((r) => r.instanceId === inst.instanceId);
    const s = deriveInstanceStatus(rows.map((r) => r.status as ContainerStatus), true);
    instances.push(instanceOf(inst, s.status, s.message, null));
    containers.push(...rows.map((r) => ({
      instanceId: String(r.instanceId), instanceStatus: s.status, containerName: r.containerName, status: r.status as ContainerStatus, message: r.message,
      imageName: images.get(r.containerName) ?? "", imageDigest: svc.images[r.containerName]?.digest ?? "",
      restartCount: 0, startTime: r.startTime, lastExitCode: r.exitCode, lastRestartTime: null,
    })));
  }
  return describeOf(svc, job, svc.status, instances, containers);
}

function instanceOf(inst: InstanceRow, status: InstanceDescription["status"], message: string, ip: string | null): InstanceDescription {
  return { instanceId: String(inst.instanceId), status, message, specDigest: inst.specDigest, creationTime: inst.creationTime, startTime: inst.startTime, ipAddress: ip, nodeId: inst.nodeId };
}

function describeOf(svc: ServiceRow, job: JobRow, status: string, instances: InstanceDescription[], containers: ContainerDescription[]): JobDescription {
  return {
    ...rowColumns(svc),
    status,
    currentInstances: instances.filter((i) => i.nodeId !== null).length,
    targetInstances: job.completedOn ? 0 : svc.minInstances,
    instances,
    containers,
    // Jobs have no public endpoints (the spec rules refuse them), so no ingress.
    endpoints: endpointsOf(readRuntimeSpec(svc), {}),
    drift: [],
    replicas: job.replicas, runtimeEnvironment: job.runtimeEnvironment, queryId: job.queryId, startedOn: job.startedOn, completedOn: job.completedOn,
    message: job.message ?? jobMessage(qualified(keyOf(svc)), status),
  };
}

/** Docker's timestamps (nanoseconds) in the catalog's form (ISO 8601, milliseconds), so they compare as text. */
const iso = (t: string | undefined): string | null => (t ? new Date(t).toISOString() : null);
export const earliest = (ts: (string | null)[]): string | null => ts.filter((t): t is string => t !== null).sort()[0] ?? null;
export const latest = (ts: (string | null)[]): string | null => ts.filter((t): t is string => t !== null).sort().at(-1) ?? null;

export const keyOf = (svc: ServiceRow): ServiceKey => ({ database: svc.databaseName, schema: svc.schemaName, name: svc.name });
