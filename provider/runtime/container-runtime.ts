/**
 * The platform's port onto a container engine, in the terms an SPCS instance is made of: containers that
 * share their instance's network (and, for the liveness supervisor, its processes), mounts, cpu in milli,
 * and a state from a closed set. Engine vocabulary (status codes, error text, `container:<id>` modes, nano
 * cpus, bind strings) stays behind it, in runtime/docker/. The platform holds one of these (`platform.docker`).
 *
 * Deletes are idempotent: missing or already stopped counts as success, so a delete that is retried after a
 * crash, or that races with a user's `docker rm`, converges instead of failing.
 */
export interface ContainerRuntime {
  /** Where the engine answers (undefined: the default socket), for messages. */
  readonly dockerHost?: string;

  version(): Promise<EngineVersion | undefined>;
  /** Throws a clear error when the engine does not answer. */
  requireEngine(): Promise<EngineVersion>;

  listContainers(labelFilters: string[]): Promise<ManagedObject[]>;
  /**
   * Every container (running or not) matching all the label filters, with its state, in one engine call
   * (`docker ps -a --filter label=...`): what a wait needs each round, for many containers at the cost of
   * one. Lighter than inspectContainer: no restart count, start time or OOM flag.
   */
  listContainerStates(labelFilters: string[]): Promise<ListedContainer[]>;
  listNetworks(labelFilters: string[]): Promise<ManagedObject[]>;
  listVolumes(labelFilters: string[]): Promise<ManagedObject[]>;

  /** Creates a container (not started). A name in use fails with code "conflict". */
  createContainer(spec: ContainerSpec): Promise<string>;
  /** Started already is fine; a host port taken by someone else fails with code "port-in-use". */
  startContainer(id: string): Promise<void>;
  /**
   * Starts it and waits until its stdout has the line `line` (the program's own "ready"), it exits first,
   * or `timeoutMs` passes; what it wrote until then comes back, stdout and stderr apart.
   */
  startUntilLine(id: string, line: string, timeoutMs: number): Promise<ReadyLineResult>;
  /** Returns once one of the containers is not running (exited or gone), or after `timeoutMs`: the engine's wait, not polling. */
  awaitAnyExit(ids: string[], timeoutMs: number): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceSeconds` (SPCS gives 30). Missing or stopped is fine. */
  stopContainer(id: string, graceSeconds: number): Promise<void>;
  /** Gone already, or being removed by another process right now, is fine. */
  removeContainer(id: string): Promise<void>;
  /** The container as it is now, or undefined when it does not exist. */
  inspectContainer(id: string): Promise<ContainerInfo | undefined>;
  /** CPU time used so far by a running container; undefined when it is missing or not running. */
  containerStats(id: string): Promise<ContainerStats | undefined>;
  /** `docker run --rm`: runs to the end (or `timeoutMs`, then killed), stdout and stderr apart, then removed. */
  runToCompletion(spec: RunSpec): Promise<RunResult>;

  /** The last `tail` lines of stdout and stderr, merged; "" when the container is missing. */
  containerLogs(id: string, tail: number): Promise<string>;
  /** What a container wrote since it last started; "" when it is missing or not running. */
  logsOfCurrentStart(id: string): Promise<string>;
  /** SYSTEM$GET_SERVICE_LOGS: the newest `tail` lines of the current run, or of every run before it. */
  containerRunLogs(id: string, tail: number, which: "current" | "previous"): Promise<string>;
  /** Streams the log (tail, then every new line across restarts) until aborted or the container is removed. */
  followContainerLogs(id: string, opts: { tail: number; signal: AbortSignal; onText: (text: string) => void; pollMs?: number }): Promise<"aborted" | "removed">;
  /** Every log line written after `after` (a LogLine's `time`; undefined: from the start), stdout and stderr apart, oldest first; [] when missing. */
  logLinesAfter(id: string, after: string | undefined): Promise<LogLine[]>;

  imageExists(ref: string): Promise<boolean>;
  /** The config of a local image, or undefined when the engine has no such image. */
  inspectImage(ref: string): Promise<ImageInfo | undefined>;
  /** Pulls an image (by tag or digest) unless the engine already has it. */
  pullImage(ref: string): Promise<void>;
  tagImage(source: string, repo: string, tag: string): Promise<void>;
  /** Pushes `repo:tag` to its registry; fails with the registry's own error text. */
  pushImage(repo: string, tag: string): Promise<void>;
  /** Imports a root filesystem tarball as an image (`docker import`), with Dockerfile-style changes. */
  importImage(tar: NodeJS.ReadableStream, repo: string, tag: string, changes: string[]): Promise<void>;
  /** Removes one reference (`repo:tag`); the image stays while other references name it. Missing is fine. */
  removeImageReference(ref: string): Promise<void>;

  /** The id of the network of that name, created if missing; concurrent callers converge on one. */
  ensureNetwork(name: string, labels: Record<string, string>, opts?: NetworkOptions): Promise<string>;
  /** The id of the network of that name (the oldest, if several), or undefined. */
  networkId(name: string): Promise<string | undefined>;
  /** The gateway address of a network (the host's own address on its bridge), or undefined. */
  networkGateway(id: string): Promise<string | undefined>;
  /** The subnet of a network in CIDR form (`172.20.0.0/16`), or undefined. */
  networkSubnet(id: string): Promise<string | undefined>;
  /** (Re)joins a container to a network under the given DNS aliases, at `ipv4Address` when given. */
  connect(container: string, network: string, aliases: string[], ipv4Address?: string): Promise<void>;
  /** Takes a container off a network (its DNS aliases there go with it). Not connected or gone is fine. */
  disconnect(container: string, network: string): Promise<void>;
  /** Gone already, or still used by a container (another process's), is fine. */
  removeNetwork(id: string): Promise<void>;
  volumeExists(name: string): Promise<boolean>;
  /** A named volume with labels; one that exists already is left as it is. */
  createVolume(name: string, labels: Record<string, string>): Promise<void>;
  removeVolume(name: string): Promise<void>;
}

/** One line of a container's log, as the engine stamped it. */
export interface LogLine {
  /** RFC 3339 to the nanosecond (the engine's own stamp): the position to read on from. */
  time: string;
  stream: "stdout" | "stderr";
  /** Without its line break. */
  text: string;
}

/** What the platform needs to know about an engine object it owns. */
export interface ManagedObject {
  id: string;
  name: string;
  labels: Record<string, string>;
}

/** A container as one list call shows it (listContainerStates). */
export interface ListedContainer extends ManagedObject {
  state: ContainerState;
  /** Running its process now (one waiting to restart is not). */
  running: boolean;
  /** How its last run ended, when it is not running and has run ("Exited (N)", "Restarting (N)"). */
  exitCode?: number;
  /** The image reference it was created from. */
  image: string;
  imageId: string;
  /** Its address on each network it is attached to, by network name. */
  networkAddresses: Record<string, string>;
}

/** A host folder or a named volume seen inside a container. */
export interface Mount {
  /** An absolute host path, or the name of a volume (created on first use). */
  source: string;
  target: string;
  readOnly?: boolean;
}

/** What the platform asks of a container. */
export interface ContainerSpec {
  name: string;
  image: string;
  labels: Record<string, string>;
  env?: Record<string, string>;
  entrypoint?: string[];
  cmd?: string[];
  /** A container (id or name) whose network it shares: an SPCS instance's containers share one address. */
  joinNetworkOf?: string;
  /** Otherwise: a network and the DNS aliases the container answers to on it. */
  network?: { name: string; aliases: string[] };
  /** A container (id or name) whose processes it sees (the liveness supervisor reads them). */
  sharePidsWith?: string;
  /** Container ports published on 127.0.0.1 at a free host port. */
  publish?: number[];
  /** Host ports for some of `publish` (container port -> host port); the others get a free one. */
  hostPorts?: Record<number, number>;
  mounts?: Mount[];
  /** In-memory folders: mount path -> size option (e.g. `size=1G`, "" for none). */
  tmpfs?: Record<string, string>;
  memoryBytes?: number;
  cpuMilli?: number;
  /** "always": restarted whatever its exit code (a service's container); "never": a job's. */
  restart?: "always" | "never";
  /** Reading other users' /proc/<pid>/environ, for the liveness supervisor. */
  traceProcesses?: boolean;
  /** May change its network namespace's configuration (an instance's firewall: NET_ADMIN, NET_RAW). */
  networkAdmin?: boolean;
  /** `/etc/hosts` entries, `name:address` (shared by every container that joins its network). */
  extraHosts?: string[];
  /** Domains a short name is tried under first (resolv.conf `search`; shared like `extraHosts`). */
  dnsSearch?: string[];
  /** resolv.conf `options` (e.g. `ndots:1`; Docker writes `ndots:0` on its own networks otherwise). */
  dnsOptions?: string[];
}

/**
 * Where a container is in its life. "restarting": it exited and waits to be started again by its restart
 * policy; "exited": it ended and nothing restarts it (a job's container, or one stopped by hand); "created":
 * never started.
 */
export const CONTAINER_STATES = ["created", "running", "restarting", "paused", "exited", "removing", "dead"] as const;
export type ContainerState = (typeof CONTAINER_STATES)[number];

/** A container as the platform reads it back. */
export interface ContainerInfo {
  id: string;
  name: string;
  labels: Record<string, string>;
  state: ContainerState;
  /** Running its process now (a container waiting to restart is not). */
  running: boolean;
  exitCode: number;
  restartCount: number;
  startedAt?: string;
  finishedAt?: string;
  /** Its last run was killed for going over its memory limit. */
  oomKilled: boolean;
  /** The address on its first network (empty for containers sharing another's network). */
  ipAddress: string;
  /** Its address on each network it is attached to, by network name. */
  networkAddresses: Record<string, string>;
  /** The DNS aliases it answers to on each network it is attached to, by network name. */
  networkAliases: Record<string, string[]>;
  imageId: string;
  /** The image reference the container was created from. */
  image: string;
}

/** Never started: it has no exit, no logs, no address yet. */
export function neverStarted(info: ContainerInfo): boolean {
  return info.state === "created";
}

/** Ran, and is not running now: it exited (for good, or until its restart policy starts it again). */
export function hasExited(info: ContainerInfo): boolean {
  return !info.running && !neverStarted(info);
}

/**
 * Not running and nothing will start it: stopped (by hand, or by the platform) or never started. A service
 * container that crashes is restarted by its policy, so for one of those this means someone stopped it.
 */
export function isStopped(info: ContainerInfo): boolean {
  return info.state === "exited" || info.state === "created";
}

/**
 * What the engine measures of a running container. `cpuNanos` is cumulative, so a caller that wants a
 * rate keeps two samples and divides by the time between them.
 */
export interface ContainerStats {
  /** CPU time the container's processes have used since it started, in nanoseconds. */
  cpuNanos: number;
}

/** An image's config as the platform reads it. */
export interface ImageInfo {
  id: string;
  /** The entrypoint; null when the image sets none. */
  entrypoint: string[] | null;
  cmd: string[] | null;
  /** `KEY=VALUE` strings. */
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
  /** No route out of the network. */
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
  /** Run inside this container's network namespace (default: no network at all). */
  joinNetworkOf?: string;
  /** May change that namespace's network configuration (the firewall reload helper: NET_ADMIN, NET_RAW). */
  networkAdmin?: boolean;
  mounts?: Mount[];
  /** In-memory mounts: container path -> mount options. */
  tmpfs?: Record<string, string>;
}

/** How startUntilLine ended: `seen` the line, or the container exited first (`exitCode`), or `timedOut`. */
export interface ReadyLineResult {
  seen: boolean;
  timedOut: boolean;
  /** Set when it is not running (it exited before the line). */
  exitCode?: number;
  stdout: string;
  stderr: string;
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
