import { SpcsError, doesNotExist } from "../../common/errors";
import { nowIso } from "../../common/time";
import type { ServiceKey, ServiceRow } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { removeWorkload } from "../workloads/create-workload";
import { TERMINATION_GRACE_SECONDS } from "../workloads/instance-runner";
import { containerName, qualified } from "../../model/service-naming";
import { describeJob, observeJob } from "./describe-job";
import { finishJob, reconcileJob } from "./finish-job";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";

/** What a container that was still running (or waiting) says once its job was cancelled. */
export const CANCELLED_CONTAINER_MESSAGE = "Container was stopped: the job was cancelled.";

/**
 * Cancels a job that has not finished (`<job>!SPCS_CANCEL_JOB()`): CANCELLING while its containers get
 * SIGTERM and the termination grace, then CANCELLED, with what they printed kept like any finished job's.
 * A finished job is left as it is. Returns the status the job ends with.
 */
export async function cancelJob(platform: Platform, key: ServiceKey): Promise<string> {
  const svc = platform.catalog.services.get(key);
  if (!svc) throw doesNotExist("Service", qualified(key));
  if (!svc.isJob) throw new SpcsError("not-a-job", `Service ${qualified(key)} is not a job service; only jobs can be cancelled.`, `suspend or drop it instead: spcs alter service ${qualified(key)} suspend`);
  await reconcileJob(platform, key); // a job whose containers have all exited is finished, not cancelled
  const before = await describeJob(platform, key);
  if (!before || before.completedOn) return before?.status ?? "DELETED";
  const job = platform.catalog.jobs.get(key)!;
  platform.catalog.write(() => {
    platform.catalog.services.update(key, { status: "CANCELLING", updatedOn: nowIso() });
    platform.catalog.jobs.updateHistory(job.queryId, { status: "CANCELLING" });
  });
  const home = platform.config.home;
  const spec = readRuntimeSpec(svc);
  const instances = platform.catalog.services.instances(key).filter((i) => i.nodeId !== null);
  await Promise.all(instances.flatMap((i) => spec.containers.map((c) => platform.docker.stopContainer(containerName(home, key, i.instanceId, c.name), TERMINATION_GRACE_SECONDS))));
  // A container that had exited before the cancel keeps its own result; the others were stopped by it.
  const exitedBefore = new Set(before.containers.filter((c) => c.lastExitCode !== null).map((c) => `${c.instanceId}/${c.containerName}`));
  const { records } = await observeJob(platform, svc);
  const stopped = records.map((r) => (exitedBefore.has(`${r.instanceId}/${r.containerName}`) ? r : { ...r, status: "FAILED", message: CANCELLED_CONTAINER_MESSAGE }));
  await finishJob(platform, { ...svc, status: "CANCELLING" } as ServiceRow, stopped, "CANCELLED");
  return "CANCELLED";
}

/** DROP SERVICE of a job: cancels it if it still runs; its history row stays, with the deletion time. */
export async function cancelJobForDrop(platform: Platform, svc: ServiceRow): Promise<void> {
  const key = { database: svc.databaseName, schema: svc.schemaName, name: svc.name };
  await cancelJob(platform, key);
  const job = platform.catalog.jobs.get(key);
  if (job) platform.catalog.write(() => platform.catalog.jobs.updateHistory(job.queryId, { deletedTime: nowIso() }));
}

/** DROP SERVICE of a job service: cancelled first if it still runs (its history keeps the deletion time), then removed. */
export async function dropJob(platform: Platform, key: ServiceKey, opts: { ifExists?: boolean } = {}): Promise<boolean> {
  const svc = platform.catalog.services.get(key);
  if (!svc) {
    if (opts.ifExists) return false;
    throw doesNotExist("Service", qualified(key));
  }
  await cancelJobForDrop(platform, svc);
  await removeWorkload(platform, svc);
  return true;
}
