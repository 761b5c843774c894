import type { ServiceKey } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { platformNetworks } from "./platform-networks";
import { egressNetworkName, netnsContainerName } from "../../model/service-naming";

/**
 * ALTER SERVICE ... SET EXTERNAL_ACCESS_INTEGRATIONS applies live in SPCS: running instances join the
 * egress network when the service has integrations and leave it when it has none, without a restart.
 * Instances started later get it from startInstance.
 */
export async function applyExternalAccess(platform: Platform, key: ServiceKey): Promise<void> {
  const svc = platform.catalog.services.get(key);
  if (!svc || svc.status === "SUSPENDED") return;
  const { home } = platform.config;
  const wanted = (svc.externalAccessIntegrations?.length ?? 0) > 0;
  const { egress } = await platformNetworks(platform);
  for (const inst of platform.catalog.services.instances(key).filter((i) => i.nodeId)) {
    const netns = await platform.docker.inspectContainer(netnsContainerName(home, key, inst.instanceId));
    if (!netns) continue; // drift: the repair starts it with the current setting
    const joined = egressNetworkName(home) in netns.networkAddresses;
    if (wanted && !joined) await platform.docker.connect(netns.id, egress, []);
    if (!wanted && joined) await platform.docker.disconnect(netns.id, egress);
  }
}
