import type { Platform } from "../../platform/platform";
import { parseHostPort, type HostPort } from "../network-rules/host-port";
import { missing } from "./external-access-integrations";

/** Refuses, in SPCS's words, the first name that is not an integration. Names are upper-cased. */
export function requireIntegrations(platform: Platform, names: readonly string[] | null | undefined): void {
  for (const name of names ?? []) if (!platform.catalog.integrations.get(name.toUpperCase())) throw missing(name.toUpperCase());
}

/**
 * Every host:port a service with these integrations may reach: the union of the VALUE_LISTs of the
 * rules of its enabled integrations. A disabled integration, or a rule dropped since, allows nothing.
 */
export function allowedEgress(platform: Platform, names: readonly string[] | null | undefined): HostPort[] {
  const seen = new Map<string, HostPort>();
  for (const name of names ?? []) {
    const eai = platform.catalog.integrations.get(name.toUpperCase());
    if (!eai?.enabled) continue;
    for (const qualified of eai.allowedNetworkRules) {
      const [database, schema, rule] = qualified.split(".");
      for (const entry of platform.catalog.networkRules.get(database, schema, rule)?.valueList ?? []) {
        const hp = parseHostPort(entry, qualified);
        seen.set(`${hp.host}:${hp.port}`, hp);
      }
    }
  }
  return [...seen.values()];
}

/** The services (and jobs) naming any of these integrations: those whose egress changes with them. */
export function servicesUsing(platform: Platform, integrations: readonly string[]): { database: string; schema: string; name: string }[] {
  const wanted = new Set(integrations.map((n) => n.toUpperCase()));
  return platform.catalog.services
    .list()
    .filter((s) => (s.externalAccessIntegrations ?? []).some((n) => wanted.has(n.toUpperCase())))
    .map((s) => ({ database: s.databaseName, schema: s.schemaName, name: s.name }));
}

/** The integrations naming this rule (`DB.SCHEMA.RULE`). */
export function integrationsUsing(platform: Platform, rule: string): string[] {
  return platform.catalog.integrations.list().filter((i) => i.allowedNetworkRules.includes(rule)).map((i) => i.name);
}
