import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { homeFilter } from "../../provider/common/labels";
import { findInstanceFamily } from "../../provider/model/instance-families";
import { nodeCapacity } from "../../provider/model/resources";
import { poolNodesOf } from "../../provider/objects/workloads/capacity";
import { PulumiProgram } from "../support/pulumi-program";
import { seedPool } from "../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

const COUNT = 20;

/** Runs a pulumi command of a program without blocking the test's event loop, so two can run at once. */
function runAsync(program: PulumiProgram, args: string[]): Promise<{ code: number; text: string }> {
  return new Promise((resolve) => {
    const child = program.start(args, "pipe");
    let text = "";
    child.stdout?.on("data", (d) => (text += d));
    child.stderr?.on("data", (d) => (text += d));
    child.on("exit", (code) => resolve({ code: code ?? -1, text }));
  });
}

/**
 * Two stacks each create 20 services in one pool at the same time. The pool has room for 6 (3 nodes of 1
 * vCPU, 0.5 vCPU each): 6 run, 34 wait PENDING ("Pending scheduling."), no node ever holds more than it
 * can, and both destroys leave nothing. Each create decides its placement in one catalog transaction, so
 * no interleaving of the two `pulumi up` runs can oversubscribe the pool.
 */
describe("e2e: two stacks x 20 services into one pool at once", function () {
  let tp: TestPlatform;
  let stacks: PulumiProgram[];
  before(async function () {
    tp = await startTestPlatform("e2e-contention");
    seedPool(tp, "BUSY_POOL", 3);
    stacks = ["a", "b"].map((prefix) => {
      const p = PulumiProgram.create("test/fixtures/programs/many-services", tp, `stack-${prefix}`);
      for (const [k, v] of Object.entries({ count: String(COUNT), prefix, pool: "busy_pool", readyTimeoutSeconds: "15" })) p.must(["config", "set", k, v]);
      return p;
    });
  });
  after(async function () {
    for (const p of stacks ?? []) {
      p.run(["destroy", "--yes"]);
      p.dispose();
    }
    await tp?.dispose();
  });

  it("never oversubscribes the pool: 6 services run, the rest wait PENDING", async function () {
    // All 40 creates race (--parallel); a timed-out create does not stop the others (--continue-on-error).
    const results = await Promise.all(stacks.map((p) => runAsync(p, ["up", "--yes", "--skip-preview", "--parallel", String(COUNT), "--continue-on-error"])));
    // Services that never got capacity time out waiting for READY: partial failures, recorded in state.
    for (const r of results) assert.match(r.text, /did not become READY within 15s: Pending scheduling/);
    const cap = nodeCapacity(findInstanceFamily("CPU_X64_XS")!);
    const nodes = poolNodesOf(tp.platform, "BUSY_POOL");
    assert.ok(nodes.length <= 3, `${nodes.length} nodes`);
    for (const n of nodes) assert.ok(n.used.cpuMilli <= cap.cpuMilli && n.used.memoryBytes <= cap.memoryBytes, `node ${n.id} holds ${JSON.stringify(n.used)}`);
    const instances = tp.platform.catalog.services.instancesInPool("BUSY_POOL");
    assert.equal(instances.length, 2 * COUNT, "every service of both stacks is recorded");
    assert.equal(instances.filter((i) => i.nodeId !== null).length, 6);
    const running = (await tp.platform.docker.listContainers(homeFilter(tp.config.home))).filter((c) => c.labels["com.pulumi-spcs.container"] === "main");
    assert.equal(running.length, 6, "only placed instances have containers");
    for (const p of stacks) assert.equal(p.state().deployment.resources.filter((r: any) => r.type.endsWith("spcs:Service")).length, COUNT, "each stack records all its services");
  });

  it("both destroys at once leave nothing behind", async function () {
    const results = await Promise.all(stacks.map((p) => runAsync(p, ["destroy", "--yes"])));
    for (const r of results) assert.equal(r.code, 0, r.text);
    assert.equal(tp.platform.catalog.services.list().length, 0);
    assert.equal((await tp.platform.docker.listContainers(homeFilter(tp.config.home))).length, 0);
  });
});
