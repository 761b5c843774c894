import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureAgent, stopAgent } from "../../../provider/provision/agent";
import { readPlatformState, writePlatformState } from "../../../provider/platform/platform";
import { processAlive } from "../../../provider/common/process-alive";

/**
 * An agent keeps the code it started with; readiness probing decides routing, so `platform up` of
 * another build (a new release, a rebuild) replaces a running agent, and keeps one of its own build.
 */
describe("integration: the platform agent follows the installed build", function () {
  let home: string;
  before(() => (home = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-agent-build-"))));
  after(function () {
    stopAgent({ home, registry: "127.0.0.1:1", account: "TEST_ACCOUNT" });
    fs.rmSync(home, { recursive: true, force: true });
  });

  it("replaces an agent of another build and keeps its own", async function () {
    const config = { home, registry: "127.0.0.1:1", account: "TEST_ACCOUNT" };
    // Stands in for an older release's agent: a live process recorded without a build.
    const old = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    const exited = new Promise((r) => old.once("exit", r));
    writePlatformState(home, { agent: { pid: old.pid! } });
    const lines: string[] = [];
    assert.equal(ensureAgent(config, (l) => lines.push(l)).ok, true);
    await exited;
    const mine = readPlatformState(home).agent!;
    assert.notEqual(mine.pid, old.pid);
    assert.ok(processAlive(mine.pid));
    assert.match(lines.join("\n"), new RegExp(`replacing the platform agent \\(pid ${old.pid}\\): it runs another build`));
    ensureAgent(config, () => undefined);
    assert.equal(readPlatformState(home).agent!.pid, mine.pid, "an agent of this build is kept");
  });
});
