import { SpcsError } from "../../common/errors";
import type { ServiceKey } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import type { ContainerDescription, ServiceDescription } from "../workloads/describe-columns";
import { describeService } from "./describe-service";
import { containerName, qualified } from "../../model/service-naming";

/** A container restarted this often while we wait is in a crash loop: stop waiting and say why. */
export const CRASH_LOOP_RESTARTS = 3;
export const DEFAULT_READY_TIMEOUT_SECONDS = 300;
const POLL_MS = 500;
/**
 * A container that exits at once still looks "running" for a moment: RUNNING counts only when it holds,
 * with no restart, for this long.
 */
export const SETTLE_MS = 1500;
const LOG_LINES = 50;

/**
 * Waits until the service is RUNNING (MIN_READY_INSTANCES instances READY). Success conditions:
 *  1. every instance is placed on a node;
 *  2. every container of those instances runs;
 *  3. every readiness probe answers 200;
 *  4. all of that still holds SETTLE_MS later, with no container restarted in between.
 * Fails fast, with the failing container's last 50 log lines, on a crash loop; on timeout, fails with the
 * first unmet condition's message (e.g. "Readiness probe is failing at path: /x, port: 8080").
 */
export async function awaitServiceReady(platform: Platform, key: ServiceKey, timeoutSeconds: number, progress: (line: string) => void = () => undefined): Promise<ServiceDescription> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let last = "";
  for (;;) {
    const d = await describeService(platform, key);
    if (!d) throw new SpcsError("service-vanished", `Service ${qualified(key)} was dropped while waiting for it to become ready.`);
    const ready = `${d.instances.filter((i) => i.status === "READY").length} of ${d.instances.length} instances READY`;
    if (d.status === "RUNNING") {
      if (ready !== last) progress(`Service ${qualified(key)}: ${ready}`); // shown while it settles
      last = ready;
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const again = await describeService(platform, key);
      const restarts = (x?: ServiceDescription) => x?.containers.map((c) => c.restartCount).join(",");
      if (again?.status === "RUNNING" && restarts(again) === restarts(d)) return again;
      continue;
    }
    const looping = d.containers.find((c) => c.restartCount >= CRASH_LOOP_RESTARTS);
    if (looping) throw await failure(platform, key, d, looping, `is in a crash loop (restarted ${looping.restartCount} times, last exit code ${looping.lastExitCode})`);
    const waiting = d.containers.find((c) => c.status !== "READY");
    const line = !waiting ? `${ready}; ${d.status}` : waiting.message === "Pending scheduling." ? `${ready}; waiting for capacity in pool ${d.computePool}` : `${ready}; instance ${waiting.instanceId}, container ${waiting.containerName}: ${waiting.status} ${waiting.message}`;
    if (line !== last) progress(`Service ${qualified(key)}: ${line}`);
    last = line;
    if (Date.now() > deadline) {
      throw await failure(platform, key, d, waiting, `did not become READY within ${timeoutSeconds}s: ${(waiting?.message ?? d.status).replace(/\.$/, "")}`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * Why a service (or, during an upgrade, one of its instances) did not become READY: the container, what
 * went wrong in SPCS's words, and its last 50 log lines.
 */
export async function failure(platform: Platform, key: ServiceKey, d: ServiceDescription, c: ContainerDescription | undefined, what: string, opts: { note?: string; hint?: string } = {}): Promise<SpcsError> {
  const subject = c ? `container ${c.containerName} of instance ${c.instanceId}` : "the service";
  const logs = c ? await platform.docker.containerLogs(containerName(platform.config.home, key, Number(c.instanceId), c.containerName), LOG_LINES) : "";
  const body = logs.trim() ? `\nlast ${LOG_LINES} log lines of ${c!.containerName}:\n${logs.trimEnd().split("\n").map((l) => "  | " + l).join("\n")}` : "";
  return new SpcsError("service-not-ready", `Service ${qualified(key)} (status ${d.status}): ${subject} ${what}.${opts.note ? ` ${opts.note}` : ""}${body}`, `see \`spcs logs ${qualified(key)} --instance ${c?.instanceId ?? 0}\`; ${opts.hint ?? "fix the image or spec and run pulumi up again"}`);
}
