import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Clock } from "../../../provider/common/poll";
import { withHomeLock } from "../../../provider/platform/home-lock";

/** Fake time starting `offsetMs` after the real clock (the lock's age is its directory's real mtime). */
function clockAt(offsetMs: number, onSleep: () => void = () => undefined): Clock & { slept: number } {
  let now = Date.now() + offsetMs;
  const c = {
    slept: 0,
    now: () => now,
    sleep: async (ms: number) => {
      c.slept++;
      now += ms;
      onSleep();
    },
  };
  return c;
}

describe("withHomeLock", function () {
  let home: string;
  beforeEach(() => (home = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-lock-"))));
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));
  const lockDir = () => path.join(home, "locks", "network");

  it("holds the lock while fn runs and releases it after, even when fn throws", async function () {
    await withHomeLock(home, "network", async () => assert.ok(fs.existsSync(lockDir())));
    assert.equal(fs.existsSync(lockDir()), false);
    await assert.rejects(withHomeLock(home, "network", async () => Promise.reject(new Error("boom"))), /boom/);
    assert.equal(fs.existsSync(lockDir()), false);
  });

  it("waits, retrying every 25 ms, while another holder keeps a fresh lock", async function () {
    fs.mkdirSync(lockDir(), { recursive: true });
    // The other holder releases the lock after our tenth retry.
    const clock = clockAt(0, () => clock.slept === 10 && fs.rmSync(lockDir(), { recursive: true }));
    const ran = await withHomeLock(home, "network", async () => "ran", { clock });
    assert.equal(ran, "ran");
    assert.equal(clock.slept, 10);
  });

  it("takes over at once a lock older than a minute, left by a process that died holding it", async function () {
    fs.mkdirSync(lockDir(), { recursive: true });
    const clock = clockAt(61_000);
    assert.equal(await withHomeLock(home, "network", async () => "ran", { clock }), "ran");
    assert.equal(clock.slept, 0);
  });
});
