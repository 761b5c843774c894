import { SpcsError, doesNotExist } from "../common/errors";
import { lastLines } from "../common/text";
import type { ServiceKey } from "../catalog/service-store";
import type { Platform } from "../platform/platform";
import { containerName, qualified } from "../model/service-naming";
import { readRuntimeSpec } from "../model/stored-runtime-spec";
import { describeJob } from "../objects/jobs/describe-job";

/** SYSTEM$GET_SERVICE_LOGS' number_of_most_recent_lines: SPCS rejects values outside 1..1000 ("Invalid `tail lines`"). */
export const LOG_TAIL = { min: 1, max: 1000, default: 100 } as const;

/** Which container's log to read. */
export interface LogTarget {
  key: ServiceKey;
  instanceId: number;
  container: string;
  /** The engine's name for the container (what the runtime's log calls take). */
  dockerName: string;
  restartCount: number;
}

export interface LogRequest {
  instance: number;
  /** Default: the spec's first container. */
  container?: string;
  tail: number;
  /** The runs before the container's last restart, instead of the current one. */
  previous: boolean;
}

/**
 * The container SYSTEM$GET_SERVICE_LOGS(service, instance, container) reads: the container defaults to the
 * spec's first. Every way of naming nothing is an SPCS error that says what there is instead.
 */
export async function resolveLogTarget(platform: Platform, key: ServiceKey, instanceId: number, container?: string): Promise<LogTarget> {
  const q = qualified(key);
  const svc = platform.catalog.services.get(key);
  if (!svc) throw doesNotExist("Service", q);
  const names = readRuntimeSpec(svc).containers.map((c) => c.name);
  const name = container ?? names[0];
  if (!names.includes(name)) {
    throw new SpcsError("container-not-found", `Container '${name}' does not exist in service ${q}.`, `the service's containers are: ${names.join(", ")}`);
  }
  if (svc.status === "SUSPENDED" || svc.status === "SUSPENDING") {
    throw new SpcsError("service-suspended", `Service ${q} is suspended: it has no containers, so there are no logs.`, `resume it: spcs alter service ${q} resume`);
  }
  const instances = platform.catalog.services.instances(key);
  const inst = instances.find((i) => i.instanceId === instanceId);
  if (!inst) {
    const ids = instances.map((i) => i.instanceId).join(", ") || "none";
    throw new SpcsError("instance-not-found", `Instance '${instanceId}' does not exist in service ${q}.`, `the service's instances are: ${ids} (SHOW SERVICE INSTANCES IN SERVICE ${q})`);
  }
  if (inst.nodeId === null) {
    throw new SpcsError("instance-pending", `Instance ${instanceId} of service ${q} is pending scheduling: its containers have not started, so there are no logs yet.`, `free capacity in compute pool ${svc.computePool}, or see SHOW SERVICE CONTAINERS IN SERVICE ${q}`);
  }
  const dockerName = containerName(platform.config.home, key, instanceId, name);
  const info = await platform.docker.inspectContainer(dockerName);
  if (!info) {
    throw new SpcsError("container-missing", `Container ${name} of instance ${instanceId} of service ${q} is not in the Docker engine (removed outside the platform).`, "run pulumi up to recreate it (DESCRIBE SERVICE lists the drift)");
  }
  return { key, instanceId, container: name, dockerName, restartCount: info.restartCount };
}

/**
 * SYSTEM$GET_SERVICE_LOGS on the local platform: the newest `tail` lines of the container's current run
 * (stdout and stderr merged), or with `previous` of the runs before it. A finished job's containers are
 * gone; their logs were kept in the catalog when it finished. Reads only.
 */
export async function serviceLogs(platform: Platform, key: ServiceKey, o: LogRequest): Promise<string> {
  const kept = await finishedJobLogs(platform, key, o);
  if (kept !== undefined) return kept;
  const t = await resolveLogTarget(platform, key, o.instance, o.container);
  if (o.previous && t.restartCount === 0) {
    throw new SpcsError("no-previous-logs", `The container ${t.container} of instance ${t.instanceId} of service ${qualified(key)} has not restarted: there are no previous logs.`, "leave out --previous to see the current container's logs");
  }
  return platform.docker.containerRunLogs(t.dockerName, o.tail, o.previous ? "previous" : "current");
}

/** A finished job's logs, from the catalog; undefined for anything that is not a finished job (read from the engine as usual). */
async function finishedJobLogs(platform: Platform, key: ServiceKey, o: LogRequest): Promise<string | undefined> {
  const svc = platform.catalog.services.get(key);
  if (!svc?.isJob) return undefined;
  const job = await describeJob(platform, key);
  if (!job?.completedOn) return undefined;
  const q = qualified(key);
  if (o.previous) throw new SpcsError("no-previous-logs", `Job ${q} never restarts its containers: there are no previous logs.`, "leave out --previous");
  const rows = platform.catalog.jobs.containers(key).filter((r) => r.instanceId === o.instance);
  if (!rows.length) throw new SpcsError("instance-not-found", `Instance '${o.instance}' does not exist in service ${q}.`, `the job's instances are: ${job.instances.map((i) => i.instanceId).join(", ")}`);
  const row = o.container === undefined ? (rows.find((r) => r.containerName === job.containers[0]?.containerName) ?? rows[0]) : rows.find((r) => r.containerName === o.container);
  if (!row) throw new SpcsError("container-not-found", `Container '${o.container}' does not exist in service ${q}.`, `the job's containers are: ${[...new Set(rows.map((r) => r.containerName))].join(", ")}`);
  return lastLines(row.logs, o.tail);
}
