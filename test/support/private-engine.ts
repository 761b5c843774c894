import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DockerRuntime } from "../../provider/runtime/docker-runtime";

/**
 * A Docker engine of the test's own (its own socket, data, containerd and address pool), for tests that
 * stop the engine: stopping the machine's shared engine would break every other test running at the same
 * time. No iptables or default bridge of its own, so it cannot disturb the shared engine's rules; its
 * user networks come from a pool the shared engine does not use.
 */
export class PrivateEngine {
  private constructor(
    readonly dir: string,
    readonly host: string,
  ) {}

  static async start(): Promise<PrivateEngine> {
    // Short: containerd's socket path under exec-root must fit a unix socket address.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pe-"));
    const engine = new PrivateEngine(dir, `unix://${dir}/docker.sock`);
    await engine.resume();
    return engine;
  }

  /** Starts (or starts again) the engine on the same data: containers with a restart policy come back. */
  async resume(): Promise<void> {
    const log = fs.openSync(path.join(this.dir, "dockerd.log"), "a");
    const child = spawn("dockerd", [
      "--host", this.host, "--data-root", path.join(this.dir, "data"), "--exec-root", path.join(this.dir, "x"), "--pidfile", path.join(this.dir, "docker.pid"),
      "--iptables=false", "--ip-masq=false", "--bridge=none", "--default-address-pool", "base=10.213.0.0/16,size=24",
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
  }
}
