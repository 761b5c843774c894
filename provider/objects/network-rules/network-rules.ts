import { SpcsError, alreadyExists, doesNotExist } from "../../common/errors";
import { qualifiedName } from "../../common/identifiers";
import { likePattern } from "../../common/sql-like";
import { nowIso } from "../../common/time";
import type { NetworkRuleRow } from "../../catalog/network-rule-store";
import { OWNER_ROLE, type Platform } from "../../platform/platform";
import { parseHostPort } from "./host-port";

/**
 * NETWORK RULE statements. Only what a service's egress uses exists here: MODE = EGRESS with TYPE =
 * HOST_PORT (SPCS §6.3); other modes and types govern ingress to Snowflake itself, which this platform
 * does not have.
 */

export interface NetworkRuleKey {
  database: string;
  schema: string;
  name: string;
}

/** One row of SHOW NETWORK RULES plus DESCRIBE's `value_list`, camelCased. */
export interface NetworkRuleDescription {
  createdOn: string;
  name: string;
  databaseName: string;
  schemaName: string;
  owner: string;
  comment: string | null;
  type: "HOST_PORT";
  mode: "EGRESS";
  entriesInValuelist: number;
  ownerRoleType: string;
  valueList: string[];
}

export interface NetworkRuleDefinition {
  type?: string;
  mode?: string;
  valueList: string[];
  comment?: string | null;
}

export function createNetworkRule(platform: Platform, k: NetworkRuleKey, def: NetworkRuleDefinition, opts: { ifNotExists?: boolean; orReplace?: boolean } = {}): NetworkRuleDescription {
  const type = (def.type ?? "HOST_PORT").toUpperCase();
  const mode = (def.mode ?? "EGRESS").toUpperCase();
  if (type !== "HOST_PORT") throw new SpcsError("unsupported-rule", `Network rule ${qualifiedName(k.database, k.schema, k.name)}: TYPE = ${type} is not supported here; services use TYPE = HOST_PORT.`, "set type to HOST_PORT");
  if (mode !== "EGRESS") throw new SpcsError("unsupported-rule", `Network rule ${qualifiedName(k.database, k.schema, k.name)}: MODE = ${mode} is not supported here; services use MODE = EGRESS.`, "set mode to EGRESS");
  const valueList = checkedValueList(k, def.valueList);
  return platform.catalog.write(() => {
    const existing = platform.catalog.networkRules.get(k.database, k.schema, k.name);
    if (existing && opts.ifNotExists) return describeRow(existing);
    if (existing && !opts.orReplace) throw alreadyExists(qualifiedName(k.database, k.schema, k.name), "choose another name, or drop the existing network rule first");
    if (existing) platform.catalog.networkRules.delete(k.database, k.schema, k.name);
    const row: NetworkRuleRow = { databaseName: k.database, schemaName: k.schema, name: k.name, type: "HOST_PORT", mode: "EGRESS", valueList, comment: def.comment ?? null, createdOn: nowIso(), owner: OWNER_ROLE };
    platform.catalog.networkRules.insert(row);
    return describeRow(row);
  });
}

/** ALTER NETWORK RULE ... SET VALUE_LIST / COMMENT. Services using it are re-applied by the statement. */
export function alterNetworkRule(platform: Platform, k: NetworkRuleKey, changes: { valueList?: string[]; comment?: string | null }): NetworkRuleDescription {
  const valueList = changes.valueList && checkedValueList(k, changes.valueList);
  return platform.catalog.write(() => {
    if (!platform.catalog.networkRules.get(k.database, k.schema, k.name)) throw missing(k);
    platform.catalog.networkRules.update(k.database, k.schema, k.name, { ...(valueList && { valueList }), ...(changes.comment !== undefined && { comment: changes.comment }) });
    return describeRow(platform.catalog.networkRules.get(k.database, k.schema, k.name)!);
  });
}

export function describeNetworkRule(platform: Platform, k: NetworkRuleKey): NetworkRuleDescription | undefined {
  const row = platform.catalog.networkRules.get(k.database, k.schema, k.name);
  return row && describeRow(row);
}

export function showNetworkRules(platform: Platform, opts: { like?: string; database?: string; schema?: string } = {}): NetworkRuleDescription[] {
  const re = opts.like ? likePattern(opts.like) : undefined;
  return platform.catalog.networkRules
    .list()
    .filter((r) => (!re || re.test(r.name)) && (!opts.database || r.databaseName === opts.database) && (!opts.schema || r.schemaName === opts.schema))
    .map(describeRow);
}

export function dropNetworkRule(platform: Platform, k: NetworkRuleKey, opts: { ifExists?: boolean } = {}): boolean {
  return platform.catalog.write(() => {
    const dropped = platform.catalog.networkRules.delete(k.database, k.schema, k.name);
    if (!dropped && !opts.ifExists) throw missing(k);
    return dropped;
  });
}

/** `DB.SCHEMA.NAME` of a rule, as integrations name them. */
export function networkRuleName(k: NetworkRuleKey): string {
  return qualifiedName(k.database, k.schema, k.name);
}

function checkedValueList(k: NetworkRuleKey, list: string[]): string[] {
  const where = qualifiedName(k.database, k.schema, k.name);
  if (list.length === 0) throw new SpcsError("invalid-value-list", `Network rule ${where}: VALUE_LIST must name at least one host.`, "add an entry such as 'api.example.com:443'");
  for (const entry of list) parseHostPort(entry, where);
  return list.map((e) => e.trim());
}

function describeRow(r: NetworkRuleRow): NetworkRuleDescription {
  return {
    createdOn: r.createdOn, name: r.name, databaseName: r.databaseName, schemaName: r.schemaName, owner: r.owner, comment: r.comment,
    type: r.type, mode: r.mode, entriesInValuelist: r.valueList.length, ownerRoleType: "ROLE", valueList: r.valueList,
  };
}

function missing(k: NetworkRuleKey) {
  return doesNotExist("Network rule", qualifiedName(k.database, k.schema, k.name));
}
