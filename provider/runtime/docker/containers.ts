import type Dockerode from "dockerode";
import { SpcsError } from "../../common/errors";
import type { ContainerInfo, ContainerSpec, ContainerStats, ListedContainer, ManagedObject, Mount, RunResult, RunSpec } from "../container-runtime";
import { containerInfoOf } from "./container-info";
import { listedContainerOf } from "./container-listing";
import { codeOf, ignoreMissing, statusOf } from "./errors";
import { splitStreams } from "./log-frames";

/** The Engine API's create body for a ContainerSpec: where SPCS's instance layout becomes Docker's modes. */
export function createBody(spec: ContainerSpec): Dockerode.ContainerCreateOptions {
  return {
    name: spec.name,
    Image: spec.image,
    Labels: spec.labels,
    Env: spec.env && Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Entrypoint: spec.entrypoint,
    Cmd: spec.cmd,
    ExposedPorts: Object.fromEntries((spec.publish ?? []).map((p) => [`${p}/tcp`, {}])),
    HostConfig: {
      Init: true, // PID 1 forwards SIGTERM, so a stop honours the grace period instead of waiting it out
      NetworkMode: spec.joinNetworkOf ? `container:${spec.joinNetworkOf}` : spec.network?.name,
      PortBindings: Object.fromEntries((spec.publish ?? []).map((p) => [`${p}/tcp`, [{ HostIp: "127.0.0.1", HostPort: String(spec.hostPorts?.[p] ?? "") }]])),
      Binds: spec.mounts?.map(bindOf),
      Tmpfs: spec.tmpfs,
      Memory: spec.memoryBytes,
      NanoCpus: spec.cpuMilli === undefined ? undefined : spec.cpuMilli * 1_000_000,
      RestartPolicy: { Name: spec.restart === "always" ? "always" : "no" },
      PidMode: spec.sharePidsWith ? `container:${spec.sharePidsWith}` : undefined,
      CapAdd: capabilitiesOf(spec),
      ExtraHosts: spec.extraHosts,
      DnsSearch: spec.dnsSearch,
      DnsOptions: spec.dnsOptions,
    },
    NetworkingConfig: spec.network ? { EndpointsConfig: { [spec.network.name]: { Aliases: spec.network.aliases } } } : undefined,
  };
}

/** Only what the spec asks for: spec containers never get one, an instance's network container may. */
function capabilitiesOf(spec: ContainerSpec): string[] | undefined {
  const caps = [...(spec.traceProcesses ? ["SYS_PTRACE"] : []), ...(spec.networkAdmin ? ["NET_ADMIN", "NET_RAW"] : [])];
  return caps.length ? caps : undefined;
}

/** `source:target[:ro]`, Docker's bind form for host folders and named volumes alike. */
export function bindOf(m: Mount): string {
  return `${m.source}:${m.target}${m.readOnly ? ":ro" : ""}`;
}

export async function createContainer(docker: Dockerode, spec: ContainerSpec): Promise<string> {
  try {
    return (await docker.createContainer(createBody(spec))).id;
  } catch (e) {
    if (statusOf(e) === 409) throw new SpcsError("docker-conflict", `a container named ${spec.name} already exists`);
    throw e;
  }
}

export async function startContainer(docker: Dockerode, id: string): Promise<void> {
  try {
    await docker.getContainer(id).start();
  } catch (e) {
    if (statusOf(e) !== 304) throw e; // already started
  }
}

export async function stopContainer(docker: Dockerode, id: string, graceSeconds: number): Promise<void> {
  try {
    await ignoreMissing(docker.getContainer(id).stop({ t: graceSeconds }));
  } catch (e) {
    if (codeOf(e) !== "gone") throw e;
  }
}

/**
 * Gone already is fine. When another process is removing it at the same moment (the agent finishing a job
 * that a waiting `up` finishes too), this returns only once it is gone, so "removed" means the same to
 * every caller.
 */
export async function removeContainer(docker: Dockerode, id: string): Promise<void> {
  try {
    await ignoreMissing(docker.getContainer(id).remove({ force: true, v: true }));
  } catch (e) {
    if (codeOf(e) !== "gone") throw e;
    for (let i = 0; i < 600 && (await ignoreMissing(docker.getContainer(id).inspect())); i++) await new Promise((r) => setTimeout(r, 50));
  }
}

export async function inspectContainer(docker: Dockerode, id: string): Promise<ContainerInfo | undefined> {
  const i = await ignoreMissing(docker.getContainer(id).inspect());
  return i && containerInfoOf(i);
}

/** One sample of the Engine's stats (`one-shot`: no second sample for precpu, we keep our own). */
export async function containerStats(docker: Dockerode, id: string): Promise<ContainerStats | undefined> {
  const s = await ignoreMissing(docker.getContainer(id).stats({ stream: false, "one-shot": true }));
  const total = s?.cpu_stats?.cpu_usage?.total_usage;
  // A stopped container answers with zeroed stats; that is no measurement.
  return typeof total === "number" && total > 0 ? { cpuNanos: total } : undefined;
}

export async function listContainers(docker: Dockerode, labelFilters: string[]): Promise<ManagedObject[]> {
  const list = await docker.listContainers({ all: true, filters: { label: labelFilters } });
  return list.map((c) => ({ id: c.Id, name: (c.Names[0] ?? "").replace(/^\//, ""), labels: c.Labels ?? {} }));
}

export async function listContainerStates(docker: Dockerode, labelFilters: string[]): Promise<ListedContainer[]> {
  return (await docker.listContainers({ all: true, filters: { label: labelFilters } })).map(listedContainerOf);
}

export async function runToCompletion(docker: Dockerode, spec: RunSpec): Promise<RunResult> {
  const container = await docker.createContainer({
    Image: spec.image,
    Labels: spec.labels,
    Entrypoint: spec.entrypoint,
    Cmd: spec.cmd,
    HostConfig: {
      NetworkMode: spec.joinNetworkOf ? `container:${spec.joinNetworkOf}` : "none",
      AutoRemove: false,
      CapAdd: spec.networkAdmin ? ["NET_ADMIN", "NET_RAW"] : undefined,
      Binds: spec.mounts?.map(bindOf),
      Tmpfs: spec.tmpfs,
    },
  });
  try {
    await container.start();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), spec.timeoutMs)));
    const ended = await Promise.race([container.wait() as Promise<{ StatusCode: number }>, deadline]).finally(() => clearTimeout(timer));
    if (ended === "timeout") await ignoreMissing(container.kill());
    const buf = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    const { stdout, stderr } = splitStreams(buf);
    return ended === "timeout" ? { exitCode: -1, stdout, stderr, timedOut: true } : { exitCode: ended.StatusCode, stdout, stderr, timedOut: false };
  } finally {
    await ignoreMissing(container.remove({ force: true, v: true }));
  }
}
