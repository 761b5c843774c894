import type { Platform } from "../platform/platform";
import { servicesUsing } from "../objects/external-access-integrations/allowed-egress";
import { applyExternalAccess } from "../objects/workloads/external-access";
import {
  alterIntegration as alterEai, createIntegration as createEai, dropIntegration as dropEai,
  type IntegrationDefinition, type IntegrationDescription,
} from "../objects/external-access-integrations/external-access-integrations";

/**
 * CREATE / ALTER / DESCRIBE / SHOW / DROP EXTERNAL ACCESS INTEGRATION. Changing or dropping one changes
 * the egress of every service naming it, live.
 */
export { describeIntegration, showIntegrations, type IntegrationDefinition, type IntegrationDescription } from "../objects/external-access-integrations/external-access-integrations";

export async function createIntegration(platform: Platform, name: string, def: IntegrationDefinition, opts: { ifNotExists?: boolean; orReplace?: boolean } = {}): Promise<IntegrationDescription> {
  const described = createEai(platform, name, def, opts);
  await reapply(platform, name); // a service may name it before it exists only through a replace
  return described;
}

export async function alterIntegration(platform: Platform, name: string, changes: Partial<IntegrationDefinition>): Promise<IntegrationDescription> {
  const described = alterEai(platform, name, changes);
  await reapply(platform, name);
  return described;
}

export async function dropIntegration(platform: Platform, name: string, opts: { ifExists?: boolean } = {}): Promise<boolean> {
  const dropped = dropEai(platform, name, opts);
  if (dropped) await reapply(platform, name);
  return dropped;
}

async function reapply(platform: Platform, name: string): Promise<void> {
  for (const key of servicesUsing(platform, [name])) await applyExternalAccess(platform, key);
}
