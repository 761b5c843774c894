import type Dockerode from "dockerode";
import { SpcsError } from "../../common/errors";
import type { ManagedObject, NetworkOptions } from "../container-runtime";
import { codeOf, ignoreMissing, statusOf } from "./errors";

/**
 * The id of the bridge network of that name, created if missing. Docker allows several networks with
 * one name, and concurrent creates (one `pulumi up` creating services in parallel, or two processes)
 * race; so every caller converges on the oldest network of the name and removes the extra copies.
 * Callers use the returned id, never the (possibly ambiguous) name.
 */
export async function ensureNetwork(docker: Dockerode, name: string, labels: Record<string, string>, opts: NetworkOptions = {}): Promise<string> {
  let matches = await networksNamed(docker, name);
  if (matches.length === 0) {
    await createNetwork(docker, name, labels, opts).catch((e) => {
      if (codeOf(e) !== "conflict") throw e;
    });
    matches = await networksNamed(docker, name);
  }
  const [keep, ...extra] = matches;
  for (const n of extra) await docker.getNetwork(n.Id).remove().catch(() => undefined); // in use or already gone
  return keep.Id;
}

/**
 * A bridge network. `pinnedSubnet`: the subnet is written into the network's configuration, which is
 * what lets a container rejoin it at the address it had (Docker accepts a chosen address only on such
 * networks). The subnet itself is the one Docker would pick (a probe network asks it), so the daemon's
 * address pools and the host's routes are respected; another daemon client taking it meanwhile is retried.
 */
async function createNetwork(docker: Dockerode, name: string, labels: Record<string, string>, opts: NetworkOptions): Promise<void> {
  const base = { Name: name, Driver: "bridge", Internal: opts.internal ?? false, Labels: labels, CheckDuplicate: true };
  if (!opts.pinnedSubnet) {
    await docker.createNetwork(base);
    return;
  }
  for (let attempt = 1; ; attempt++) {
    const probeName = `${name}-subnet-probe`;
    for (const stale of await networksNamed(docker, probeName)) await docker.getNetwork(stale.Id).remove().catch(() => undefined);
    const probe = await docker.createNetwork({ Name: probeName, Driver: "bridge", Internal: true, Labels: labels, CheckDuplicate: true });
    const ipam = ((await probe.inspect()) as Dockerode.NetworkInspectInfo).IPAM?.Config?.[0];
    await probe.remove();
    if (!ipam?.Subnet) throw new SpcsError("docker-error", `Docker gave the network ${probeName} no subnet`);
    try {
      await docker.createNetwork({ ...base, IPAM: { Driver: "default", Config: [{ Subnet: ipam.Subnet, Gateway: ipam.Gateway }] } });
      return;
    } catch (e) {
      if (attempt >= 5 || !/overlap/i.test(String((e as Error).message))) throw e;
    }
  }
}

export async function networkId(docker: Dockerode, name: string): Promise<string | undefined> {
  return (await networksNamed(docker, name))[0]?.Id;
}

export async function networkGateway(docker: Dockerode, id: string): Promise<string | undefined> {
  const info = (await docker.getNetwork(id).inspect()) as Dockerode.NetworkInspectInfo;
  return info.IPAM?.Config?.[0]?.Gateway || undefined;
}

export async function networkSubnet(docker: Dockerode, id: string): Promise<string | undefined> {
  const info = (await docker.getNetwork(id).inspect()) as Dockerode.NetworkInspectInfo;
  return info.IPAM?.Config?.[0]?.Subnet || undefined;
}

async function networksNamed(docker: Dockerode, name: string): Promise<Dockerode.NetworkInspectInfo[]> {
  const list = (await docker.listNetworks({ filters: { name: [name] } })).filter((n) => n.Name === name);
  return list.sort((a, b) => a.Created.localeCompare(b.Created) || a.Id.localeCompare(b.Id));
}

export async function listNetworks(docker: Dockerode, labelFilters: string[]): Promise<ManagedObject[]> {
  const list = await docker.listNetworks({ filters: { label: labelFilters } });
  return list.map((n) => ({ id: n.Id, name: n.Name, labels: n.Labels ?? {} }));
}

export async function connect(docker: Dockerode, container: string, network: string, aliases: string[], ipv4Address?: string): Promise<void> {
  await docker.getNetwork(network).connect({ Container: container, EndpointConfig: { Aliases: aliases, ...(ipv4Address && { IPAMConfig: { IPv4Address: ipv4Address } }) } });
}

export async function disconnect(docker: Dockerode, container: string, network: string): Promise<void> {
  try {
    await docker.getNetwork(network).disconnect({ Container: container, Force: true });
  } catch (e) {
    const status = statusOf(e);
    if (status !== 404 && status !== 403 && status !== 500) throw e; // 403/500: not connected
  }
}

export async function removeNetwork(docker: Dockerode, id: string): Promise<void> {
  try {
    await ignoreMissing(docker.getNetwork(id).remove());
  } catch (e) {
    if (codeOf(e) !== "in-use") throw e;
  }
}
