import * as fs from "node:fs";
import * as path from "node:path";
import type { PlatformConfig } from "../common/config";
import { wakeDir } from "../common/home-layout";
import { collectEvents } from "../statements/event-table";
import { finishEndedJobs } from "../statements/jobs";
import { openPlatform, type Platform } from "../platform/platform";
import { resumeService } from "../statements/services";
import { ReadinessMonitor } from "../statements/service-health";
import { autoscaleServices } from "../statements/autoscale";
import { suspendIdleWork } from "../statements/auto-suspend";

/** How often the agent looks for work: a request waits at most this long before its service resumes. */
export const AGENT_TICK_MS = 250;
/** How often it collects logs and platform events for the event table (each pass DESCRIBEs every service). */
export const EVENT_COLLECT_MS = 1000;


/**
 * The platform agent: what SPCS's control plane does between commands, for one platform home, in the
 * background (`spcs platform up` starts it). Each tick it
 *  - resumes suspended services with AUTO_RESUME that were used: a request reached the service's ingress,
 *    which asked for it by leaving a file named after the service in the wake folder (the ingress holds
 *    the request until the service answers);
 *  - finishes job services whose containers have all exited, so their capacity frees and waiting work
 *    starts without anybody having to look (the waiting `pulumi up` and refresh do it too);
 *  - autoscales services between MIN_INSTANCES and MAX_INSTANCES by their CPU load (statements/autoscale.ts);
 *  - suspends idle services (AUTO_SUSPEND_SECS) and idle pools, and finishes stopping pools
 *    (statements/auto-suspend.ts);
 *  - every EVENT_COLLECT_MS, collects what the event table holds: containers' new log lines (by each
 *    spec's logExporters) and platform events (statuses that changed), into the catalog's outbox, which
 *    the SQL endpoint ships into the event table;
 *  - probes the readiness of every instance of every running service (each probe every periodSeconds):
 *    an instance gets the service's DNS names once READY and loses them after failureThreshold failures.
 * Readiness probing runs in a loop of its own, at the same pace. Every step is what a provider call would
 * do, through the same code, so the agent and `pulumi up` can act at the same time. It stops when its home
 * disappears.
 */
export async function runAgent(config: PlatformConfig, log: (line: string) => void, signal: AbortSignal): Promise<void> {
  const platform = openPlatform(config);
  const readiness = new ReadinessMonitor(platform, log);
  let collected = 0;
  const work = async () => {
    if (Date.now() - collected >= EVENT_COLLECT_MS) {
      collected = Date.now();
      await collectEvents(platform).catch((e) => log(`event table: ${(e as Error).message}`));
    }
    await tick(platform, log);
  };
  // Two loops, so a resume or a scale-up that takes seconds never delays readiness probing (which it may
  // be waiting for), nor the other way round.
  const loop = async (step: () => Promise<void>) => {
    while (!signal.aborted && fs.existsSync(config.home)) {
      await step().catch((e) => log(`error: ${(e as Error).message}`));
      await new Promise((r) => setTimeout(r, AGENT_TICK_MS));
    }
  };
  await Promise.all([loop(work), loop(() => readiness.tick())]);
}

export async function tick(platform: Platform, log: (line: string) => void): Promise<void> {
  const dir = wakeDir(platform.config.home);
  for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    fs.rmSync(path.join(dir, file), { force: true });
    const [database, schema, name] = file.split(".");
    const svc = platform.catalog.services.get({ database, schema, name });
    if (!svc || svc.isJob || svc.status !== "SUSPENDED") continue; // running already, or gone
    if (!svc.autoResume) {
      log(`${file}: used while suspended, but AUTO_RESUME is FALSE: left suspended`);
      continue;
    }
    log(`${file}: used while suspended: resuming (AUTO_RESUME)`);
    await resumeService(platform, { database, schema, name });
  }
  await finishEndedJobs(platform);
  await autoscaleServices(platform, log);
  for (const line of await suspendIdleWork(platform)) log(line);
}
