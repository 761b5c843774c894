import { SpcsError } from "./errors";

/**
 * Where waits read the time and sleep. Injected so that tests drive a wait with a fake clock instead of
 * sleeping; everything else uses `systemClock`.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** For the few waits that cannot yield to the event loop (opening the catalog, inside a constructor). */
export interface SyncClock {
  now(): number;
  sleepSync(ms: number): void;
}

export const systemClock: Clock & SyncClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  sleepSync: (ms) => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms),
};

export interface PollOptions {
  /** Pause between two probes. */
  intervalMs: number;
  /** Give up this long after the first probe started; no deadline when omitted (or Infinity). */
  timeoutMs?: number;
  /** The error thrown at the deadline: it may observe the last state (logs, last status) to say why. */
  onTimeout?: () => Error | Promise<Error>;
  clock?: Clock;
}

/**
 * Probes until `probe` returns a value other than `undefined`, and returns it. The one wait loop of the
 * provider: every wait computes its deadline here, the same way.
 *
 * Each round probes, then gives up if the deadline has come, then sleeps `intervalMs`, but never past
 * the deadline: the last probe runs at the deadline itself, so a wait never reports a timeout while the
 * condition it waits for would have held by then, and never overruns its timeout by more than one probe.
 * An error thrown by the probe ends the wait at once (a crash loop fails fast instead of waiting out the
 * timeout).
 */
export async function poll<T>(probe: () => Promise<T | undefined> | T | undefined, opts: PollOptions): Promise<T> {
  const clock = opts.clock ?? systemClock;
  const deadline = deadlineOf(clock, opts);
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    const pause = pauseBefore(deadline, clock, opts);
    if (pause === undefined) throw opts.onTimeout ? await opts.onTimeout() : timedOut(opts);
    await clock.sleep(pause);
  }
}

/** `poll` for a synchronous probe, blocking the thread between probes; the same deadline and pauses. */
export function pollSync<T>(probe: () => T | undefined, opts: Omit<PollOptions, "clock" | "onTimeout"> & { clock?: SyncClock; onTimeout?: () => Error }): T {
  const clock = opts.clock ?? systemClock;
  const deadline = deadlineOf(clock, opts);
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    const pause = pauseBefore(deadline, clock, opts);
    if (pause === undefined) throw opts.onTimeout ? opts.onTimeout() : timedOut(opts);
    clock.sleepSync(pause);
  }
}

const deadlineOf = (clock: { now(): number }, opts: { timeoutMs?: number }) => clock.now() + (opts.timeoutMs ?? Infinity);

/** The pause before the next probe, cut short at the deadline; undefined once the deadline has come. */
function pauseBefore(deadline: number, clock: { now(): number }, opts: { intervalMs: number }): number | undefined {
  const left = deadline - clock.now();
  return left <= 0 ? undefined : Math.min(opts.intervalMs, left);
}

const timedOut = (opts: { timeoutMs?: number }) => new SpcsError("wait-timeout", `gave up waiting after ${(opts.timeoutMs ?? Infinity) / 1000}s`);
