import { SpcsError, doesNotExist } from "../../common/errors";
import { poll, systemClock } from "../../common/poll";
import { timed } from "../../common/phase-timings";
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
 * A container that exits at once still looks "running" for a moment: RUNNING counts only once every
 * running container has run this long since its last start (the engine's StartedAt), with no restart.
 */
export const SETTLE_MS = 1500;
const LOG_LINES = 50;

/**
 * Waits until the service is RUNNING (MIN_READY_INSTANCES instances READY). Success conditions:
 *  1. every instance is placed on a node;
 *  2. every container of those instances runs;
 *  3. every readiness probe answers 200;
 *  4. every running container has run for SETTLE_MS since it last started, and all of that still holds
 *     when that is checked.
 * The hold is counted from the container's start as the engine recorded it, not from when this wait
 * first saw it running: time spent meanwhile (the ingress starting, other resources) counts, so a
 * service that is already settled is not held again. Fails fast, with the failing container's last 50 log
 * lines, on a crash loop; on timeout, fails with the first unmet condition's message (e.g. "Readiness
 * probe is failing at path: /x, port: 8080").
 */
export async function awaitServiceReady(platform: Platform, key: ServiceKey, timeoutSeconds: number, progress: (line: string) => void = () => undefined): Promise<ServiceDescription> {
  const started = Date.now();
  // With AUTO_SUSPEND_SECS shorter than the wait, the platform may suspend the service as idle once it
  // was RUNNING: that is the end of a successful wait, not a failure.
  const idledAway = (x?: ServiceDescription) => !!x && x.autoSuspendSecs > 0 && (x.status === "SUSPENDED" || x.status === "SUSPENDING") && !!x.suspendedOn && Date.parse(x.suspendedOn) >= started;
  return timed("service.awaitReady", () => awaitReady(platform, key, timeoutSeconds, {
    vanished: () => new SpcsError("service-vanished", `Service ${qualified(key)} was dropped while waiting for it to become ready.`),
    ready: async (d) => {
      if (idledAway(d)) return d;
      if (d.status !== "RUNNING") return undefined;
      const hold = settleLeft(d, systemClock.now());
      if (hold <= 0) return d;
      await timed("service.settle", () => systemClock.sleep(hold));
      const again = await describeService(platform, key);
      const restarts = (x?: ServiceDescription) => x?.containers.map((c) => c.restartCount).join(",");
      return (again?.status === "RUNNING" && restarts(again) === restarts(d) && settleLeft(again, systemClock.now()) <= 0) || idledAway(again) ? again! : "unsettled";
    },
    progress,
  }));
}

/**
 * How long until every running container of the description has run SETTLE_MS since its last start
 * (0: all have). A container between restarts does not hold the service back (it is not what makes it
 * RUNNING); once restarted it does, and a crash loop is caught by its restart count.
 */
export function settleLeft(d: Pick<ServiceDescription, "containers">, now: number): number {
  const starts = d.containers.filter((c) => c.status === "READY" || (c.status === "PENDING" && c.startTime)).map((c) => (c.startTime ? Date.parse(c.startTime) : now));
  // Never more than SETTLE_MS: an engine whose clock runs ahead (a remote DOCKER_HOST) holds no longer than before.
  return starts.length === 0 ? 0 : Math.min(SETTLE_MS, Math.max(0, SETTLE_MS - (now - Math.max(...starts))));
}

/**
 * Waits for one instance replaced by an upgrade or a restart; fails like create does (crash loop,
 * timeout) with the container's logs.
 */
export async function awaitInstanceReady(platform: Platform, key: ServiceKey, instanceId: number, timeoutSeconds: number): Promise<void> {
  await awaitReady(platform, key, timeoutSeconds, {
    instanceId,
    vanished: () => doesNotExist("Service", qualified(key)),
    ready: async (d) => (d.instances.find((i) => i.instanceId === String(instanceId))?.status === "READY" ? d : undefined),
    failure: { note: `Instances with a lower id than ${instanceId} still run the previous specification.`, hint: "fix the specification or image and run pulumi up again; the upgrade continues from this instance" },
  });
}

interface ReadyWait {
  /** Only this instance's containers count (an upgrade); all of them when absent. */
  instanceId?: number;
  vanished: () => SpcsError;
  /**
   * The description to return once ready; undefined while not; "unsettled" when it looked ready but did
   * not hold (a running container's exit code is 0: it says nothing of a crash loop, so the round ends).
   */
  ready: (d: ServiceDescription) => Promise<ServiceDescription | "unsettled" | undefined>;
  progress?: (line: string) => void;
  failure?: { note?: string; hint?: string };
}

/** The one readiness wait of services: a crash loop fails at once, the deadline with the first unmet condition. */
async function awaitReady(platform: Platform, key: ServiceKey, timeoutSeconds: number, w: ReadyWait): Promise<ServiceDescription> {
  let last = "";
  let d: ServiceDescription | undefined;
  let waiting: ContainerDescription | undefined;
  return poll(
    async () => {
      d = await describeService(platform, key);
      if (!d) throw w.vanished();
      const count = `${d.instances.filter((i) => i.status === "READY").length} of ${d.instances.length} instances READY`;
      if (d.status === "RUNNING" && count !== last) w.progress?.(`Service ${qualified(key)}: ${count}`); // shown while it settles
      if (d.status === "RUNNING") last = count;
      const ready = await w.ready(d);
      if (ready === "unsettled") return undefined;
      if (ready) return ready;
      const mine = w.instanceId === undefined ? d.containers : d.containers.filter((c) => c.instanceId === String(w.instanceId));
      const looping = mine.find((c) => c.restartCount >= CRASH_LOOP_RESTARTS);
      if (looping) throw await failure(platform, key, d, looping, `is in a crash loop (restarted ${looping.restartCount} times, last exit code ${looping.lastExitCode})`, w.failure);
      waiting = mine.find((c) => c.status !== "READY");
      const line = !waiting ? `${count}; ${d.status}` : waiting.message === "Pending scheduling." ? `${count}; waiting for capacity in pool ${d.computePool}` : `${count}; instance ${waiting.instanceId}, container ${waiting.containerName}: ${waiting.status} ${waiting.message}`;
      if (line !== last) w.progress?.(`Service ${qualified(key)}: ${line}`);
      last = line;
      return undefined;
    },
    { intervalMs: POLL_MS, timeoutMs: timeoutSeconds * 1000, onTimeout: () => failure(platform, key, d!, waiting, `did not become READY within ${timeoutSeconds}s: ${(waiting?.message ?? d!.status).replace(/\.$/, "")}`, w.failure) },
  );
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
