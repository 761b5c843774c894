import type { ServiceKey } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { netnsContainerName } from "../../model/service-naming";
import { enforceEgress } from "./egress-firewall";

/**
 * ALTER SERVICE ... SET EXTERNAL_ACCESS_INTEGRATIONS, ALTER EXTERNAL ACCESS INTEGRATION and ALTER NETWORK
 * RULE apply live in SPCS: every running instance gets the egress the service's integrations now allow
 * (egress-firewall.ts), without a restart. Instances started later get it from startInstance.
 */
export async function applyExternalAccess(platform: Platform, key: ServiceKey): Promise<void> {
  const svc = platform.catalog.services.get(key);
  if (!svc || svc.status === "SUSPENDED") return;
  for (const inst of platform.catalog.services.instances(key).filter((i) => i.nodeId)) {
    await enforceEgress(platform, svc, netnsContainerName(platform.config.home, key, inst.instanceId));
  }
}
