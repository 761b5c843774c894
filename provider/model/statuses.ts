import { neverStarted, type ContainerInfo } from "../runtime/container-runtime";
import type { RuntimeContainer } from "./runtime-spec";

/**
 * Status vocabulary and pure derivation from what the container runtime reports, in SPCS's words (SHOW SERVICE
 * CONTAINERS / INSTANCES, platform events). Success conditions, in order:
 *  1. the instance is placed on a node (else PENDING "Pending scheduling.");
 *  2. the container exists and runs (else PENDING "Waiting to start", or FAILED on exit);
 *  3. its readiness probe answers 200 (else PENDING "Readiness probe is failing at path: p, port: n");
 * then it is READY "Running".
 */
export const CONTAINER_STATUSES = ["PENDING", "READY", "DONE", "FAILED", "TERMINATING", "UNKNOWN"] as const;
export type ContainerStatus = (typeof CONTAINER_STATUSES)[number];
export const INSTANCE_STATUSES = ["PENDING", "READY", "FAILED", "TERMINATING", "SUCCEEDED"] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

export interface DerivedStatus<S> {
  status: S;
  message: string;
}

export function deriveContainerStatus(
  placed: boolean,
  info: ContainerInfo | undefined,
  spec: Pick<RuntimeContainer, "readinessProbe">,
  probeOk: boolean | undefined,
  isJob = false,
): DerivedStatus<ContainerStatus> {
  if (!placed) return { status: "PENDING", message: "Pending scheduling." };
  if (!info || neverStarted(info)) return { status: "PENDING", message: "Waiting to start" };
  if (info.oomKilled && !info.running) return { status: "FAILED", message: "Container was OOMKilled due to resource usage" };
  if (info.running) {
    if (spec.readinessProbe && !probeOk) {
      return { status: "PENDING", message: `Readiness probe is failing at path: ${spec.readinessProbe.path}, port: ${spec.readinessProbe.port}` };
    }
    return { status: "READY", message: "Running" };
  }
  if (isJob) {
    return info.exitCode === 0 ? { status: "DONE", message: "Completed successfully" } : { status: "FAILED", message: "User application error, check container logs" };
  }
  // A service container that is not running is between restarts (restart policy "always").
  return { status: "FAILED", message: "Encountered fatal error, retrying" };
}

export function deriveInstanceStatus(containers: ContainerStatus[], isJob = false): DerivedStatus<InstanceStatus> {
  const noun = isJob ? "Job" : "Service";
  if (containers.some((c) => c === "FAILED")) return { status: "FAILED", message: `${noun} instance failed` };
  if (isJob && containers.length > 0 && containers.every((c) => c === "DONE")) return { status: "SUCCEEDED", message: "Job instance has completed" };
  if (containers.length > 0 && containers.every((c) => c === "READY" || c === "DONE")) return { status: "READY", message: `${noun} instance is running` };
  return { status: "PENDING", message: `${noun} instance is pending` };
}

/**
 * A running service is RUNNING once at least MIN_READY_INSTANCES instances are READY. Transitional states
 * recorded in the catalog (SUSPENDING, SUSPENDED, DELETING) win over what the containers say.
 */
export function deriveServiceStatus(recorded: string, instances: InstanceStatus[], minReadyInstances: number): "PENDING" | "RUNNING" | "FAILED" | string {
  if (["SUSPENDING", "SUSPENDED", "DELETING", "DELETED"].includes(recorded)) return recorded;
  const ready = instances.filter((s) => s === "READY").length;
  if (ready >= minReadyInstances && ready > 0) return "RUNNING";
  if (instances.length > 0 && instances.every((s) => s === "FAILED")) return "FAILED";
  return "PENDING";
}

/**
 * Recorded statuses of a workload that has no work to do: suspended or being dropped services, finished
 * jobs. Everything else runs, or waits to (a pool's num_services / num_jobs and IDLE vs ACTIVE count these).
 */
export const WORKLESS_STATUSES: readonly string[] = ["SUSPENDED", "SUSPENDING", "DELETING", "DONE", "FAILED", "CANCELLING", "CANCELLED"];

export function isRunningWorkload(recordedStatus: string): boolean {
  return !WORKLESS_STATUSES.includes(recordedStatus);
}
