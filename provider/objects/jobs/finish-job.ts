import { nowIso } from "../../common/time";
import type { JobContainerRow } from "../../catalog/job-store";
import type { ServiceKey, ServiceRow } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { containerName, qualified } from "../../model/service-naming";
import { deriveInstanceStatus, type ContainerStatus } from "../../model/statuses";
import { jobMessage } from "../../model/job-status";
import { startPending } from "../workloads/capacity";
import { removeInstance } from "../workloads/instance-runner";
import { KEPT_LOG_LINES, earliest, endedOf, keyOf, latest, observeJob, observedJobStatus, type Observed } from "./describe-job";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";

/**
 * Moves one unfinished job on from what the engine shows: once every container has exited it finishes
 * the job (finishJob), otherwise it records when the job started running. The local platform has no
 * daemon, so this is the step the waiting `pulumi up`, the platform agent, a refresh and CANCEL take by
 * name; DESCRIBE never does (reads never write).
 */
export async function reconcileJob(platform: Platform, key: ServiceKey): Promise<Reconciled> {
  const svc = platform.catalog.services.get(key);
  const job = platform.catalog.jobs.get(key);
  if (!svc || !job || job.completedOn) return {};
  const live = await observeJob(platform, svc);
  const ended = endedOf(svc, live);
  if (ended) return { finished: await finishJob(platform, svc, live.records, ended) };
  const startedOn = earliest(live.records.map((r) => r.startTime));
  if (!job.startedOn && startedOn && observedJobStatus(svc, live) === "RUNNING") {
    platform.catalog.write(() => {
      platform.catalog.jobs.update(key, { startedOn });
      platform.catalog.jobs.updateHistory(job.queryId, { status: "RUNNING" });
    });
  }
  return { live };
}

/** What reconcileJob saw and did, so a wait need not look again in the same round. */
export interface Reconciled {
  /** The job is still running: what the engine showed (describeJob can use it as it is). */
  live?: Observed;
  /** This call finished the job, and removed its containers. */
  finished?: boolean;
}

/** reconcileJob for every unfinished job (of one pool, or all): frees the capacity of ended jobs and starts work waiting for it. */
export async function finishEndedJobs(platform: Platform, pool?: string): Promise<void> {
  for (const s of pool ? platform.catalog.services.inPool(pool) : platform.catalog.services.list()) {
    const key = { database: s.databaseName, schema: s.schemaName, name: s.name };
    if (s.isJob && !platform.catalog.jobs.get(key)?.completedOn) await reconcileJob(platform, key);
  }
}

/**
 * Records a job's end and releases what it held. Idempotent across processes: the transaction re-reads
 * the job, and only the first to find it unfinished records it (and gets true).
 */
export async function finishJob(platform: Platform, svc: ServiceRow, records: Omit<JobContainerRow, "logs">[], status: "DONE" | "FAILED" | "CANCELLED"): Promise<boolean> {
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
  if (!finished) return false;
  await removeJobContainers(platform, svc);
  await startPending(platform, svc.computePool);
  return true;
}

/**
 * Removes a finished job's containers and network namespaces; block volumes stay until the job is
 * dropped, so what it wrote can still be read. Idempotent: whoever waits for a job calls it too, so the
 * containers are gone when the wait returns even if another process (the agent) finished the job.
 * A finished job's containers have all exited (CANCEL stops them before finishing): nothing to drain or stop.
 */
export async function removeJobContainers(platform: Platform, svc: ServiceRow): Promise<void> {
  const key = keyOf(svc);
  const spec = readRuntimeSpec(svc);
  await Promise.all(platform.catalog.services.instances(key).map((i) => removeInstance(platform, key, i.instanceId, spec, { keepBlockVolumes: true, exited: true })));
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

