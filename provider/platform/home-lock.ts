import * as fs from "node:fs";
import * as path from "node:path";
import { poll, systemClock, type Clock } from "../common/poll";

/** A lock older than this is left over by a process that died holding it. */
const STALE_MS = 60_000;
const RETRY_MS = 25;

/**
 * Runs `fn` while holding a named lock of the platform home, across processes (two `pulumi up` runs,
 * `pulumi up` and the `spcs` CLI). For the few Docker-side steps the catalog's transactions cannot cover
 * because they are asynchronous, such as creating the platform network: Docker lets two concurrent
 * creates make two networks of one name, and a container then fails to start ("network is ambiguous").
 * The lock is a directory, which `mkdir` creates atomically or not at all.
 */
export async function withHomeLock<T>(home: string, name: string, fn: () => Promise<T>, clock: Clock = systemClock): Promise<T> {
  const dir = path.join(home, "locks", name);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const take = (): true | undefined => {
    try {
      fs.mkdirSync(dir);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      return undefined;
    }
  };
  // No deadline: a holder that died is noticed by the lock's age, and its lock taken over at once.
  await poll(
    () => {
      if (take()) return true;
      const age = clock.now() - (fs.statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? clock.now());
      if (age <= STALE_MS) return undefined;
      fs.rmSync(dir, { recursive: true, force: true });
      return take();
    },
    { intervalMs: RETRY_MS, clock },
  );
  try {
    return await fn();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
