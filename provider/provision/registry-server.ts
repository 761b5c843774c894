import * as fs from "node:fs";
import * as path from "node:path";
import { homePaths, type PlatformConfig } from "../common/config";
import { RegistryClient } from "../registry/registry-client";
import { readPlatformState, writePlatformState } from "../platform/platform";
import { aptInstall, run, startDaemon, waitFor, which } from "./system";
import type { PartStatus } from "./part-status";

const REGISTRY_START_TIMEOUT_MS = 30_000;

/**
 * The OCI registry: the CNCF distribution registry (Debian's docker-registry). Reuses one that already
 * answers at the configured address; otherwise starts one on that loopback address with deletes enabled
 * and its storage under the platform home, and records that it is ours (so dropping a repository may also
 * remove its folder).
 */
export async function ensureRegistry(config: PlatformConfig, log: (line: string) => void): Promise<PartStatus> {
  const client = new RegistryClient(config.registry);
  if (await client.ping()) return registryStatus(config, "already running");
  const [host, port] = config.registry.split(":");
  if (!/^(127\.\d+\.\d+\.\d+|localhost)$/.test(host)) {
    return { name: "registry", ok: false, address: config.registry, detail: "no registry answers there, and only a loopback registry is started here" };
  }
  if (!which("docker-registry")) await aptInstall(["docker-registry"], log);
  const paths = homePaths(config.home);
  fs.mkdirSync(paths.registryStorage, { recursive: true });
  fs.writeFileSync(paths.registryConfig, registryConfigYaml(paths.registryStorage, `${host}:${port ?? "5000"}`));
  log(`starting docker-registry on ${config.registry}`);
  const pid = startDaemon(which("docker-registry") ?? "docker-registry", ["serve", paths.registryConfig], path.join(paths.logs, "registry.log"));
  await waitFor(`the registry at ${config.registry}`, () => client.ping(), REGISTRY_START_TIMEOUT_MS, `see ${path.join(paths.logs, "registry.log")}`);
  const state = readPlatformState(config.home);
  writePlatformState(config.home, { ...state, registry: { address: config.registry, storage: paths.registryStorage, pid, managed: true } });
  return registryStatus(config, "started");
}

export async function registryServerStatus(config: PlatformConfig): Promise<PartStatus> {
  return (await new RegistryClient(config.registry).ping())
    ? registryStatus(config, "running")
    : { name: "registry", ok: false, address: config.registry, detail: "not answering; run `spcs platform up`" };
}

function registryStatus(config: PlatformConfig, detail: string): PartStatus {
  const reg = readPlatformState(config.home).registry;
  const managed = reg?.managed && reg.address === config.registry;
  return {
    name: "registry",
    ok: true,
    address: config.registry,
    path: managed ? reg!.storage : undefined,
    version: registryVersion(),
    detail: managed ? `${detail}, storage under the platform home` : `${detail} (not started by this platform)`,
  };
}

function registryVersion(): string | undefined {
  const bin = which("docker-registry");
  if (!bin) return undefined;
  try {
    return run(bin, ["--version"]).trim().split(/\s+/).pop();
  } catch {
    return undefined;
  }
}

function registryConfigYaml(storage: string, addr: string): string {
  return [
    "# Written by `spcs platform up`. Deletes are enabled so DROP IMAGE REPOSITORY removes images.",
    "version: 0.1",
    "log:",
    "  level: warn",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${storage}`,
    "  delete:",
    "    enabled: true",
    "http:",
    `  addr: ${addr}`,
    "",
  ].join("\n");
}
