import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DockerRuntime } from "../../provider/runtime/docker-runtime";

/**
 * A Docker engine of the test's own (its own socket, data, containerd, default bridge and address pool),
 * for tests that stop the engine: stopping the machine's shared engine would break every other test
 * running at the same time. It leaves iptables alone, so it cannot disturb the shared engine's rules, and
 * its user networks come from a pool the shared engine does not use. Its default bridge is an interface
 * made for it: `--bridge=none` would make dockerd delete the shared engine's docker0 (it removes the
 * default bridge interface when bridging is disabled).
 */
/** The private engine's address pool (10.213.0.0/16): one the shared engine does not use. */
const POOL_PREFIX = "10.213.";

const FORWARD_RULE = ["-s", `${POOL_PREFIX}0.0/16`, "-d", `${POOL_PREFIX}0.0/16`, "-j", "ACCEPT"];

export class PrivateEngine {
  private constructor(
    readonly dir: string,
    readonly host: string,
    private readonly bridge: string,
  ) {}

  static async start(): Promise<PrivateEngine> {
    // Short: containerd's socket path under exec-root must fit a unix socket address.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pe-"));
    const bridge = `spcspe${path.basename(dir).slice(3, 9).toLowerCase().replace(/[^a-z0-9]/g, "0")}`;
    const octet = 1 + Math.floor(Math.random() * 250);
    for (const args of [["link", "add", "name", bridge, "type", "bridge"], ["addr", "add", `10.214.${octet}.1/24`, "dev", bridge], ["link", "set", bridge, "up"]]) {
      const r = spawnSync("ip", args, { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`ip ${args.join(" ")}: ${r.stderr}`);
    }
    // The shared engine's FORWARD policy drops bridged traffic it has no rule for, and this engine makes no
    // rules (no iptables): let its containers talk to each other, through the chain Docker leaves to users.
    spawnSync("iptables", ["-I", "DOCKER-USER", ...FORWARD_RULE]);
    const engine = new PrivateEngine(dir, `unix://${dir}/docker.sock`, bridge);
    await engine.resume();
    return engine;
  }

  /** Starts (or starts again) the engine on the same data: containers with a restart policy come back. */
  async resume(): Promise<void> {
    // dockerd 20.10 starting again on a data root whose default bridge is not docker0 deletes the host's
    // docker0 (the shared engine's default bridge) while it clears its stale default network. Put it back
    // exactly as it was; the private engine never touches iptables, so the shared engine's rules stand.
    const docker0 = spawnSync("ip", ["-o", "-4", "addr", "show", "dev", "docker0"], { encoding: "utf8" }).stdout.match(/inet (\S+)/)?.[1];
    try {
      await this.startDaemon();
    } finally {
      if (docker0 && spawnSync("ip", ["link", "show", "docker0"]).status !== 0) {
        for (const args of [["link", "add", "docker0", "type", "bridge"], ["addr", "add", docker0, "dev", "docker0"], ["link", "set", "docker0", "up"]]) spawnSync("ip", args);
      }
    }
  }

  private async startDaemon(): Promise<void> {
    const log = fs.openSync(path.join(this.dir, "dockerd.log"), "a");
    const child = spawn("dockerd", [
      "--host", this.host, "--data-root", path.join(this.dir, "data"), "--exec-root", path.join(this.dir, "x"), "--pidfile", path.join(this.dir, "docker.pid"),
      "--iptables=false", "--ip-masq=false", `--bridge=${this.bridge}`, "--default-address-pool", `base=${POOL_PREFIX}0.0/16,size=24`,
    ], { detached: true, stdio: ["ignore", log, log] });
    child.unref();
    const docker = new DockerRuntime(this.host);
    for (let i = 0; i < 120; i++) {
      if (await docker.version()) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the private Docker engine did not start: see ${path.join(this.dir, "dockerd.log")}`);
  }

  /** Stops the engine (SIGTERM, as `systemctl stop docker` does) and waits until it is gone. */
  async stop(): Promise<void> {
    const pidFile = path.join(this.dir, "docker.pid");
    if (!fs.existsSync(pidFile)) return;
    const pid = Number(fs.readFileSync(pidFile, "utf8"));
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      return;
    }
    for (let i = 0; i < 240; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the private Docker engine (pid ${pid}) did not stop`);
  }

  async dispose(): Promise<void> {
    await this.stop();
    // dockerd leaves its data root (and containerd's state) mounted: unmount before removing.
    const mounts = fs.readFileSync("/proc/self/mounts", "utf8").split("\n").map((l) => l.split(" ")[1]).filter((m) => m?.startsWith(this.dir + "/"));
    for (const m of mounts.sort().reverse()) spawnSync("umount", ["-l", m]);
    fs.rmSync(this.dir, { recursive: true, force: true });
    // Its bridges outlive it in the host's network namespace: its own default bridge, and one per user
    // network (addresses from its pool, POOL below).
    const bridges = spawnSync("ip", ["-o", "-4", "addr"], { encoding: "utf8" }).stdout.split("\n").filter((l) => l.includes(`inet ${POOL_PREFIX}`)).map((l) => l.split(/\s+/)[1]);
    for (const b of new Set([this.bridge, ...bridges])) spawnSync("ip", ["link", "del", b]);
    spawnSync("iptables", ["-D", "DOCKER-USER", ...FORWARD_RULE]);
  }
}
