import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const CHILD = path.resolve(__dirname, "../../support/home-lock-child.js");

interface Contender { rounds: number; holdMs: number; staleMs: number; heartbeatMs: number; hang?: boolean }

function contend(home: string, log: string, c: Contender) {
  const child = spawn(process.execPath, [CHILD, JSON.stringify({ home, name: "network", log, ...c })], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, done, stderr: () => stderr };
}

/** The log must be strictly alternating enter/exit of one process at a time. */
function assertMutualExclusion(log: string, expectedRounds: number): void {
  const lines = fs.readFileSync(log, "utf8").trim().split("\n");
  assert.deepEqual(lines.filter((l) => l.startsWith("VIOLATION")), []);
  for (let i = 0; i < lines.length; i += 2) {
    const [e, pe] = lines[i].split(" "), [x, px] = (lines[i + 1] ?? "").split(" ");
    assert.deepEqual([e, x, pe], ["enter", "exit", px], `two holders at once around line ${i + 1}: ${lines.slice(i, i + 3)}`);
  }
  assert.equal(lines.length, expectedRounds * 2);
}

/** The home lock across processes (issue 13, item 9): never two holders; a dead holder's lock is taken over. */
describe("home lock: two processes", function () {
  this.timeout(60_000);
  let home: string, log: string;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-lock-"));
    log = path.join(home, "log");
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it("two processes contending 40 times each are never inside together", async function () {
    const c = { rounds: 40, holdMs: 2, staleMs: 30_000, heartbeatMs: 1_000 };
    const a = contend(home, log, c), b = contend(home, log, c);
    assert.deepEqual(await Promise.all([a.done, b.done]), [0, 0], a.stderr() + b.stderr());
    assertMutualExclusion(log, 80);
  });

  it("a live holder running past the stale age keeps the lock: its heartbeat is fresh", async function () {
    // staleMs 300 and a holder inside for 1.5 s: the old lock (stale by age alone after 60 s) let B in.
    const a = contend(home, log, { rounds: 1, holdMs: 1_500, staleMs: 300, heartbeatMs: 50 });
    while (!fs.existsSync(log)) await new Promise((r) => setTimeout(r, 10));
    const b = contend(home, log, { rounds: 3, holdMs: 1, staleMs: 300, heartbeatMs: 50 });
    assert.deepEqual(await Promise.all([a.done, b.done]), [0, 0], a.stderr() + b.stderr());
    assertMutualExclusion(log, 4);
    assert.equal(fs.readFileSync(log, "utf8").split("\n")[1], `exit ${a.child.pid}`);
  });

  it("a lock whose holder was killed is taken over at once (its pid is dead), by exactly one of two waiters", async function () {
    const dead = contend(home, path.join(home, "dead.log"), { rounds: 1, holdMs: 0, staleMs: 30_000, heartbeatMs: 1_000, hang: true });
    while (!fs.existsSync(path.join(home, "dead.log"))) await new Promise((r) => setTimeout(r, 10));
    dead.child.kill("SIGKILL");
    await dead.done;
    fs.rmSync(path.join(home, "inside"), { force: true }); // the killed holder's marker, not the lock
    const started = Date.now();
    const c = { rounds: 20, holdMs: 1, staleMs: 30_000, heartbeatMs: 1_000 };
    const a = contend(home, log, c), b = contend(home, log, c);
    assert.deepEqual(await Promise.all([a.done, b.done]), [0, 0], a.stderr() + b.stderr());
    assert.ok(Date.now() - started < 15_000, "the dead holder's lock was taken over without waiting for the stale age");
    assertMutualExclusion(log, 40);
  });
});
