import assert from "node:assert/strict";
import { poll, pollSync, type Clock, type SyncClock } from "../../../provider/common/poll";

/** A clock whose sleep only moves time forward: no test here ever waits for real. */
function fakeClock(start = 1_000_000): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe("poll", function () {
  it("returns the first value the probe gives, after sleeping the interval between probes", async function () {
    const clock = fakeClock();
    const seen: number[] = [];
    const value = await poll(() => (seen.push(clock.now()), seen.length === 4 ? `ready at ${seen.length}` : undefined), { intervalMs: 500, timeoutMs: 10_000, clock });
    assert.equal(value, "ready at 4");
    assert.deepEqual(clock.slept, [500, 500, 500]);
    assert.deepEqual(seen, [1_000_000, 1_000_500, 1_001_000, 1_001_500]);
  });

  it("returns a falsy value such as 0 or false: only undefined means not yet", async function () {
    const clock = fakeClock();
    assert.equal(await poll(() => 0, { intervalMs: 50, timeoutMs: 100, clock }), 0);
    assert.equal(await poll(() => false, { intervalMs: 50, timeoutMs: 100, clock }), false);
    assert.deepEqual(clock.slept, []);
  });

  it("stops at the deadline: the last probe runs at the deadline itself, then the timeout error", async function () {
    const clock = fakeClock();
    const seen: number[] = [];
    let last = "";
    await assert.rejects(
      poll(
        () => {
          seen.push(clock.now());
          last = `round ${seen.length}`;
          return undefined;
        },
        { intervalMs: 400, timeoutMs: 1000, clock, onTimeout: () => new Error(`timed out after ${last}`) },
      ),
      /^Error: timed out after round 4$/,
    );
    // 0, 400, 800, then a shortened sleep of 200 so that the fourth probe falls on the deadline, not past it.
    assert.deepEqual(clock.slept, [400, 400, 200]);
    assert.deepEqual(seen, [1_000_000, 1_000_400, 1_000_800, 1_001_000]);
  });

  it("takes a satisfied value at the deadline over the timeout", async function () {
    const clock = fakeClock();
    const value = await poll(() => (clock.now() >= 1_001_000 ? "just in time" : undefined), { intervalMs: 300, timeoutMs: 1000, clock, onTimeout: () => new Error("too late") });
    assert.equal(value, "just in time");
  });

  it("awaits an asynchronous timeout error (one that reads logs, say)", async function () {
    const clock = fakeClock();
    await assert.rejects(poll(async () => undefined, { intervalMs: 10, timeoutMs: 25, clock, onTimeout: async () => new Error("last log lines: boom") }), /boom/);
    assert.deepEqual(clock.slept, [10, 10, 5]);
  });

  it("without onTimeout, says how long it waited, with a stable code", async function () {
    await assert.rejects(poll(() => undefined, { intervalMs: 100, timeoutMs: 1500, clock: fakeClock() }), (e: Error & { code?: string }) => e.code === "wait-timeout" && /1\.5s/.test(e.message));
  });

  it("propagates the probe's error at once, without waiting out the timeout", async function () {
    const clock = fakeClock();
    let probes = 0;
    await assert.rejects(
      poll(
        async () => {
          if (++probes === 2) throw new Error("crash loop");
          return undefined;
        },
        { intervalMs: 500, timeoutMs: 60_000, clock, onTimeout: () => new Error("timeout") },
      ),
      /^Error: crash loop$/,
    );
    assert.equal(probes, 2);
    assert.deepEqual(clock.slept, [500]);
  });

  it("waits without a deadline when no timeout is given", async function () {
    const clock = fakeClock();
    let probes = 0;
    assert.equal(await poll(() => (++probes === 1000 ? "lock taken" : undefined), { intervalMs: 25, clock }), "lock taken");
    assert.equal(clock.slept.length, 999);
    assert.ok(clock.slept.every((ms) => ms === 25));
  });

  it("probes once and gives up with a zero timeout", async function () {
    const clock = fakeClock();
    let probes = 0;
    await assert.rejects(poll(() => (probes++, undefined), { intervalMs: 25, timeoutMs: 0, clock, onTimeout: () => new Error("gone") }), /gone/);
    assert.equal(probes, 1);
    assert.deepEqual(clock.slept, []);
  });
});

describe("pollSync", function () {
  function fakeSyncClock(): SyncClock & { slept: number[] } {
    let now = 0;
    const slept: number[] = [];
    return { slept, now: () => now, sleepSync: (ms) => void (slept.push(ms), (now += ms)) };
  }

  it("blocks between probes with the same pauses and deadline as poll, and throws the last error at the deadline", function () {
    const clock = fakeSyncClock();
    let busy = 0;
    assert.throws(
      () =>
        pollSync(
          () => {
            busy++;
            return undefined;
          },
          { intervalMs: 20, timeoutMs: 50, clock, onTimeout: () => new Error(`SQLITE_BUSY after ${busy} tries`) },
        ),
      /^Error: SQLITE_BUSY after 4 tries$/,
    );
    assert.deepEqual(clock.slept, [20, 20, 10]);
  });

  it("returns the first value, and lets a probe's own error through at once", function () {
    const clock = fakeSyncClock();
    let n = 0;
    assert.equal(pollSync(() => (++n === 3 ? "open" : undefined), { intervalMs: 20, timeoutMs: 1000, clock }), "open");
    assert.throws(() => pollSync(() => { throw new Error("SQLITE_CORRUPT"); }, { intervalMs: 20, timeoutMs: 1000, clock }), /SQLITE_CORRUPT/);
    assert.deepEqual(clock.slept, [20, 20]);
  });
});
