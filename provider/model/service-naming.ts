import { createHash } from "node:crypto";
import { SpcsError } from "../common/errors";
import type { ServiceKey } from "../catalog/service-store";

const hash = (text: string, chars: number) => BigInt("0x" + createHash("sha256").update(text).digest("hex").slice(0, 16)).toString(36).slice(0, chars);

/** `ECHO_SERVICE` -> `echo-service`: SPCS lower-cases the name and turns `_` into `-`; it must be a DNS label. */
export function dnsLabel(serviceName: string): string {
  const label = serviceName.toLowerCase().replace(/_/g, "-");
  if (!/^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label)) {
    throw new SpcsError("invalid-service-name", `Invalid service name '${serviceName}': '${label}' is not a valid DNS label (RFC 1035).`, "use letters, digits and '_', start with a letter, end with a letter or digit, at most 63 characters");
  }
  return label;
}

/** The per-schema DNS domain part (SYSTEM$GET_SERVICE_DNS_DOMAIN): 4 alphanumerics, stable per schema. */
export function schemaDnsHash(database: string, schema: string): string {
  return hash(`${database}.${schema}`, 4).padEnd(4, "0");
}

/** SYSTEM$GET_SERVICE_DNS_DOMAIN('db.schema'): `<hash>.svc.spcs.internal`, one per schema. */
export function schemaDnsDomain(database: string, schema: string): string {
  return `${schemaDnsHash(database, schema)}.svc.spcs.internal`;
}

/** `<name-with-dashes>.<hash>.svc.spcs.internal` */
export function serviceDnsName(k: ServiceKey): string {
  return `${dnsLabel(k.name)}.${schemaDnsDomain(k.database, k.schema)}`;
}

/**
 * The names a READY instance answers to on the platform network: the full name, `<name>.<hash>` (how
 * another schema reaches it) and `instances.<full name>` (every instance's own address). Never the bare
 * name: Docker's aliases are the same for every container of a network, so a bare alias would make two
 * same-named services of two schemas one name. The bare name resolves inside the schema through the
 * instance's DNS search domain (`schemaDnsDomain`), as SPCS scopes it.
 */
export function serviceAliases(dnsName: string): string[] {
  const [label, hash] = dnsName.split(".");
  return [dnsName, `${label}.${hash}`, `instances.${dnsName}`];
}

/** The Docker network all services of one platform home share: `internal`, so it has no route out. */
export function platformNetworkName(home: string): string {
  return `spcs-${hash(home, 8)}`;
}

/** The ordinary bridge network that gives a way out: services with external access integrations, and ingresses. */
export function egressNetworkName(home: string): string {
  return `${platformNetworkName(home)}-egress`;
}

/** The service's ingress container: `spcs-<home>-tutorial_db.data_schema.echo_service-ingress`. */
export function ingressContainerName(home: string, k: ServiceKey): string {
  return `spcs-${hash(home, 4)}-${k.database}.${k.schema}.${k.name}-ingress`.toLowerCase();
}

/** `spcs-<home>-tutorial_db.data_schema.echo_service-0-main`: readable in `docker ps`, unique per home. */
export function containerName(home: string, k: ServiceKey, instanceId: number, container: string): string {
  return `spcs-${hash(home, 4)}-${k.database}.${k.schema}.${k.name}-${instanceId}-${container}`.toLowerCase();
}

/** The container holding an instance's network namespace; `_` cannot appear in spec container names. */
export function netnsContainerName(home: string, k: ServiceKey, instanceId: number): string {
  return containerName(home, k, instanceId, "_netns");
}

export function volumeName(home: string, k: ServiceKey, instanceId: number, volume: string): string {
  return containerName(home, k, instanceId, `vol_${volume}`);
}

export const qualified = (k: ServiceKey) => `${k.database}.${k.schema}.${k.name}`;
