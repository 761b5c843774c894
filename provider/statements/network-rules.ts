import type { Platform } from "../platform/platform";
import { integrationsUsing, servicesUsing } from "../objects/external-access-integrations/allowed-egress";
import { applyExternalAccess } from "../objects/workloads/external-access";
import {
  alterNetworkRule as alterRule, createNetworkRule as createRule, dropNetworkRule as dropRule, networkRuleName,
  type NetworkRuleDefinition, type NetworkRuleDescription, type NetworkRuleKey,
} from "../objects/network-rules/network-rules";

/**
 * CREATE / ALTER / DESCRIBE / SHOW / DROP NETWORK RULE. A rule changed or dropped under a running service
 * changes what the service may reach at once, as in SPCS: every service whose integrations name it is
 * re-applied.
 */
export { describeNetworkRule, networkRuleName, showNetworkRules, type NetworkRuleDefinition, type NetworkRuleDescription, type NetworkRuleKey } from "../objects/network-rules/network-rules";
export { parseHostPort, DEFAULT_EGRESS_PORT, type HostPort } from "../objects/network-rules/host-port";

export async function createNetworkRule(platform: Platform, k: NetworkRuleKey, def: NetworkRuleDefinition, opts: { ifNotExists?: boolean; orReplace?: boolean } = {}): Promise<NetworkRuleDescription> {
  const described = createRule(platform, k, def, opts);
  if (opts.orReplace) await reapply(platform, networkRuleName(k));
  return described;
}

export async function alterNetworkRule(platform: Platform, k: NetworkRuleKey, changes: { valueList?: string[]; comment?: string | null }): Promise<NetworkRuleDescription> {
  const described = alterRule(platform, k, changes);
  if (changes.valueList) await reapply(platform, networkRuleName(k));
  return described;
}

export async function dropNetworkRule(platform: Platform, k: NetworkRuleKey, opts: { ifExists?: boolean } = {}): Promise<boolean> {
  const dropped = dropRule(platform, k, opts);
  if (dropped) await reapply(platform, networkRuleName(k));
  return dropped;
}

async function reapply(platform: Platform, rule: string): Promise<void> {
  for (const key of servicesUsing(platform, integrationsUsing(platform, rule))) await applyExternalAccess(platform, key);
}
