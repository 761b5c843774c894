import * as path from "node:path";
import { homePaths, type PlatformConfig } from "../common/config";
import { DockerRuntime } from "../runtime/docker-runtime";
import { aptInstall, startDaemon, waitFor, which } from "./system";
import type { PartStatus } from "./part-status";

const ENGINE_START_TIMEOUT_MS = 90_000;

/**
 * The Docker engine: use the one that answers (DOCKER_HOST / spcs:dockerHost, or the default socket);
 * otherwise install Debian's docker.io and start dockerd in the background. Only the default local socket
 * is ever started here: an engine at a configured remote address is the user's to run.
 */
export async function ensureDockerEngine(config: PlatformConfig, log: (line: string) => void): Promise<PartStatus> {
  const docker = new DockerRuntime(config.dockerHost);
  const v = await docker.version();
  if (v) return engineStatus(config, v.version, v.apiVersion, "already running");
  if (config.dockerHost && !config.dockerHost.startsWith("unix:///var/run/docker.sock")) {
    return { name: "docker", ok: false, address: config.dockerHost, detail: "no engine answers at this address; start it, or unset DOCKER_HOST to use a local engine" };
  }
  if (!which("dockerd")) await aptInstall(["docker.io"], log);
  log("starting dockerd");
  startDaemon(which("dockerd") ?? "dockerd", [], path.join(homePaths(config.home).logs, "dockerd.log"));
  const started = await waitFor("the Docker engine", () => docker.version(), ENGINE_START_TIMEOUT_MS, `see ${path.join(homePaths(config.home).logs, "dockerd.log")}`);
  return engineStatus(config, started.version, started.apiVersion, "started");
}

export async function dockerEngineStatus(config: PlatformConfig): Promise<PartStatus> {
  const v = await new DockerRuntime(config.dockerHost).version();
  return v ? engineStatus(config, v.version, v.apiVersion, "running") : { name: "docker", ok: false, address: config.dockerHost ?? "unix:///var/run/docker.sock", detail: "not answering; run `spcs platform up`" };
}

function engineStatus(config: PlatformConfig, version: string, api: string, detail: string): PartStatus {
  return { name: "docker", ok: true, address: config.dockerHost ?? "unix:///var/run/docker.sock", version: `${version} (API ${api})`, detail };
}
