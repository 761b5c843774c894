import type { ServiceKey } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { qualified } from "../../model/service-naming";
import { lastLines } from "../../common/text";
import { CANCELLED_CONTAINER_MESSAGE } from "./cancel-job";
import type { JobDescription } from "./describe-job";

const LOG_LINES = 50;

/**
 * Why a finished job failed, for the `pulumi up` error: the first failing instance and container, its
 * exit code, and the last 50 lines it printed (kept in the catalog when the job finished).
 */
export function jobFailureMessage(platform: Platform, key: ServiceKey, d: JobDescription): string {
  const failed = d.containers.find((c) => c.status === "FAILED");
  if (!failed) return `${d.message}`;
  const kept = platform.catalog.jobs.containers(key).find((r) => String(r.instanceId) === failed.instanceId && r.containerName === failed.containerName);
  const lines = lastLines((kept?.logs ?? "").trimEnd(), LOG_LINES).split("\n");
  const body = lines.length && lines.join("") !== "" ? `\nlast ${Math.min(LOG_LINES, lines.length)} log lines of ${failed.containerName}:\n${lines.map((l) => "  | " + l).join("\n")}` : "";
  const exit = failed.lastExitCode === null ? "" : ` with exit code ${failed.lastExitCode}`;
  return `Job ${qualified(key)} failed with status: ${d.status}. Instance ${failed.instanceId}, container ${failed.containerName} ${failed.message === CANCELLED_CONTAINER_MESSAGE ? "was cancelled" : "exited"}${exit}.${body}`;
}
