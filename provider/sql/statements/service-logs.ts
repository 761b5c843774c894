import type { ExecContext } from "./exec-context";
import type { QualifiedName } from "./identifiers";
import { containerName, describeJob, lastLines, qualified, type RuntimeSpec } from "./spcs-operations";
import { sqlError } from "./sql-errors";

/**
 * SYSTEM$GET_SERVICE_LOGS on the local platform: the newest `tail` lines of one container's current run
 * (stdout and stderr merged), or with `previous` of the runs before its last restart. A finished job's
 * containers are gone; their logs were kept in the catalog when it finished. Every way of naming nothing
 * is an error that says what there is instead.
 *
 * The CLI's `spcs logs` resolves its container the same way (provider/cli/logs-command.ts); a front end
 * may not import another, so the rule lives in both until it moves into provider/statements/.
 */
export async function serviceLogs(ctx: ExecContext, key: QualifiedName, instanceId: number, container: string, tail: number, previous: boolean): Promise<string> {
  const { platform } = ctx;
  const q = qualified(key);
  const svc = platform.catalog.services.get(key);
  if (!svc) throw sqlError("doesNotExist", `SQL compilation error:\nService '${q}' does not exist or not authorized.`);
  const job = svc.isJob ? await describeJob(platform, key) : undefined;
  if (job?.completedOn) {
    if (previous) throw sqlError("execution", `Job ${q} never restarts its containers: there are no previous logs.`);
    const kept = platform.catalog.jobs.containers(key).find((r) => r.instanceId === instanceId && r.containerName === container);
    if (!kept) throw sqlError("execution", `Container '${container}' of instance '${instanceId}' does not exist in job ${q}; its containers are: ${job.containers.map((c) => `${c.instanceId}/${c.containerName}`).join(", ")}.`);
    return lastLines(kept.logs, tail);
  }
  const names = (JSON.parse(svc.spec) as RuntimeSpec).containers.map((c) => c.name);
  if (!names.includes(container)) throw sqlError("execution", `Container '${container}' does not exist in service ${q}; its containers are: ${names.join(", ")}.`);
  if (svc.status === "SUSPENDED" || svc.status === "SUSPENDING") throw sqlError("execution", `Service ${q} is suspended: it has no containers, so there are no logs. Resume it: ALTER SERVICE ${q} RESUME.`);
  const instances = platform.catalog.services.instances(key);
  const inst = instances.find((i) => i.instanceId === instanceId);
  if (!inst) throw sqlError("execution", `Instance '${instanceId}' does not exist in service ${q}; its instances are: ${instances.map((i) => i.instanceId).join(", ") || "none"} (SHOW SERVICE INSTANCES IN SERVICE ${q}).`);
  if (inst.nodeId === null) throw sqlError("execution", `Instance ${instanceId} of service ${q} is pending scheduling: its containers have not started, so there are no logs yet.`);
  const dockerName = containerName(platform.config.home, key, instanceId, container);
  const info = await platform.docker.inspectContainer(dockerName);
  if (!info) throw sqlError("execution", `Container ${container} of instance ${instanceId} of service ${q} is not in the Docker engine (removed outside the platform; DESCRIBE SERVICE lists the drift).`);
  if (previous && info.restartCount === 0) throw sqlError("execution", `Container ${container} of instance ${instanceId} of service ${q} has not restarted: there are no previous logs.`);
  return platform.docker.containerRunLogs(dockerName, tail, previous ? "previous" : "current");
}
