import * as fs from "node:fs";
import { PlatformConfig, homePaths } from "../common/config";
import { Catalog } from "../catalog/catalog";
import { RegistryClient } from "../registry/registry-client";
import type { ContainerRuntime } from "../runtime/container-runtime";
import { DockerRuntime } from "../runtime/docker-runtime";

/** The role that owns every object; the local platform has no RBAC. */
export const OWNER_ROLE = "ACCOUNTADMIN";

/** What `spcs platform up` records about the parts it started, in `<home>/platform.json`. */
export interface PlatformState {
  registry?: { address: string; storage: string; pid?: number; managed: boolean };
  docker?: { host?: string; managed: boolean };
  pulumi?: { bin: string; version: string };
  agent?: { pid: number };
  /** Ingress settings given to `spcs platform up` (SPCS_USER, SPCS_INGRESS_IDLE_TIMEOUT_SECS): every process's default. */
  ingress?: { user?: string; idleTimeoutSecs?: number };
}

/**
 * One handle on the local platform: its catalog, registry and Docker engine, for one platform home.
 * Clients are created on first use, so opening a platform to read the catalog never touches Docker.
 */
export class Platform {
  readonly catalog: Catalog;
  readonly registry: RegistryClient;
  private dockerRuntime?: ContainerRuntime;

  constructor(readonly config: PlatformConfig) {
    this.catalog = Catalog.open(homePaths(config.home).catalog);
    this.registry = new RegistryClient(config.registry);
  }

  get docker(): ContainerRuntime {
    return (this.dockerRuntime ??= new DockerRuntime(this.config.dockerHost));
  }

  /** The registry's storage folder when this platform started the registry itself, else undefined. */
  managedRegistryStorage(): string | undefined {
    const reg = readPlatformState(this.config.home).registry;
    return reg?.managed && reg.address === this.config.registry ? reg.storage : undefined;
  }

  close(): void {
    this.catalog.close();
  }
}

export function readPlatformState(home: string): PlatformState {
  try {
    return JSON.parse(fs.readFileSync(homePaths(home).state, "utf8")) as PlatformState;
  } catch {
    return {};
  }
}

export function writePlatformState(home: string, state: PlatformState): void {
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(homePaths(home).state, JSON.stringify(state, null, 2) + "\n");
}

const open = new Map<string, Platform>();

/** One platform per configuration per process: provider calls reuse the catalog connection. */
export function openPlatform(config: PlatformConfig): Platform {
  const key = JSON.stringify(config);
  let p = open.get(key);
  if (!p) open.set(key, (p = new Platform(config)));
  return p;
}
