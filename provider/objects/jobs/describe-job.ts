import { nowIso } from "../../common/time";
import type { JobContainerRow, JobRow } from "../../catalog/job-store";
import type { InstanceRow, ServiceKey, ServiceRow } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { endpointsOf, rowColumns, type ContainerDescription, type InstanceDescription, type ServiceDescription } from "../services/describe-service";
import { removeInstance } from "../workloads/instance-runner";
import type { RuntimeSpec } from "../../model/runtime-spec";
import { containerName, netnsContainerName, qualified } from "../../model/service-naming";
import { startPending } from "../workloads/workloads";
import { deriveContainerStatus, deriveInstanceStatus, type ContainerStatus } from "../../model/statuses";
import { deriveJobStatus, jobMessage } from "../../model/job-status";

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
 * Describes a job. A job whose containers have all exited is finished here, by whoever looks first (the
 * waiting `pulumi up`, a refresh, the CLI): exit codes, times and logs go to the catalog, the containers
 * and their network namespace are removed, and the job's capacity goes back to the pool, where waiting
 * work may start. The local platform has no daemon, so observing is what moves a job on.
 */
export async function describeJob(platform: Platform, key: ServiceKey): Promise<JobDescription | undefined> {
  const svc = platform.catalog.services.get(key);
  const job = platform.catalog.jobs.get(key);
  if (!svc || !job) return undefined;
  if (job.completedOn) return finishedDescription(platform, svc, job);
  const live = await observeJob(platform, svc);
  const status = deriveJobStatus(svc.status, live.instances.map((i) => i.status));
  const exited = live.instances.length > 0 && live.instances.every((i) => i.nodeId !== null) && live.containers.every((c) => c.status === "DONE" || c.status === "FAILED");
  if (exited && !["CANCELLING", "DELETING"].includes(svc.status)) {
    await finishJob(platform, svc, live.records, status === "FAILED" ? "FAILED" : "DONE");
    return describeJob(platform, key);
  }
  // The job started when its first container did (not when somebody first looked).
  const startedOn = job.startedOn ?? earliest(live.records.map((r) => r.startTime));
  if (status === "RUNNING" && !job.startedOn && startedOn) {
    platform.catalog.write(() => {
      platform.catalog.jobs.update(key, { startedOn });
      platform.catalog.jobs.updateHistory(job.queryId, { status });
    });
  }
  return describeOf(svc, { ...job, startedOn }, status, live.instances, live.containers);
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
  const spec = JSON.parse(svc.spec) as RuntimeSpec;
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
      const exited = info !== undefined && !info.running && info.status !== "created";
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

/**
 * Records a job's end and releases what it held. Idempotent across processes: the transaction re-reads
 * the job, and only the first to find it unfinished records it.
 */
export async function finishJob(platform: Platform, svc: ServiceRow, records: Omit<JobContainerRow, "logs">[], status: "DONE" | "FAILED" | "CANCELLED"): Promise<void> {
  const key = keyOf(svc);
  const home = platform.config.home;
  const logs = await Promise.all(records.map((r) => platform.docker.containerLogs(containerName(home, key, r.instanceId, r.containerName), KEPT_LOG_LINES)));
  const now = nowIso();
  const finished = platform.catalog.write(() => {
    const job = platform.catalog.jobs.get(key);
    if (!job || job.completedOn) return undefined;
    records.forEach((r, i) => platform.catalog.jobs.insertContainer({ ...r, logs: logs[i] }));
    const completedOn = status === "CANCELLED" ? now : (latest(records.map((r) => r.endTime)) ?? now);
    const message = jobMessage(qualified(key), status);
    platform.catalog.services.update(key, { status, updatedOn: now });
    platform.catalog.jobs.update(key, { completedOn, message, startedOn: job.startedOn ?? earliest(records.map((r) => r.startTime)) });
    platform.catalog.jobs.updateHistory(job.queryId, { status, message, completedTime: completedOn, instanceStatuses: instanceStatusesOf(records) });
    // Capacity goes back to the pool; the instance rows stay for SHOW SERVICE INSTANCES.
    for (const inst of platform.catalog.services.instances(key)) platform.catalog.services.setInstanceNode(key, inst.instanceId, null, inst.startTime);
    return job;
  });
  if (!finished) return;
  await removeJobContainers(platform, svc);
  await startPending(platform, svc.computePool);
}

/**
 * Removes a finished job's containers and network namespaces; block volumes stay until the job is
 * dropped, so what it wrote can still be read. Idempotent: whoever waits for a job calls it too, so the
 * containers are gone when the wait returns even if another process (the agent) finished the job.
 */
export async function removeJobContainers(platform: Platform, svc: ServiceRow): Promise<void> {
  const key = keyOf(svc);
  const spec = JSON.parse(svc.spec) as RuntimeSpec;
  await Promise.all(platform.catalog.services.instances(key).map((i) => removeInstance(platform, key, i.instanceId, spec, { keepBlockVolumes: true })));
}

/** GET_JOB_HISTORY's INSTANCE_STATUSES: each instance's status and its containers'. */
function instanceStatusesOf(records: Omit<JobContainerRow, "logs">[]): Record<string, unknown> {
  const out: Record<string, { status: string; containers: Record<string, { status: string; exitCode: number | null }> }> = {};
  for (const r of records) {
    const inst = (out[String(r.instanceId)] ??= { status: "", containers: {} });
    inst.containers[r.containerName] = { status: r.status, exitCode: r.exitCode };
  }
  for (const inst of Object.values(out)) inst.status = deriveInstanceStatus(Object.values(inst.containers).map((c) => c.status as ContainerStatus), true).status;
  return out;
}

function finishedDescription(platform: Platform, svc: ServiceRow, job: JobRow): JobDescription {
  const key = keyOf(svc);
  const recorded = platform.catalog.jobs.containers(key);
  const images = new Map((JSON.parse(svc.spec) as RuntimeSpec).containers.map((c) => [c.name, c.image]));
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
    endpoints: endpointsOf(JSON.parse(svc.spec) as RuntimeSpec, {}),
    drift: [],
    replicas: job.replicas, runtimeEnvironment: job.runtimeEnvironment, queryId: job.queryId, startedOn: job.startedOn, completedOn: job.completedOn,
    message: job.message ?? jobMessage(qualified(keyOf(svc)), status),
  };
}

/** Docker's timestamps (nanoseconds) in the catalog's form (ISO 8601, milliseconds), so they compare as text. */
const iso = (t: string | undefined): string | null => (t ? new Date(t).toISOString() : null);
const earliest = (ts: (string | null)[]): string | null => ts.filter((t): t is string => t !== null).sort()[0] ?? null;
const latest = (ts: (string | null)[]): string | null => ts.filter((t): t is string => t !== null).sort().at(-1) ?? null;

const keyOf = (svc: ServiceRow): ServiceKey => ({ database: svc.databaseName, schema: svc.schemaName, name: svc.name });
