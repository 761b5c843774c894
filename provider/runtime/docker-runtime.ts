import type Dockerode from "dockerode";
import { SpcsError } from "../common/errors";
import { lastLines } from "../common/text";

/** What the platform needs to know about a Docker object it owns. */
export interface ManagedObject {
  id: string;
  name: string;
  labels: Record<string, string>;
}

/** What the platform asks of a container; mapped 1:1 onto the Engine API's create body. */
export interface ContainerSpec {
  name: string;
  image: string;
  labels: Record<string, string>;
  env?: string[];
  entrypoint?: string[];
  cmd?: string[];
  /** `container:<id>` to join another container's network namespace. */
  networkMode?: string;
  /** A user network and the DNS aliases the container answers to on it. */
  network?: { name: string; aliases: string[] };
  /** Container ports published on 127.0.0.1 at a free host port. */
  publish?: number[];
  /** Host ports for some of `publish` (container port -> host port); the others get a free one. */
  hostPorts?: Record<number, number>;
  binds?: string[];
  tmpfs?: Record<string, string>;
  memoryBytes?: number;
  nanoCpus?: number;
  restart?: "always" | "no";
  /** `container:<id>` to join another container's process namespace. */
  pidMode?: string;
  capAdd?: string[];
}

/** A container as the platform reads it back (`docker inspect`, normalised). */
export interface ContainerInfo {
  id: string;
  name: string;
  labels: Record<string, string>;
  running: boolean;
  /** created, running, restarting, exited, dead, ... */
  status: string;
  exitCode: number;
  restartCount: number;
  startedAt?: string;
  finishedAt?: string;
  oomKilled: boolean;
  /** The container's address on its first user network (empty for containers sharing another's namespace). */
  ipAddress: string;
  /** Its address on each network it is attached to, by network name. */
  networkAddresses: Record<string, string>;
  /** container port -> `127.0.0.1:<host port>` */
  published: Record<number, string>;
  imageId: string;
  /** The image reference the container was created from (Config.Image). */
  image: string;
}

/** An image's config as the platform reads it (`docker image inspect`, normalised). */
export interface ImageInfo {
  id: string;
  /** Config.Entrypoint; null when the image sets none. */
  entrypoint: string[] | null;
  cmd: string[] | null;
  /** Config.Env, `KEY=VALUE` strings. */
  env: string[];
  workingDir: string;
  labels: Record<string, string>;
  /** `repo@sha256:...` for every registry the image was pushed to or pulled from. */
  repoDigests: string[];
  /** `repo:tag` references the engine holds for it. */
  repoTags: string[];
}

/** How a network is made when it does not exist yet. */
export interface NetworkOptions {
  /** No route out of the network (Docker's `internal`). */
  internal?: boolean;
  /** Its subnet written into its configuration, so containers can rejoin at their address. */
  pinnedSubnet?: boolean;
}

/** What a one-off container needs: it runs to completion and is removed. */
export interface RunSpec {
  image: string;
  labels: Record<string, string>;
  /** `[""]` bypasses the image's entrypoint, as `docker run --entrypoint ""` does; undefined keeps it. */
  entrypoint?: string[];
  cmd: string[];
  timeoutMs: number;
}

/** How a one-off container ended. `timedOut` means it was killed at the deadline (exitCode is then -1). */
export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
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

  /** The config of a local image, or undefined when the engine has no such image. */
  async inspectImage(ref: string): Promise<ImageInfo | undefined> {
    const i = await ignoreNotFound(this.docker.getImage(ref).inspect());
    if (!i) return undefined;
    return {
      id: i.Id,
      entrypoint: toList(i.Config?.Entrypoint),
      cmd: toList(i.Config?.Cmd),
      env: i.Config?.Env ?? [],
      workingDir: i.Config?.WorkingDir ?? "",
      labels: i.Config?.Labels ?? {},
      repoDigests: i.RepoDigests ?? [],
      repoTags: i.RepoTags ?? [],
    };
  }

  /**
   * `docker run --rm`: creates a container, starts it, waits until it exits or `timeoutMs` passes (then
   * kills it), collects stdout and stderr apart, and removes the container whatever happened.
   */
  async runToCompletion(spec: RunSpec): Promise<RunResult> {
    const container = await this.docker.createContainer({
      Image: spec.image,
      Labels: spec.labels,
      Entrypoint: spec.entrypoint,
      Cmd: spec.cmd,
      HostConfig: { NetworkMode: "none", AutoRemove: false },
    });
    try {
      await container.start();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), spec.timeoutMs)));
      const ended = await Promise.race([container.wait() as Promise<{ StatusCode: number }>, deadline]).finally(() => clearTimeout(timer));
      if (ended === "timeout") await ignoreNotFound(container.kill());
      const buf = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
      const { stdout, stderr } = demuxStreams(buf);
      return ended === "timeout" ? { exitCode: -1, stdout, stderr, timedOut: true } : { exitCode: ended.StatusCode, stdout, stderr, timedOut: false };
    } finally {
      await ignoreNotFound(container.remove({ force: true, v: true }));
    }
  }

  /**
   * Removes one reference (`repo:tag`) from the engine, like `docker rmi <repo:tag>`: the image itself
   * stays while other references name it. Missing is fine.
   */
  async removeImageReference(ref: string): Promise<void> {
    await ignoreNotFound(this.docker.getImage(ref).remove({ noprune: true }));
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

  /** Pulls an image (by tag or digest) unless the engine already has it. */
  async pullImage(ref: string): Promise<void> {
    if (await this.imageExists(ref)) return;
    const stream = await this.docker.pull(ref);
    await this.follow(stream);
  }

  /**
   * The id of the bridge network of that name, created if missing. Docker allows several networks with
   * one name, and concurrent creates (one `pulumi up` creating services in parallel, or two processes)
   * race; so every caller converges on the oldest network of the name and removes the extra copies.
   * Callers use the returned id, never the (possibly ambiguous) name.
   */
  async ensureNetwork(name: string, labels: Record<string, string>, opts: NetworkOptions = {}): Promise<string> {
    let matches = await this.networksNamed(name);
    if (matches.length === 0) {
      await this.createNetwork(name, labels, opts).catch((e) => {
        if ((e as { statusCode?: number }).statusCode !== 409) throw e;
      });
      matches = await this.networksNamed(name);
    }
    const [keep, ...extra] = matches;
    for (const n of extra) await this.docker.getNetwork(n.Id).remove().catch(() => undefined); // in use or already gone
    return keep.Id;
  }

  /**
   * A bridge network. `pinnedSubnet`: the subnet is written into the network's configuration, which is
   * what lets a container rejoin it at the address it had (Docker accepts a chosen address only on such
   * networks). The subnet itself is the one Docker would pick (a probe network asks it), so the daemon's
   * address pools and the host's routes are respected; another daemon client taking it meanwhile is retried.
   */
  private async createNetwork(name: string, labels: Record<string, string>, opts: NetworkOptions): Promise<void> {
    if (!opts.pinnedSubnet) {
      await this.docker.createNetwork({ Name: name, Driver: "bridge", Internal: opts.internal ?? false, Labels: labels, CheckDuplicate: true });
      return;
    }
    for (let attempt = 1; ; attempt++) {
      const probeName = `${name}-subnet-probe`;
      for (const stale of await this.networksNamed(probeName)) await this.docker.getNetwork(stale.Id).remove().catch(() => undefined);
      const probe = await this.docker.createNetwork({ Name: probeName, Driver: "bridge", Internal: true, Labels: labels, CheckDuplicate: true });
      const ipam = ((await probe.inspect()) as Dockerode.NetworkInspectInfo).IPAM?.Config?.[0];
      await probe.remove();
      if (!ipam?.Subnet) throw new SpcsError("docker-error", `Docker gave the network ${probeName} no subnet`);
      try {
        await this.docker.createNetwork({ Name: name, Driver: "bridge", Internal: opts.internal ?? false, Labels: labels, CheckDuplicate: true, IPAM: { Driver: "default", Config: [{ Subnet: ipam.Subnet, Gateway: ipam.Gateway }] } });
        return;
      } catch (e) {
        if (attempt >= 5 || !/overlap/i.test(String((e as Error).message))) throw e;
      }
    }
  }

  /** The id of the network of that name (the oldest, if several), or undefined. */
  async networkId(name: string): Promise<string | undefined> {
    return (await this.networksNamed(name))[0]?.Id;
  }

  private async networksNamed(name: string): Promise<Dockerode.NetworkInspectInfo[]> {
    const list = (await this.docker.listNetworks({ filters: { name: [name] } })).filter((n) => n.Name === name);
    return list.sort((a, b) => a.Created.localeCompare(b.Created) || a.Id.localeCompare(b.Id));
  }

  async createContainer(spec: ContainerSpec): Promise<string> {
    const body: Dockerode.ContainerCreateOptions = {
      name: spec.name,
      Image: spec.image,
      Labels: spec.labels,
      Env: spec.env,
      Entrypoint: spec.entrypoint,
      Cmd: spec.cmd,
      ExposedPorts: Object.fromEntries((spec.publish ?? []).map((p) => [`${p}/tcp`, {}])),
      HostConfig: {
        Init: true, // PID 1 forwards SIGTERM, so a stop honours the grace period instead of waiting it out
        NetworkMode: spec.networkMode ?? spec.network?.name,
        PortBindings: Object.fromEntries((spec.publish ?? []).map((p) => [`${p}/tcp`, [{ HostIp: "127.0.0.1", HostPort: String(spec.hostPorts?.[p] ?? "") }]])),
        Binds: spec.binds,
        Tmpfs: spec.tmpfs,
        Memory: spec.memoryBytes,
        NanoCpus: spec.nanoCpus,
        RestartPolicy: { Name: spec.restart === "always" ? "always" : "no" },
        PidMode: spec.pidMode,
        CapAdd: spec.capAdd,
      },
      NetworkingConfig: spec.network ? { EndpointsConfig: { [spec.network.name]: { Aliases: spec.network.aliases } } } : undefined,
    };
    try {
      return (await this.docker.createContainer(body)).id;
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 409) throw new SpcsError("docker-conflict", `a container named ${spec.name} already exists`);
      throw e;
    }
  }

  async startContainer(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).start();
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode !== 304) throw e; // already started
    }
  }

  /** Stops with SIGTERM, then SIGKILL after `graceSeconds` (SPCS gives 30). Missing or stopped is fine. */
  async stopContainer(id: string, graceSeconds: number): Promise<void> {
    try {
      await ignoreNotFound(this.docker.getContainer(id).stop({ t: graceSeconds }));
    } catch (e) {
      if (!/marked for removal|already in progress/.test(String((e as Error).message))) throw e;
    }
  }

  async inspectContainer(id: string): Promise<ContainerInfo | undefined> {
    const i = await ignoreNotFound(this.docker.getContainer(id).inspect());
    if (!i) return undefined;
    const nets = Object.values(i.NetworkSettings.Networks ?? {});
    const networkAddresses = Object.fromEntries(Object.entries(i.NetworkSettings.Networks ?? {}).map(([n, e]) => [n, e.IPAddress]));
    const published: Record<number, string> = {};
    for (const [port, binds] of Object.entries(i.NetworkSettings.Ports ?? {})) {
      const b = (binds as { HostIp: string; HostPort: string }[] | null)?.[0];
      if (b) published[parseInt(port, 10)] = `${b.HostIp || "127.0.0.1"}:${b.HostPort}`;
    }
    return {
      id: i.Id,
      name: i.Name.replace(/^\//, ""),
      labels: i.Config.Labels ?? {},
      running: i.State.Running && !i.State.Restarting, // Docker reports a container waiting to restart as running
      status: i.State.Status,
      exitCode: i.State.ExitCode,
      restartCount: i.RestartCount,
      startedAt: validTime(i.State.StartedAt),
      finishedAt: validTime(i.State.FinishedAt),
      oomKilled: i.State.OOMKilled,
      ipAddress: nets[0]?.IPAddress ?? "",
      networkAddresses,
      published,
      imageId: i.Image,
      image: i.Config.Image,
    };
  }

  /** The last `tail` lines of a container's stdout and stderr, merged, as text. */
  async containerLogs(id: string, tail: number): Promise<string> {
    const buf = (await ignoreNotFound(this.docker.getContainer(id).logs({ stdout: true, stderr: true, tail, follow: false }))) as Buffer | undefined;
    return buf ? demux(buf) : "";
  }

  /** What a container wrote (stdout and stderr merged) since it last started; "" when it is missing or not running. */
  async logsOfCurrentStart(id: string): Promise<string> {
    const info = await ignoreNotFound(this.docker.getContainer(id).inspect());
    const started = info?.State.Running ? parseDockerTime(info.State.StartedAt) : undefined;
    if (!started) return "";
    const buf = (await ignoreNotFound(this.docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false, since: timeParam(started) }))) as Buffer | undefined;
    return buf ? demux(buf) : "";
  }

  /**
   * Logs of one run of a container, like SYSTEM$GET_SERVICE_LOGS: `current` is the run that is (or was
   * last) running, `previous` every run before it; the newest `tail` lines of that part. A missing container
   * gives "". See `runBoundary` for how runs are told apart in Docker's single log per container.
   */
  async containerRunLogs(id: string, tail: number, which: "current" | "previous"): Promise<string> {
    const info = await ignoreNotFound(this.docker.getContainer(id).inspect());
    if (!info) return "";
    const boundary = runBoundary(info);
    if (which === "current") {
      // Docker applies `tail` before `since`, which is what we want: the newest lines, then only the current run's.
      const buf = (await ignoreNotFound(this.docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false, tail, ...(boundary && { since: timeParam(afterTime(boundary)) }) }))) as Buffer | undefined;
      return buf ? demux(buf) : "";
    }
    if (!boundary) return "";
    // Docker also applies `tail` before `until` (so tail + until returns the newest lines, all after the
    // boundary, then drops them): read everything up to the boundary and keep the last lines here.
    const buf = (await ignoreNotFound(this.docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false, until: timeParam(boundary) }))) as Buffer | undefined;
    return buf ? lastLines(demux(buf), tail) : "";
  }

  /**
   * Streams a container's log (stdout and stderr merged) to `onText`: first the newest `tail` lines of the
   * current run, then every new line, across restarts, until `signal` aborts ("aborted") or the container
   * is removed ("removed"). Docker ends a follow stream when the container exits; we attach again (every
   * `pollMs` while it is not running) from just after the last line seen, so no line is shown twice.
   */
  async followContainerLogs(id: string, opts: { tail: number; signal: AbortSignal; onText: (text: string) => void; pollMs?: number }): Promise<"aborted" | "removed"> {
    const info = await ignoreNotFound(this.docker.getContainer(id).inspect());
    if (!info) return "removed";
    const boundary = runBoundary(info);
    let since: string | undefined = boundary && timeParam(afterTime(boundary));
    let tail: number | undefined = opts.tail;
    for (;;) {
      if (opts.signal.aborted) return "aborted";
      let stream: NodeJS.ReadableStream | undefined;
      try {
        stream = (await this.docker.getContainer(id).logs({ stdout: true, stderr: true, follow: true, timestamps: true, tail, since, abortSignal: opts.signal })) as unknown as NodeJS.ReadableStream;
      } catch (e) {
        if (opts.signal.aborted) return "aborted";
        if ((e as { statusCode?: number }).statusCode === 404) return "removed";
        throw e;
      }
      const last = await readLogFrames(stream, opts.signal, opts.onText);
      if (last) since = timeParam(afterTime(last));
      tail = undefined; // from here on: everything after the last line seen
      if (opts.signal.aborted) return "aborted";
      await abortableSleep(opts.pollMs ?? 500, opts.signal);
      if (opts.signal.aborted) return "aborted";
      if (!(await ignoreNotFound(this.docker.getContainer(id).inspect()))) return "removed";
    }
  }

  /** Takes a container off a network (its DNS aliases there go with it). Not connected or gone is fine. */
  async disconnect(container: string, network: string): Promise<void> {
    try {
      await this.docker.getNetwork(network).disconnect({ Container: container, Force: true });
    } catch (e) {
      const status = (e as { statusCode?: number }).statusCode;
      if (status !== 404 && status !== 403 && status !== 500) throw e; // 403/500: not connected
    }
  }

  /** (Re)joins a container to a network under the given DNS aliases, at `ipv4Address` when given. */
  async connect(container: string, network: string, aliases: string[], ipv4Address?: string): Promise<void> {
    await this.docker.getNetwork(network).connect({ Container: container, EndpointConfig: { Aliases: aliases, ...(ipv4Address && { IPAMConfig: { IPv4Address: ipv4Address } }) } });
  }

  /** Removes a container; gone already, or being removed by another process right now, is fine. */
  /**
   * Removes a container; gone already is fine. When another process is removing it at the same moment
   * (the agent finishing a job that a waiting `up` finishes too), this returns only once it is gone, so
   * "removed" means the same to every caller.
   */
  async removeContainer(id: string): Promise<void> {
    try {
      await ignoreNotFound(this.docker.getContainer(id).remove({ force: true, v: true }));
    } catch (e) {
      if (!/already in progress|marked for removal/.test(String((e as Error).message))) throw e;
      for (let i = 0; i < 600 && (await this.inspectContainer(id)); i++) await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Removes a network; gone already, or still used by a container (another process's), is fine. */
  async removeNetwork(id: string): Promise<void> {
    try {
      await ignoreNotFound(this.docker.getNetwork(id).remove());
    } catch (e) {
      if (!/active endpoints/.test(String((e as Error).message))) throw e;
    }
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

function toList(v: string | string[] | null | undefined): string[] | null {
  if (v === null || v === undefined) return null;
  return Array.isArray(v) ? v : [v];
}

/** stdout and stderr of a container without a TTY, apart (frames of stream 1 and 2). */
function demuxStreams(buf: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length && buf[i + 1] === 0) {
    const len = buf.readUInt32BE(i + 4);
    (buf[i] === 2 ? err : out).push(buf.subarray(i + 8, i + 8 + len));
    i += 8 + len;
  }
  if (i !== buf.length) return { stdout: buf.toString("utf8"), stderr: "" };
  return { stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

/** Docker's "zero" time means never. */
function validTime(t: string | undefined): string | undefined {
  return t && !t.startsWith("0001-") ? new Date(t).toISOString() : undefined;
}

/** Logs of a container without a TTY come as 8-byte-framed stdout/stderr chunks. */
function demux(buf: Buffer): string {
  const out: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length && (buf[i] === 1 || buf[i] === 2 || buf[i] === 0) && buf[i + 1] === 0) {
    const len = buf.readUInt32BE(i + 4);
    out.push(buf.subarray(i + 8, i + 8 + len));
    i += 8 + len;
  }
  return i === buf.length ? Buffer.concat(out).toString("utf8") : buf.toString("utf8");
}

/** A Docker timestamp to the nanosecond (the engine's RFC 3339 strings carry nanoseconds; Date keeps ms). */
interface DockerTime {
  s: number;
  ns: number;
}

function parseDockerTime(t: string | undefined): DockerTime | undefined {
  const m = t && /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(t);
  if (!m || m[1].startsWith("0001-")) return undefined;
  return { s: Date.parse(m[1] + m[3]) / 1000, ns: Number((m[2] ?? "").padEnd(9, "0")) };
}

const compareTime = (a: DockerTime, b: DockerTime) => a.s - b.s || a.ns - b.ns;
const afterTime = (t: DockerTime): DockerTime => (t.ns === 999_999_999 ? { s: t.s + 1, ns: 0 } : { s: t.s, ns: t.ns + 1 });
/** The logs API's `since` / `until`: `<seconds>.<nanoseconds>` (inclusive bounds). */
const timeParam = (t: DockerTime) => `${t.s}.${String(t.ns).padStart(9, "0")}`;

/**
 * Where the current run of a container begins in its log. Docker keeps one log per container across
 * restarts and records no start offset, so runs are told apart by time:
 *  - while it runs after a restart, State.FinishedAt is the end of the run before: every line of that
 *    run is stamped at or before it (Docker drains the output before recording the exit), every line of
 *    the current run after it. State.StartedAt is NOT a safe boundary: the first lines of a run are often
 *    stamped a little before it (the process writes before the engine records the start).
 *  - while it waits to restart (or was stopped), FinishedAt ends the current run and the end of the one
 *    before is no longer recorded, so StartedAt is the best boundary left; a run's first lines may then
 *    count as "previous".
 * A container that never restarted has a single run: no boundary.
 */
function runBoundary(i: Dockerode.ContainerInspectInfo): DockerTime | undefined {
  if (i.RestartCount === 0) return undefined;
  const started = parseDockerTime(i.State.StartedAt);
  const finished = parseDockerTime(i.State.FinishedAt);
  if (finished && (!started || compareTime(finished, started) < 0)) return finished;
  return started;
}


/**
 * Reads a followed, multiplexed log stream (8-byte frame headers; one log message per frame, each
 * prefixed with its RFC 3339 timestamp because we ask for `timestamps`) until it ends, errs or `signal`
 * aborts. Passes the messages on without their timestamps and returns the last timestamp seen.
 */
function readLogFrames(stream: NodeJS.ReadableStream, signal: AbortSignal, onText: (text: string) => void): Promise<DockerTime | undefined> {
  return new Promise((resolve) => {
    let pending: Buffer = Buffer.alloc(0);
    let last: DockerTime | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      signal.removeEventListener("abort", onAbort);
      resolve(last);
    };
    const onAbort = () => {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      finish();
    };
    signal.addEventListener("abort", onAbort);
    stream.on("data", (chunk: Buffer) => {
      if (done) return;
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 8) {
        const len = pending.readUInt32BE(4);
        if (pending.length < 8 + len) break;
        const message = pending.subarray(8, 8 + len).toString("utf8");
        pending = pending.subarray(8 + len);
        const space = message.indexOf(" ");
        const stamp = space > 0 ? parseDockerTime(message.slice(0, space)) : undefined;
        if (stamp) last = stamp;
        onText(stamp ? message.slice(space + 1) : message);
      }
    });
    stream.on("end", finish);
    stream.on("close", finish);
    stream.on("error", finish); // a dropped connection ends this attach; the caller attaches again
    if (signal.aborted) onAbort();
  });
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}

/**
 * The engine stopped answering (a socket that is gone, a refused or dropped connection): an SPCS-style
 * error that says so and how to recover, instead of a bare `connect ENOENT`. Undefined for other errors.
 */
export function engineUnreachable(e: unknown): SpcsError | undefined {
  const err = e as { code?: string; syscall?: string; address?: string; message?: string };
  const lost = ["ECONNREFUSED", "ENOENT", "ECONNRESET", "EPIPE"].includes(err?.code ?? "") && (err.syscall === "connect" || err.code === "ECONNRESET" || err.code === "EPIPE");
  if (!lost) return undefined;
  return new SpcsError(
    "engine-unreachable",
    `The Docker engine${err.address ? ` at ${err.address}` : ""} is not answering (${err.message}). What was recorded so far is kept; nothing was removed.`,
    "start the engine again (`spcs platform up` starts the local one; check DOCKER_HOST or spcs:dockerHost otherwise), then run the command again: pulumi up continues from what exists",
  );
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
