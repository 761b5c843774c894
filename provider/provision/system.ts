import { spawn, spawnSync } from "node:child_process";
import { ownerOnlyDir, ownerOnlyFile } from "../common/owner-only";
import * as fs from "node:fs";
import * as path from "node:path";
import { SpcsError } from "../common/errors";
import { poll } from "../common/poll";

/** Absolute path of an executable on PATH (or in the extra folders), or undefined. */
export function which(cmd: string, extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), ...extraDirs];
  for (const d of dirs) {
    const p = path.join(d, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/** Runs a command to completion; returns stdout, or throws with its stderr. */
export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): string {
  const res = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, input: opts.input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (res.error) throw new SpcsError("command-failed", `${cmd} could not start: ${res.error.message}`);
  if (res.status !== 0) {
    throw new SpcsError("command-failed", `${cmd} ${args.join(" ")} exited with ${res.status}:\n${(res.stderr || res.stdout).trim().split("\n").slice(-20).join("\n")}`);
  }
  return res.stdout;
}

/** Like `run`, but streams output lines to `log` (for long builds and installs). */
export function runLogged(cmd: string, args: string[], log: (line: string) => void, opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const tail: string[] = [];
    const onData = (buf: Buffer) => {
      for (const line of buf.toString().split("\n")) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 30) tail.shift();
        log(`  ${line}`);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (e) => reject(new SpcsError("command-failed", `${cmd} could not start: ${e.message}`)));
    child.on("close", (code) => (code === 0 ? resolve() : reject(new SpcsError("command-failed", `${cmd} ${args.join(" ")} exited with ${code}:\n${tail.join("\n")}`))));
  });
}

/** Starts a long-running server detached from this process, its output appended to `logFile`. */
export function startDaemon(cmd: string, args: string[], logFile: string, env?: Record<string, string>): number {
  // A daemon's log may quote a secret a workload printed: owner only, like the catalog.
  ownerOnlyDir(path.dirname(logFile));
  const fd = fs.openSync(ownerOnlyFile(logFile), "a");
  const child = spawn(cmd, args, { detached: true, stdio: ["ignore", fd, fd], ...(env && { env: { ...process.env, ...env } }) });
  child.unref();
  fs.closeSync(fd);
  return child.pid ?? 0;
}

/** Polls `probe` until it returns a value, or throws after `timeoutMs` with `what` in the message. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, hint: string): Promise<T> {
  return poll(probe, { intervalMs: 250, timeoutMs, onTimeout: () => new SpcsError("provision-timeout", `${what} did not answer within ${Math.round(timeoutMs / 1000)}s`, hint) });
}

/** Whether a Debian package is installed. */
export function debInstalled(pkg: string): boolean {
  return spawnSync("dpkg-query", ["-W", "-f=${Status}", pkg], { encoding: "utf8" }).stdout?.includes("install ok installed") ?? false;
}

let aptUpdated = false;

/** Installs Debian packages that are missing (running `apt-get update` once first). */
export async function aptInstall(pkgs: string[], log: (line: string) => void): Promise<void> {
  const missing = pkgs.filter((p) => !debInstalled(p));
  if (missing.length === 0) return;
  if (!which("apt-get")) {
    throw new SpcsError("provision-unsupported", `these packages are missing and this machine has no apt-get: ${missing.join(", ")}`, "install them with your system's package manager, then run `spcs platform up` again");
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated) {
    log("apt-get update");
    await runLogged("apt-get", ["update", "-q"], () => undefined, { env });
    aptUpdated = true;
  }
  log(`apt-get install ${missing.join(" ")}`);
  await runLogged("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...missing], () => undefined, { env });
}

/**
 * Downloads Debian packages' .deb files into `dir` without installing them (`apt-get download`), running
 * `apt-get update` first when apt knows none of them yet (a fresh machine).
 */
export async function aptDownload(pkgs: string[], dir: string, log: (line: string) => void): Promise<void> {
  if (!which("apt-get")) {
    throw new SpcsError("provision-unsupported", `the ingress needs Debian's ${pkgs.join(", ")} and this machine has no apt-get`, "run the platform on Debian 12 (bookworm) or a derivative");
  }
  // Root's download runs as root (apt's sandbox user cannot write a root-owned folder).
  const args = ["-o", "APT::Sandbox::User=root", "download", ...pkgs];
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  log(`apt-get download ${pkgs.join(" ")}`);
  try {
    await runLogged("apt-get", args, () => undefined, { cwd: dir, env });
  } catch (e) {
    if (aptUpdated) throw e;
    log("apt-get update");
    await runLogged("apt-get", ["update", "-q"], () => undefined, { env });
    aptUpdated = true;
    await runLogged("apt-get", args, () => undefined, { cwd: dir, env });
  }
}
