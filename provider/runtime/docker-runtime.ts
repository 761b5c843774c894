import type Dockerode from "dockerode";
import { SpcsError } from "../common/errors";
import { timed } from "../common/phase-timings";
import type { ContainerInfo, ContainerRuntime, ContainerSpec, ContainerStats, EngineVersion, ImageInfo, ListedContainer, LogLine, ReadyLineResult, ManagedObject, NetworkOptions, RunResult, RunSpec } from "./container-runtime";
import { logLinesAfter } from "./docker/log-lines";
import * as containers from "./docker/containers";
import { awaitAnyExit } from "./docker/container-wait";
import { startUntilLine } from "./docker/ready-line";
import { engineCall } from "./docker/errors";
import * as images from "./docker/images";
import * as logs from "./docker/logs";
import * as networks from "./docker/networks";
import { dockerClient, engineAddress } from "./docker/options";
import * as volumes from "./docker/volumes";

/**
 * The ContainerRuntime on a Docker engine: the only module that holds a dockerode client. Each concern
 * lives in runtime/docker/; every call's failure leaves here translated into a RuntimeError code.
 */
export class DockerRuntime implements ContainerRuntime {
  private readonly api: Dockerode;

  constructor(readonly dockerHost?: string) {
    this.api = dockerClient(dockerHost);
  }

  async version(): Promise<EngineVersion | undefined> {
    try {
      const v = await this.api.version();
      return { version: v.Version, apiVersion: v.ApiVersion };
    } catch {
      return undefined;
    }
  }

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

  private call<A extends unknown[], T>(op: (api: Dockerode, ...args: A) => Promise<T>, ...args: A): Promise<T> {
    return timed(`engine.${op.name}`, () => engineCall(() => op(this.api, ...args), engineAddress(this.dockerHost)));
  }

  listContainers = (labelFilters: string[]): Promise<ManagedObject[]> => this.call(containers.listContainers, labelFilters);
  listContainerStates = (labelFilters: string[]): Promise<ListedContainer[]> => this.call(containers.listContainerStates, labelFilters);
  createContainer = (spec: ContainerSpec): Promise<string> => this.call(containers.createContainer, spec);
  startContainer = (id: string): Promise<void> => this.call(containers.startContainer, id);
  startUntilLine = (id: string, line: string, timeoutMs: number): Promise<ReadyLineResult> => this.call(startUntilLine, id, line, timeoutMs);
  awaitAnyExit = (ids: string[], timeoutMs: number): Promise<void> => this.call(awaitAnyExit, ids, timeoutMs);
  stopContainer = (id: string, graceSeconds: number): Promise<void> => this.call(containers.stopContainer, id, graceSeconds);
  removeContainer = (id: string): Promise<void> => this.call(containers.removeContainer, id);
  inspectContainer = (id: string): Promise<ContainerInfo | undefined> => this.call(containers.inspectContainer, id);
  containerStats = (id: string): Promise<ContainerStats | undefined> => this.call(containers.containerStats, id);
  runToCompletion = (spec: RunSpec): Promise<RunResult> => this.call(containers.runToCompletion, spec);

  containerLogs = (id: string, tail: number): Promise<string> => this.call(logs.containerLogs, id, tail);
  logsOfCurrentStart = (id: string): Promise<string> => this.call(logs.logsOfCurrentStart, id);
  containerRunLogs = (id: string, tail: number, which: "current" | "previous"): Promise<string> => this.call(logs.containerRunLogs, id, tail, which);
  followContainerLogs = (id: string, opts: { tail: number; signal: AbortSignal; onText: (text: string) => void; pollMs?: number }): Promise<"aborted" | "removed"> =>
    this.call(logs.followContainerLogs, id, opts);
  logLinesAfter = (id: string, after: string | undefined): Promise<LogLine[]> => this.call(logLinesAfter, id, after);

  imageExists = (ref: string): Promise<boolean> => this.call(images.imageExists, ref);
  inspectImage = (ref: string): Promise<ImageInfo | undefined> => this.call(images.inspectImage, ref);
  pullImage = (ref: string): Promise<void> => this.call(images.pullImage, ref);
  tagImage = (source: string, repo: string, tag: string): Promise<void> => this.call(images.tagImage, source, repo, tag);
  pushImage = (repo: string, tag: string): Promise<void> => this.call(images.pushImage, repo, tag);
  importImage = (tar: NodeJS.ReadableStream, repo: string, tag: string, changes: string[]): Promise<void> => this.call(images.importImage, tar, repo, tag, changes);
  removeImageReference = (ref: string): Promise<void> => this.call(images.removeImageReference, ref);

  ensureNetwork = (name: string, labels: Record<string, string>, opts?: NetworkOptions): Promise<string> => this.call(networks.ensureNetwork, name, labels, opts);
  networkId = (name: string): Promise<string | undefined> => this.call(networks.networkId, name);
  networkGateway = (id: string): Promise<string | undefined> => this.call(networks.networkGateway, id);
  networkSubnet = (id: string): Promise<string | undefined> => this.call(networks.networkSubnet, id);
  listNetworks = (labelFilters: string[]): Promise<ManagedObject[]> => this.call(networks.listNetworks, labelFilters);
  connect = (container: string, network: string, aliases: string[], ipv4Address?: string): Promise<void> => this.call(networks.connect, container, network, aliases, ipv4Address);
  disconnect = (container: string, network: string): Promise<void> => this.call(networks.disconnect, container, network);
  removeNetwork = (id: string): Promise<void> => this.call(networks.removeNetwork, id);

  listVolumes = (labelFilters: string[]): Promise<ManagedObject[]> => this.call(volumes.listVolumes, labelFilters);
  volumeExists = (name: string): Promise<boolean> => this.call(volumes.volumeExists, name);
  createVolume = (name: string, labels: Record<string, string>): Promise<void> => this.call(volumes.createVolume, name, labels);
  removeVolume = (name: string): Promise<void> => this.call(volumes.removeVolume, name);
}
