import type { PlatformConfig } from "../common/config";
import { terminate } from "../common/terminate";
import { agentStatus, ensureAgent, stopAgent } from "./agent";
import { baseImageStatus, ensureBaseImage, ensureBusyboxStatic } from "./base-image";
import { dockerEngineStatus, ensureDockerEngine } from "./docker-engine";
import { ensurePulumiCli, pulumiCliStatus } from "./pulumi-cli";
import { ensureLanguagePlugins, languagePluginsStatus } from "./language-plugins";
import { ensureRuntimeImage, ensureRuntimePackages, runtimeImageStatus } from "./runtime-image";
import { ensureRegistry, registryServerStatus } from "./registry-server";
import { ensureSqlEndpoint, sqlEndpointStatus, stopSqlEndpoint } from "./sql-endpoint";
import type { PartStatus, PlatformStatus } from "./part-status";
import { ensureIngressImage } from "../objects/services/ingress-image";
import { ensureHaproxyPackages } from "./haproxy-packages";
import { DockerRuntime } from "../runtime/docker-runtime";

export type { PartStatus, PlatformStatus } from "./part-status";

/**
 * `spcs platform up`: installs what is missing and starts what is stopped, in dependency order. Every
 * step first checks whether its part already works, so running it again is cheap and changes nothing.
 */
export interface PlatformUpOptions {
  /**
   * Publish the ML runtime stand-in (default true). Pushing its ~70 MB into a fresh registry takes about
   * 5 s on two cores, so test platforms that never run a custom runtime image leave it out.
   */
  runtimeImage?: boolean;
  /** Start the SQL endpoint and fakesnow (default true); test platforms that never speak SQL may leave it out. */
  sql?: boolean;
}

export async function platformUp(config: PlatformConfig, log: (line: string) => void, opts: PlatformUpOptions = {}): Promise<PlatformStatus> {
  const parts: PartStatus[] = [];
  parts.push(await ensureDockerEngine(config, log));
  parts.push(await ensureRegistry(config, log));
  if (parts.every((p) => p.ok)) {
    await ensureBusyboxStatic(log);
    parts.push(await ensureBaseImage(config, log));
    await recordIngressSettings(config);
    // Built now so the first public endpoint does not wait for it (ingress.ts builds it when missing).
    await ensureHaproxyPackages(log);
    await ensureIngressImage(new DockerRuntime(config.dockerHost));
    if (opts.runtimeImage !== false) {
      await ensureRuntimePackages(log);
      parts.push(await ensureRuntimeImage(config, log));
    }
  }
  const cli = await ensurePulumiCli(config, log);
  parts.push(cli, ...(cli.ok && cli.path ? await ensureLanguagePlugins(cli.path, log) : []));
  if (parts.every((p) => p.ok)) parts.push(ensureAgent(config, log));
  if (opts.sql !== false) parts.push(await ensureSqlEndpoint(config, log));
  return { home: config.home, parts };
}

/** The ingress settings `platform up` was given become the platform's, for processes started without them. */
async function recordIngressSettings(config: PlatformConfig): Promise<void> {
  if (config.user === undefined && config.ingressIdleTimeoutSecs === undefined) return;
  const { readPlatformState, writePlatformState } = await import("../platform/platform");
  const state = readPlatformState(config.home);
  writePlatformState(config.home, { ...state, ingress: { ...state.ingress, ...(config.user && { user: config.user }), ...(config.ingressIdleTimeoutSecs && { idleTimeoutSecs: config.ingressIdleTimeoutSecs }) } });
}

/** `spcs platform status`: each part's address or path and version, touching nothing. */
export async function platformStatus(config: PlatformConfig): Promise<PlatformStatus> {
  const parts = await Promise.all([dockerEngineStatus(config), registryServerStatus(config), baseImageStatus(config), runtimeImageStatus(config), pulumiCliStatus(config), agentStatus(config), sqlEndpointStatus(config)]);
  const cli = parts.find((p) => p.name === "pulumi");
  return { home: config.home, parts: cli?.path ? [...parts, ...languagePluginsStatus(cli.path)] : parts };
}

/**
 * `spcs platform down`: stops the agent and the registry this platform started (its storage stays). The
 * Docker engine is left running: other users of the machine may depend on it.
 */
export async function platformDown(config: PlatformConfig): Promise<void> {
  stopAgent(config);
  stopSqlEndpoint(config);
  const { readPlatformState, writePlatformState } = await import("../platform/platform");
  const state = readPlatformState(config.home);
  const pid = state.registry?.managed ? state.registry.pid : undefined;
  if (pid) {
    terminate(pid);
    writePlatformState(config.home, { ...state, registry: undefined });
  }
}
