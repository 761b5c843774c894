import { managedLabels } from "../../common/labels";
import { withHomeLock } from "../../platform/home-lock";
import type { Platform } from "../../platform/platform";
import { isRuntimeError } from "../../runtime/runtime-error";
import { egressNetworkName, platformNetworkName } from "../../model/service-naming";

/** The ids of a platform home's two networks. */
export interface PlatformNetworks {
  /** Every service instance is on it under its service's DNS names; `internal`: no route out. */
  internal: string;
  /** The internal network's gateway: the host's own address on it (where the SQL endpoint relays). */
  internalGateway: string | undefined;
  /** The internal network's subnet (pinned in its configuration): an instance's firewall lets it through. */
  internalSubnet: string | undefined;
  /** An ordinary bridge: instances of services with external access integrations, and ingresses (to publish ports). */
  egress: string;
}

/**
 * What this process last found, per home and engine. Every instance start needs the networks; asking the
 * engine (under the home's lock, so one at a time) for each of 50 instances of one `pulumi up` costs
 * seconds. The networks change only when the last service of the home is dropped: a step that names a
 * network removed meanwhile fails with not-found, and withPlatformNetworks then asks again.
 */
const known = new Map<string, Promise<PlatformNetworks>>();
const knownKey = (platform: Platform) => `${platform.config.home}\0${platform.config.dockerHost ?? ""}`;

/**
 * The platform's networks, created if missing, under the home's lock so two processes never make two of
 * one name. The internal network's subnet is pinned in its configuration: an instance leaving the
 * service's DNS names rejoins at its own address, so connections already open to it finish (instance-runner.ts).
 * Concurrent callers share one look-up.
 */
export function platformNetworks(platform: Platform): Promise<PlatformNetworks> {
  const key = knownKey(platform);
  let networks = known.get(key);
  if (!networks) {
    networks = ensurePlatformNetworks(platform);
    known.set(key, networks);
    networks.catch(() => known.get(key) === networks && known.delete(key));
  }
  return networks;
}

/** Forgets what this process knew of the home's networks: the next step asks the engine. */
export function forgetPlatformNetworks(platform: Platform): void {
  known.delete(knownKey(platform));
}

function ensurePlatformNetworks(platform: Platform): Promise<PlatformNetworks> {
  const { home } = platform.config;
  return withHomeLock(home, "network", async () => {
    const internal = await platform.docker.ensureNetwork(platformNetworkName(home), managedLabels(home, "service-network", "platform"), { internal: true, pinnedSubnet: true });
    return {
      internal,
      internalGateway: await platform.docker.networkGateway(internal),
      internalSubnet: await platform.docker.networkSubnet(internal),
      egress: await platform.docker.ensureNetwork(egressNetworkName(home), managedLabels(home, "service-network", "egress")),
    };
  });
}

/** Removes both networks once the home has no service left (after a drop), under the same lock. */
export async function removeUnusedNetworks(platform: Platform): Promise<void> {
  const { home } = platform.config;
  await withHomeLock(home, "network", async () => {
    if (platform.catalog.services.list().length > 0) return;
    forgetPlatformNetworks(platform);
    for (const name of [platformNetworkName(home), egressNetworkName(home)]) {
      const network = await platform.docker.networkId(name);
      if (network) await platform.docker.removeNetwork(network);
    }
  });
}

/**
 * Runs an engine step that uses the networks, once more with fresh ids when a network it named was
 * removed: the last service of the home dropped (in this process or another) takes the networks with it (404).
 */
export async function withPlatformNetworks<T>(platform: Platform, step: (networks: PlatformNetworks) => Promise<T>): Promise<T> {
  try {
    return await step(await platformNetworks(platform));
  } catch (e) {
    if (!isRuntimeError(e, "not-found")) throw e;
    forgetPlatformNetworks(platform);
    return step(await platformNetworks(platform));
  }
}
