import { SpcsError } from "../../common/errors";
import { LABEL_CONTAINER } from "../../common/labels";
import { poll, systemClock, type Clock } from "../../common/poll";
import type { ServiceKey } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { qualified } from "../../model/service-naming";
import { startPending } from "../workloads/capacity";
import { describeJob, type JobDescription } from "./describe-job";
import { finishEndedJobs, reconcileJob, removeJobContainers } from "./finish-job";
import { stateSignature, workloadContainerStates } from "../workloads/container-states";

/** EXECUTE JOB SERVICE waits at most STATEMENT_TIMEOUT_IN_SECONDS, two days by default, then cancels the job. */
export const DEFAULT_JOB_TIMEOUT_SECONDS = 172_800;
// Between rounds the wait sleeps in the engine's own wait on the job's running containers (it returns at
// the exit), at most ROUND_MS: other changes (a replica placed, a cancel or drop by another process, which
// also ends the containers) show within it. With nothing running, or replicas waiting for capacity that
// other jobs' ends free (each round finishes those), rounds are IDLE_MS apart.
const ROUND_MS = 1000;
const IDLE_MS = 100;

/** The synchronous job ran out of time; the caller cancels it, as SPCS does at the statement timeout. */
export class JobTimeout extends SpcsError {
  constructor(key: ServiceKey, seconds: number, last: JobDescription) {
    super("job-timeout", `Job ${qualified(key)} did not finish within ${seconds}s (status ${last.status}); it was cancelled, as SPCS cancels a job at the statement timeout.`, "raise timeoutSeconds, or run it with async: true and follow it with pulumi refresh");
  }
}

/**
 * Waits until every container of the job has exited (DONE or FAILED), as EXECUTE JOB SERVICE without
 * ASYNC does. Each round also finishes other jobs of the pool that have ended and starts work waiting
 * for their capacity: nothing else would, on a platform without a daemon, and this job may be the one
 * waiting.
 */
export async function awaitJobEnd(platform: Platform, key: ServiceKey, timeoutSeconds: number, progress: (line: string) => void = () => undefined): Promise<JobDescription> {
  let last = "";
  let d: JobDescription | undefined;
  let lastStates: string | undefined;
  let running: string[] = [];
  // Only the pause between rounds differs from the system clock: it ends at a container's exit.
  const clock: Clock = { now: systemClock.now, sleep: (ms) => (running.length && d?.status !== "PENDING" ? platform.docker.awaitAnyExit(running, ms) : systemClock.sleep(Math.min(ms, IDLE_MS))) };
  return poll(
    async () => {
      // Read before the round, so a change while it runs shows next round.
      const listed = await workloadContainerStates(platform, key);
      running = listed.filter((c) => c.running && c.labels[LABEL_CONTAINER] !== "_netns").map((c) => c.id);
      const states = stateSignature(listed);
      // Nothing started, exited, appeared or went away since the last full round: nothing to finish or report.
      if (d && d.status !== "PENDING" && states === lastStates) return undefined;
      lastStates = states;
      if (d?.status === "PENDING") {
        await finishEndedJobs(platform, d.computePool);
        await startPending(platform, d.computePool);
      }
      // One look at the engine per round: describe what reconcile just saw.
      const seen = await reconcileJob(platform, key);
      d = await describeJob(platform, key, seen.live);
      if (!d) throw new SpcsError("job-vanished", `Job ${qualified(key)} was dropped while waiting for it to finish.`);
      if (d.completedOn) {
        // Finished here: its containers are gone already. Finished by another process (the agent): it
        // may still be removing them, and they are gone when this returns.
        const svc = platform.catalog.services.get(key);
        if (svc && !seen.finished) await removeJobContainers(platform, svc);
        return d;
      }
      const job = d;
      const done = job.instances.filter((i) => job.containers.some((c) => c.instanceId === i.instanceId) && job.containers.every((c) => c.instanceId !== i.instanceId || c.status === "DONE")).length;
      const waiting = job.containers.some((c) => c.message === "Pending scheduling.") ? `; waiting for capacity in pool ${job.computePool}` : "";
      const line = `${done} of ${job.replicas} replicas DONE${waiting}; ${job.status}: ${job.containers.map((c) => `${c.instanceId}/${c.containerName} ${c.status}`).join(", ")}`;
      if (line !== last) progress(`Job ${qualified(key)}: ${line}`);
      last = line;
      return undefined;
    },
    { intervalMs: ROUND_MS, clock, timeoutMs: timeoutSeconds * 1000, onTimeout: () => new JobTimeout(key, timeoutSeconds, d!) },
  );
}
