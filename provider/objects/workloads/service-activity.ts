import * as fs from "node:fs";
import * as path from "node:path";
import { activityDir } from "../../common/home-layout";
import type { ServiceKey } from "../../catalog/service-store";
import { qualified } from "../../model/service-naming";

/**
 * What SPCS counts as a service being used, for AUTO_SUSPEND_SECS: a query calling one of its service
 * functions. The call records the time in the platform home (the SQL endpoint makes calls, the platform
 * agent suspends), before each batch and when it ends, so a call in progress keeps the service awake.
 */
export function recordServiceActivity(home: string, key: ServiceKey, now = new Date()): void {
  const dir = activityDir(home);
  const file = path.join(dir, qualified(key));
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.closeSync(fs.openSync(file, "a"));
    fs.utimesSync(file, now, now);
  } catch (e) {
    // Bookkeeping never fails the caller's query: unrecorded, the service only looks idle sooner.
    console.log(`could not record the use of service ${qualified(key)} in ${file}: ${(e as Error).message}`);
  }
}

/** The last recorded use (ms), or undefined when the service was never called. */
export function lastServiceActivity(home: string, key: ServiceKey): number | undefined {
  try {
    return fs.statSync(path.join(activityDir(home), qualified(key))).mtimeMs;
  } catch {
    return undefined;
  }
}

/** A dropped service's record goes with it. */
export function removeServiceActivity(home: string, key: ServiceKey): void {
  fs.rmSync(path.join(activityDir(home), qualified(key)), { force: true });
}
