import { alreadyExists, doesNotExist, SpcsError } from "../../common/errors";
import { identifierProblem } from "../../common/identifiers";
import { likePattern } from "../../common/sql-like";
import { nowIso } from "../../common/time";
import type { ExternalAccessIntegrationRow } from "../../catalog/external-access-integration-store";
import { OWNER_ROLE, type Platform } from "../../platform/platform";

/**
 * CREATE / ALTER / DESCRIBE / SHOW / DROP EXTERNAL ACCESS INTEGRATION. An integration is an account-level
 * object listing network rules (`DB.SCHEMA.RULE`); a service named with it may reach exactly what those
 * rules allow (allowed-egress.ts).
 */

/** One row of SHOW INTEGRATIONS plus DESCRIBE INTEGRATION's ALLOWED_NETWORK_RULES, camelCased. */
export interface IntegrationDescription {
  name: string;
  type: "EXTERNAL_ACCESS";
  category: "SECURITY";
  enabled: boolean;
  comment: string | null;
  createdOn: string;
  allowedNetworkRules: string[];
}

export interface IntegrationDefinition {
  allowedNetworkRules: string[];
  enabled: boolean;
  comment?: string | null;
}

export function createIntegration(platform: Platform, name: string, def: IntegrationDefinition, opts: { ifNotExists?: boolean; orReplace?: boolean } = {}): IntegrationDescription {
  return platform.catalog.write(() => {
    const rules = checkedRules(platform, name, def.allowedNetworkRules);
    const existing = platform.catalog.integrations.get(name);
    if (existing && opts.ifNotExists) return describeRow(existing);
    if (existing && !opts.orReplace) throw alreadyExists(name, "choose another name, or drop the existing integration first");
    if (existing) platform.catalog.integrations.delete(name);
    const row: ExternalAccessIntegrationRow = { name, allowedNetworkRules: rules, enabled: def.enabled, comment: def.comment ?? null, createdOn: nowIso(), owner: OWNER_ROLE };
    platform.catalog.integrations.insert(row);
    return describeRow(row);
  });
}

/** ALTER EXTERNAL ACCESS INTEGRATION ... SET ALLOWED_NETWORK_RULES / ENABLED / COMMENT. */
export function alterIntegration(platform: Platform, name: string, changes: Partial<IntegrationDefinition>): IntegrationDescription {
  return platform.catalog.write(() => {
    if (!platform.catalog.integrations.get(name)) throw missing(name);
    const rules = changes.allowedNetworkRules && checkedRules(platform, name, changes.allowedNetworkRules);
    platform.catalog.integrations.update(name, { ...(rules && { allowedNetworkRules: rules }), ...(changes.enabled !== undefined && { enabled: changes.enabled }), ...(changes.comment !== undefined && { comment: changes.comment }) });
    return describeRow(platform.catalog.integrations.get(name)!);
  });
}

export function describeIntegration(platform: Platform, name: string): IntegrationDescription | undefined {
  const row = platform.catalog.integrations.get(name);
  return row && describeRow(row);
}

export function showIntegrations(platform: Platform, opts: { like?: string } = {}): IntegrationDescription[] {
  const re = opts.like ? likePattern(opts.like) : undefined;
  return platform.catalog.integrations.list().filter((r) => !re || re.test(r.name)).map(describeRow);
}

export function dropIntegration(platform: Platform, name: string, opts: { ifExists?: boolean } = {}): boolean {
  return platform.catalog.write(() => {
    const dropped = platform.catalog.integrations.delete(name);
    if (!dropped && !opts.ifExists) throw missing(name);
    return dropped;
  });
}

/** SPCS's words for an integration name that names nothing (CREATE SERVICE, ALTER SERVICE, EXECUTE JOB SERVICE). */
export function missing(name: string): SpcsError {
  return doesNotExist("Integration", name, `create it first (spcs create external-access-integration ${name} --allowed-network-rules DB.SCHEMA.RULE), or remove it from externalAccessIntegrations`);
}

/** Upper-cased `DB.SCHEMA.RULE` names; every rule must exist when the integration is created or altered. */
function checkedRules(platform: Platform, integration: string, names: string[]): string[] {
  return names.map((n) => {
    const parts = n.split(".");
    if (parts.length !== 3 || parts.some((p) => identifierProblem(p))) {
      throw new SpcsError("invalid-network-rule-name", `External access integration ${integration}: ALLOWED_NETWORK_RULES entry '${n}' is not a qualified name.`, "name each rule as DATABASE.SCHEMA.RULE");
    }
    const [database, schema, rule] = parts.map((p) => p.toUpperCase());
    if (!platform.catalog.networkRules.get(database, schema, rule)) throw doesNotExist("Network rule", `${database}.${schema}.${rule}`, "create the network rule first");
    return `${database}.${schema}.${rule}`;
  });
}

function describeRow(r: ExternalAccessIntegrationRow): IntegrationDescription {
  return { name: r.name, type: "EXTERNAL_ACCESS", category: "SECURITY", enabled: r.enabled, comment: r.comment, createdOn: r.createdOn, allowedNetworkRules: r.allowedNetworkRules };
}
