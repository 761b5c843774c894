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

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
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
  const timeoutMs = opts.timeoutMs ?? Infinity;
  const deadline = clock.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    const left = deadline - clock.now();
    if (left <= 0) throw opts.onTimeout ? await opts.onTimeout() : new SpcsError("wait-timeout", `gave up waiting after ${timeoutMs / 1000}s`);
    await clock.sleep(Math.min(opts.intervalMs, left));
  }
}
