import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { poll, systemClock, type Clock } from "../common/poll";
import { processAlive } from "../common/process-alive";

export interface HomeLockTiming {
  /** How often the holder refreshes its heartbeat. */
  heartbeatMs: number;
  /** A heartbeat older than this means the holder is gone (or hung), even when its pid is reused. */
  staleMs: number;
  /** How often a waiter looks again. */
  retryMs: number;
}

const TIMING: HomeLockTiming = { heartbeatMs: 2_000, staleMs: 60_000, retryMs: 25 };

/** Who holds a lock: written in the lock directory as `owner.json`; its mtime is the heartbeat. */
interface Owner {
  pid: number;
  host: string;
  token: string;
}

/**
 * Runs `fn` while holding a named lock of the platform home, across processes (two `pulumi up` runs,
 * `pulumi up` and the `spcs` CLI). For the few Docker-side steps the catalog's transactions cannot cover
 * because they are asynchronous, such as creating the platform network: Docker lets two concurrent
 * creates make two networks of one name, and a container then fails to start ("network is ambiguous").
 *
 * The lock is a directory, which `mkdir` creates atomically or not at all, holding its owner (pid, host,
 * a random token) whose mtime the holder refreshes as a heartbeat. It is never taken from a live holder:
 * a waiter takes it over only when the owner's process is dead (same host) or its heartbeat is older than
 * `staleMs`; and a takeover happens under a second lock (`<name>.takeover`) after checking again that the
 * same stale owner still holds it, so two waiters never both take over. Release removes only the
 * releaser's own lock.
 */
export async function withHomeLock<T>(home: string, name: string, fn: () => Promise<T>, opts: Partial<HomeLockTiming> & { clock?: Clock } = {}): Promise<T> {
  const t = { ...TIMING, ...opts };
  const clock = opts.clock ?? systemClock;
  const dir = path.join(home, "locks", name);
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o700 });
  const me: Owner = { pid: process.pid, host: os.hostname(), token: randomBytes(12).toString("hex") };
  // No deadline: a holder that died is noticed by its pid or its heartbeat, and its lock taken over at once.
  await poll(
    () => {
      if (tryAcquire(dir, me)) return true;
      const seen = readOwner(dir);
      if (seen === "gone" || !isStale(dir, seen, t.staleMs, clock)) return undefined;
      takeOver(dir, seen, me, t, clock);
      return tryAcquire(dir, me) || undefined;
    },
    { intervalMs: t.retryMs, clock },
  );
  const ownerFile = path.join(dir, "owner.json");
  const heartbeat = setInterval(() => {
    const now = new Date();
    try {
      fs.utimesSync(ownerFile, now, now);
    } catch {
      // Gone: only a takeover after a heartbeat missed for staleMs removes it; nothing to refresh.
    }
  }, t.heartbeatMs);
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    release(dir, me);
  }
}

/** mkdir, then the owner file: a directory without one is a lock being made (judged by its own mtime). */
function tryAcquire(dir: string, me: Owner): boolean {
  try {
    fs.mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  fs.writeFileSync(path.join(dir, "owner.json"), JSON.stringify(me), { mode: 0o600 });
  return true;
}

/** The owner, undefined while the lock is being made (no owner file yet), "gone" when there is no lock. */
function readOwner(dir: string): Owner | undefined | "gone" {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, "owner.json"), "utf8")) as Owner;
  } catch {
    return fs.existsSync(dir) ? undefined : "gone";
  }
}

function isStale(dir: string, owner: Owner | undefined, staleMs: number, clock: Clock): boolean {
  const beat = fs.statSync(owner ? path.join(dir, "owner.json") : dir, { throwIfNoEntry: false })?.mtimeMs;
  if (beat === undefined) return false; // released meanwhile: the next mkdir decides
  if (owner && owner.host === os.hostname() && !processAlive(owner.pid)) return true;
  return clock.now() - beat > staleMs;
}


/**
 * Removes a stale lock under the takeover lock, after checking that the owner seen is still the owner
 * and still stale. The takeover lock is held for a few system calls; one left by a process killed inside
 * them is stale after staleMs by its mtime.
 */
function takeOver(dir: string, seen: Owner | undefined, me: Owner, t: HomeLockTiming, clock: Clock): void {
  const guard = `${dir}.takeover`;
  if (!tryAcquire(guard, me)) {
    const g = readOwner(guard);
    if (g !== "gone" && isStale(guard, g, t.staleMs, clock)) release(guard, g, g === undefined);
    return;
  }
  try {
    const now = readOwner(dir);
    const same = now !== "gone" && (now?.token ?? null) === (seen?.token ?? null);
    if (same && isStale(dir, now, t.staleMs, clock)) fs.rmSync(dir, { recursive: true, force: true });
  } finally {
    release(guard, me);
  }
}

/** Removes the lock if `owner` still holds it (or unconditionally for a stale takeover guard). */
function release(dir: string, owner: Owner | undefined, force = false): void {
  const now = readOwner(dir);
  if (now === "gone") return;
  if (force || (now && owner && now.token === owner.token)) fs.rmSync(dir, { recursive: true, force: true });
}
