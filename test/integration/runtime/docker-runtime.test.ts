import assert from "node:assert/strict";
import * as net from "node:net";
import { homeFilter, managedLabels } from "../../../provider/common/labels";
import { baseImageRepo } from "../../../provider/model/platform-images";
import { isStopped, neverStarted } from "../../../provider/runtime/container-runtime";
import { isRuntimeError } from "../../../provider/runtime/runtime-error";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

/** A port of 127.0.0.1 held open by this process until `close`. */
function holdLoopbackPort(): Promise<{ port: number; close: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({ port: (server.address() as net.AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) }));
  });
}

/**
 * The runtime port on the real engine: what the engine says (a taken port, a missing network, a name in
 * use, a container that is gone) reaches callers as the port's codes and states, never as Docker's text.
 */
describe("integration: the container runtime port on the real engine", function () {
  let tp: TestPlatform;
  let image = "";
  const made: string[] = [];
  const spec = (name: string) => ({ name: `spcs-rtport-${name}-${Date.now()}`, image, labels: managedLabels(tp.config.home, "service-container", `rtport-${name}`) });

  before(async function () {
    tp = await startTestPlatform("it-runtime");
    image = `${baseImageRepo(tp.config)}:latest`;
    await tp.platform.docker.pullImage(image);
  });
  after(async function () {
    for (const id of made) await tp?.platform.docker.removeContainer(id);
    await tp?.dispose();
  });

  it("a host port another process holds fails the start with code port-in-use", async function () {
    const held = await holdLoopbackPort();
    try {
      const id = await tp.platform.docker.createContainer({ ...spec("port"), cmd: ["sleep", "60"], publish: [80], hostPorts: { 80: held.port } });
      made.push(id);
      await assert.rejects(tp.platform.docker.startContainer(id), (e) => isRuntimeError(e, "port-in-use"));
    } finally {
      await held.close();
    }
  });

  it("a network that is gone fails with code not-found; a container joined to another's network shares its address", async function () {
    await assert.rejects(tp.platform.docker.createContainer({ ...spec("nonet"), cmd: ["true"], network: { name: "spcs-rtport-no-such-network", aliases: [] } }).then((id) => (made.push(id), tp.platform.docker.startContainer(id))), (e) => isRuntimeError(e, "not-found"));
    const owner = await tp.platform.docker.createContainer({ ...spec("owner"), cmd: ["sleep", "60"] });
    made.push(owner);
    await tp.platform.docker.startContainer(owner);
    const joined = await tp.platform.docker.createContainer({ ...spec("joined"), cmd: ["sleep", "60"], joinNetworkOf: owner, cpuMilli: 100, mounts: [{ source: "/etc", target: "/host-etc", readOnly: true }] });
    made.push(joined);
    assert.equal(neverStarted((await tp.platform.docker.inspectContainer(joined))!), true);
    await tp.platform.docker.startContainer(joined);
    const info = (await tp.platform.docker.inspectContainer(joined))!;
    assert.equal(info.state, "running");
    assert.equal(info.ipAddress, "", "a container on another's network has no address of its own");
  });

  it("stopped is exited and not restarting; removed twice, stopped twice and inspected when gone are all fine", async function () {
    const id = await tp.platform.docker.createContainer({ ...spec("stop"), cmd: ["sleep", "60"], restart: "always" });
    await tp.platform.docker.startContainer(id);
    await tp.platform.docker.stopContainer(id, 1);
    const stopped = (await tp.platform.docker.inspectContainer(id))!;
    assert.deepEqual([stopped.state, stopped.running, isStopped(stopped)], ["exited", false, true]);
    await tp.platform.docker.stopContainer(id, 1);
    await Promise.all([tp.platform.docker.removeContainer(id), tp.platform.docker.removeContainer(id)]);
    await tp.platform.docker.removeContainer(id);
    assert.equal(await tp.platform.docker.inspectContainer(id), undefined);
    assert.equal((await tp.platform.docker.listContainers(homeFilter(tp.config.home))).some((c) => c.id === id), false);
  });

  it("containerStats: CPU time grows while a container spins, and there is none for a stopped or missing one", async function () {
    const id = await tp.platform.docker.createContainer({ ...spec("cpu"), cmd: ["sh", "-c", "while :; do :; done"], cpuMilli: 200 });
    made.push(id);
    await tp.platform.docker.startContainer(id);
    await new Promise((r) => setTimeout(r, 300));
    const first = await tp.platform.docker.containerStats(id);
    await new Promise((r) => setTimeout(r, 1000));
    const second = await tp.platform.docker.containerStats(id);
    assert.ok(first && second, "a running container has stats");
    // Capped at 0.2 cpu: about 200 ms of CPU time per second, and at least some on a busy machine.
    const used = second.cpuNanos - first.cpuNanos;
    assert.ok(used > 20e6 && used < 400e6, `${used / 1e6} ms of CPU in about 1 s`);
    await tp.platform.docker.stopContainer(id, 0);
    assert.equal(await tp.platform.docker.containerStats(id), undefined);
    assert.equal(await tp.platform.docker.containerStats("spcs-rtport-no-such-container"), undefined);
  });

  it("a one-off run gives stdout and stderr apart, from the one log-frame parser", async function () {
    const r = await tp.platform.docker.runToCompletion({ image, labels: managedLabels(tp.config.home, "validation-container", "rtport"), cmd: ["sh", "-c", "echo out; echo err >&2; exit 4"], timeoutMs: 30_000 });
    assert.deepEqual(r, { exitCode: 4, stdout: "out\n", stderr: "err\n", timedOut: false });
  });
  it("startUntilLine: returns at the line while the program runs on, and with the exit code and stderr when it ends first", async function () {
    const ok = await tp.platform.docker.createContainer({ ...spec("line"), cmd: ["sh", "-c", "echo warming; echo ready-now; exec sleep 60"] });
    made.push(ok);
    const seen = await tp.platform.docker.startUntilLine(ok, "ready-now", 10_000);
    assert.equal(seen.seen, true);
    assert.equal((await tp.platform.docker.inspectContainer(ok))?.running, true, "the program goes on after the line");
    // A restart policy starts it again at once: the first run's exit code must still come back.
    const bad = await tp.platform.docker.createContainer({ ...spec("noline"), cmd: ["sh", "-c", "echo 'iptables-restore: line 3 failed' >&2; exit 4"], restart: "always" });
    made.push(bad);
    const failed = await tp.platform.docker.startUntilLine(bad, "ready-now", 10_000);
    assert.deepEqual({ seen: failed.seen, timedOut: failed.timedOut, exitCode: failed.exitCode }, { seen: false, timedOut: false, exitCode: 4 });
    assert.match(failed.stderr, /iptables-restore: line 3 failed/);
  });
});
