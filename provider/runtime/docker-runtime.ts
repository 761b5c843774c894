import type Dockerode from "dockerode";
import { SpcsError } from "../common/errors";

/** What the platform needs to know about a Docker object it owns. */
export interface ManagedObject {
  id: string;
  name: string;
  labels: Record<string, string>;
}

export interface EngineVersion {
  version: string;
  apiVersion: string;
}

/**
 * The Docker Engine port of the platform: the only module that imports dockerode.
 *
 * Deletes are idempotent: "not found" (404) and "already stopped" (304) count as success, so a delete
 * that is retried after a crash, or that races with a user's `docker rm`, converges instead of failing.
 */
export class DockerRuntime {
  private readonly docker: Dockerode;

  constructor(readonly dockerHost?: string) {
    const Docker: typeof Dockerode = require("dockerode");
    this.docker = new Docker(dockerOptions(dockerHost));
  }

  async version(): Promise<EngineVersion | undefined> {
    try {
      const v = await this.docker.version();
      return { version: v.Version, apiVersion: v.ApiVersion };
    } catch {
      return undefined;
    }
  }

  /** Throws a clear error when the engine does not answer. */
  async requireEngine(): Promise<EngineVersion> {
    const v = await this.version();
    if (!v) {
      throw new SpcsError(
        "docker-unavailable",
        `the Docker engine at ${this.dockerHost ?? "the default socket"} does not answer`,
        "run `spcs platform up` to start it, or set DOCKER_HOST / spcs:dockerHost to an engine that answers",
      );
    }
    return v;
  }

  async listContainers(labelFilters: string[]): Promise<ManagedObject[]> {
    const list = await this.docker.listContainers({ all: true, filters: { label: labelFilters } });
    return list.map((c) => ({ id: c.Id, name: (c.Names[0] ?? "").replace(/^\//, ""), labels: c.Labels ?? {} }));
  }

  async listNetworks(labelFilters: string[]): Promise<ManagedObject[]> {
    const list = await this.docker.listNetworks({ filters: { label: labelFilters } });
    return list.map((n) => ({ id: n.Id, name: n.Name, labels: n.Labels ?? {} }));
  }

  async listVolumes(labelFilters: string[]): Promise<ManagedObject[]> {
    const res = await this.docker.listVolumes({ filters: { label: labelFilters } });
    return (res.Volumes ?? []).map((v) => ({ id: v.Name, name: v.Name, labels: v.Labels ?? {} }));
  }

  async imageExists(ref: string): Promise<boolean> {
    return ignoreNotFound(this.docker.getImage(ref).inspect()).then((i) => i !== undefined);
  }

  /** Imports a root filesystem tarball as an image (`docker import`), with Dockerfile-style changes. */
  async importImage(tar: NodeJS.ReadableStream, repo: string, tag: string, changes: string[]): Promise<void> {
    const stream = (await this.docker.importImage(tar, { repo, tag, changes } as any)) as unknown as NodeJS.ReadableStream;
    await this.follow(stream);
  }

  async tagImage(source: string, repo: string, tag: string): Promise<void> {
    await this.docker.getImage(source).tag({ repo, tag });
  }

  /** Pushes `repo:tag` to its registry; fails with the registry's own error text. */
  async pushImage(repo: string, tag: string): Promise<void> {
    const stream = await this.docker.getImage(`${repo}:${tag}`).push({ tag });
    await this.follow(stream);
  }

  async removeImage(ref: string): Promise<void> {
    await ignoreNotFound(this.docker.getImage(ref).remove({ force: true }));
  }

  async removeContainer(id: string): Promise<void> {
    await ignoreNotFound(this.docker.getContainer(id).remove({ force: true, v: true }));
  }

  async removeNetwork(id: string): Promise<void> {
    await ignoreNotFound(this.docker.getNetwork(id).remove());
  }

  async removeVolume(name: string): Promise<void> {
    await ignoreNotFound(this.docker.getVolume(name).remove({ force: true }));
  }

  /** Waits for a progress stream (pull, push, import) to end, failing on an in-band `{"error": ...}`. */
  private follow(stream: NodeJS.ReadableStream): Promise<void> {
    return new Promise((resolve, reject) => {
      this.docker.modem.followProgress(stream, (err: Error | null, events: any[]) => {
        if (err) return reject(err);
        const failed = events.find((e) => e && e.error);
        if (failed) return reject(new SpcsError("docker-error", String(failed.error)));
        resolve();
      });
    });
  }
}

function dockerOptions(host?: string): Dockerode.DockerOptions {
  if (!host) return {};
  if (host.startsWith("unix://")) return { socketPath: host.slice("unix://".length) };
  const u = new URL(host.replace(/^tcp:/, "http:"));
  return { host: u.hostname, port: Number(u.port || 2375), protocol: u.protocol === "https:" ? "https" : "http" };
}

async function ignoreNotFound<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 404 || status === 304) return undefined;
    throw e;
  }
}
