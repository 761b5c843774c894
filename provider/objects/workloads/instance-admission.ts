import { withHomeLock } from "../../platform/home-lock";
import type { ServiceKey } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { netnsContainerName, platformNetworkName, qualified, serviceAliases } from "../../model/service-naming";
import { readReadiness, writeReadiness } from "./readiness-record";

/**
 * Every change of an instance's DNS names (readiness gained or lost, a drain) happens under this lock:
 * Docker changes aliases only by leaving the network and joining again, and two processes doing that to
 * one container at once fail ("already connected") or leave the wrong names.
 */
function admissionLock<T>(platform: Platform, k: ServiceKey, instanceId: number, fn: () => Promise<T>): Promise<T> {
  return withHomeLock(platform.config.home, `admission-${qualified(k).toLowerCase().replace(/[^a-z0-9._-]/g, "_")}-${instanceId}`, fn);
}

/**
 * Applies the readiness verdict of one instance: with every probed container passing it carries the
 * service's DNS names (so the ingress and other services reach it), otherwise it carries none; then the
 * verdict is recorded for DESCRIBE. An instance that is terminating never gets its names back. Returns
 * whether the names changed.
 */
export async function applyReadiness(platform: Platform, k: ServiceKey, dnsName: string, instanceId: number, ready: Record<string, boolean>): Promise<boolean> {
  const { home } = platform.config;
  return admissionLock(platform, k, instanceId, async () => {
    const netns = await platform.docker.inspectContainer(netnsContainerName(home, k, instanceId));
    const network = platformNetworkName(home);
    if (!netns?.running || !(network in netns.networkAliases)) return false; // gone, stopped, or left the network
    if (readReadiness(home, k, instanceId, netns.id)?.terminating) return false;
    const want = Object.values(ready).every(Boolean);
    const has = netns.networkAliases[network].includes(dnsName);
    if (want !== has) await rejoin(platform, netns.id, want ? serviceAliases(dnsName) : []);
    writeReadiness(home, k, instanceId, { netns: netns.id, ready });
    return want !== has;
  });
}

/**
 * An instance that is leaving while its service keeps serving: it loses the service's names and is
 * recorded as terminating (DESCRIBE shows TERMINATING; readiness probing never admits it again). It keeps
 * its address, so connections that resolved it a moment before still reach it.
 */
export async function drainInstance(platform: Platform, k: ServiceKey, instanceId: number): Promise<void> {
  const { home } = platform.config;
  await admissionLock(platform, k, instanceId, async () => {
    const netns = await platform.docker.inspectContainer(netnsContainerName(home, k, instanceId));
    if (!netns || !(platformNetworkName(home) in netns.networkAliases)) return;
    writeReadiness(home, k, instanceId, { netns: netns.id, ready: readReadiness(home, k, instanceId, netns.id)?.ready ?? {}, terminating: true });
    await rejoin(platform, netns.id, []);
  });
}

/**
 * Gives a container other DNS aliases on the platform network. Docker changes aliases only by leaving
 * and joining again; joining at the address it had keeps connections that are open to it (their packets
 * are retransmitted over the few milliseconds in between) and the MAC address (Docker derives it from
 * the address), so neighbours need no new ARP. A network made by an older release has no pinned subnet
 * and refuses a chosen address, as Docker does when another container took it meanwhile: it then joins
 * at a new address.
 */
async function rejoin(platform: Platform, container: string, aliases: string[]): Promise<void> {
  const name = platformNetworkName(platform.config.home);
  const network = await platform.docker.networkId(name);
  if (!network) return; // removed with the home's last service: nothing left to route to
  const address = (await platform.docker.inspectContainer(container))?.networkAddresses[name];
  await platform.docker.disconnect(container, network);
  try {
    await platform.docker.connect(container, network, aliases, address || undefined);
  } catch (e) {
    if (!address) throw e;
    await platform.docker.connect(container, network, aliases);
  }
}
