import type { InstanceStatus } from "./statuses";

/**
 * A job's status as SPCS computes it (reference §4.2): any instance FAILED makes the job FAILED; all
 * instances SUCCEEDED make it DONE; any instance running makes it RUNNING; otherwise it is PENDING.
 * States the platform recorded itself (a finished job, a cancel in progress, a drop) win.
 */
export function deriveJobStatus(recorded: string, instances: readonly InstanceStatus[]): string {
  if (["DONE", "FAILED", "CANCELLING", "CANCELLED", "DELETING", "DELETED"].includes(recorded)) return recorded;
  if (instances.some((s) => s === "FAILED")) return "FAILED";
  if (instances.length > 0 && instances.every((s) => s === "SUCCEEDED")) return "DONE";
  if (instances.some((s) => s === "READY" || s === "SUCCEEDED")) return "RUNNING";
  return "PENDING";
}

/**
 * The one-line message SPCS prints for a job, e.g. `Job J completed successfully with status: DONE.`:
 * the bare name, even when the caller has the qualified one (`DB.SCHEMA.J`).
 */
export function jobMessage(name: string, status: string): string {
  const qualifiedName = name.split(".").pop()!;
  switch (status) {
    case "DONE":
      return `Job ${qualifiedName} completed successfully with status: DONE.`;
    case "FAILED":
      return `Job ${qualifiedName} failed with status: FAILED.`;
    case "CANCELLED":
      return `Job ${qualifiedName} was cancelled.`;
    case "CANCELLING":
      return `Job ${qualifiedName} is being cancelled.`;
    case "RUNNING":
      return `Job ${qualifiedName} is running.`;
    default:
      return `Job ${qualifiedName} is pending.`;
  }
}
