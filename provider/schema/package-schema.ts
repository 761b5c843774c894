import { COMPUTE_POOL_SCHEMA } from "./tables/compute-pool-schema";
import { IMAGE_SCHEMA } from "./tables/image-schema";
import { CUSTOM_RUNTIME_ENVIRONMENT_SCHEMA } from "./tables/custom-runtime-environment-schema";
import { IMAGE_REPOSITORY_SCHEMA } from "./tables/image-repository-schema";
import { JOB_SERVICE_SCHEMA } from "./tables/job-service-schema";
import { SERVICE_SCHEMA } from "./tables/service-schema";
import { NETWORK_RULE_SCHEMA } from "./tables/network-rule-schema";
import { SNAPSHOT_SCHEMA } from "./tables/snapshot-schema";
import { EXTERNAL_ACCESS_INTEGRATION_SCHEMA } from "./tables/external-access-integration-schema";
import { LANGUAGE, configVariables, providerResource } from "./package-config";
import type { PropertySpec, PropertyType, ResourceSchema } from "./resource-schema";

export const RESOURCE_SCHEMAS: readonly ResourceSchema[] = [COMPUTE_POOL_SCHEMA, IMAGE_REPOSITORY_SCHEMA, IMAGE_SCHEMA, SERVICE_SCHEMA, JOB_SERVICE_SCHEMA, CUSTOM_RUNTIME_ENVIRONMENT_SCHEMA, NETWORK_RULE_SCHEMA, EXTERNAL_ACCESS_INTEGRATION_SCHEMA, SNAPSHOT_SCHEMA];

/** `spcs:index:<Kind>`: the contract name; at run time dynamic resources are `pulumi-nodejs:dynamic/spcs:<Kind>`. */
export const token = (kind: string) => `spcs:index:${kind}`;

/** The Pulumi package schema (https://www.pulumi.com/docs/iac/extending-pulumi/schema/) of every resource. */
export function packageSchema(version: string): object {
  const types: Record<string, object> = {};
  const resources: Record<string, object> = {};
  for (const r of RESOURCE_SCHEMAS) {
    for (const [name, t] of Object.entries(r.types ?? {})) {
      const secret = SECRET_TYPES.has(name);
      types[token(name)] = { type: "object", description: t.description, properties: props(t.properties, secret), required: t.properties.filter((p) => !p.optional).map((p) => p.name) };
    }
    for (const p of r.properties.filter((x) => x.enum)) addEnum(types, p);
    const inputs = r.properties.filter((p) => p.input);
    resources[token(r.kind)] = {
      description: r.description,
      properties: props(r.properties),
      required: r.properties.filter((p) => !p.nullable && !p.optional).map((p) => p.name),
      inputProperties: props(inputs),
      requiredInputs: inputs.filter((p) => p.required).map((p) => p.name),
      aliases: [{ type: `pulumi-nodejs:dynamic/spcs:${r.kind}` }],
    };
  }
  return {
    name: "spcs",
    displayName: "Snowpark Container Services (local)",
    version,
    description: "Snowpark Container Services as code, on a local Docker engine and OCI registry.",
    keywords: ["pulumi", "snowflake", "spcs", "containers", "category/cloud"],
    license: "Apache-2.0",
    repository: "https://github.com/pulumi-spcs/pulumi-spcs",
    config: { variables: configVariables() },
    provider: providerResource(),
    types,
    resources,
    language: LANGUAGE,
  };
}

/**
 * Object types whose values are credentials: every property that holds one (e.g. a Service's `secrets`)
 * and every field of one is `secret: true`, so generated SDKs encrypt them in state like the TypeScript
 * SDK's `pulumi.secret` does.
 */
const SECRET_TYPES = new Set(["ServiceSecret"]);

/** An enumerated input becomes a named Pulumi enum type (`spcs:index:InstanceFamily`), which SDKs generate as enums; members are named in PascalCase (`CpuX64Xs`), which each generator turns into its own style (Python `CPU_X64_XS`; from the bare value it made `CP_U_X64_XS`). */
const pascal = (value: string) => value.toLowerCase().split("_").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");

const enumName = (p: PropertySpec) => p.name[0].toUpperCase() + p.name.slice(1);

function addEnum(types: Record<string, object>, p: PropertySpec): void {
  const spec = { type: "string", description: `Values of ${p.name}.`, enum: p.enum!.map((value) => ({ name: pascal(value), value })) };
  const tok = token(enumName(p));
  if (types[tok] && JSON.stringify(types[tok]) !== JSON.stringify(spec)) throw new Error(`schema: two enumerated properties named ${p.name} with different values; give one another name`);
  types[tok] = spec;
}

const refersTo = (t: PropertyType, names: Set<string>): boolean =>
  typeof t === "string" ? false : "ref" in t ? names.has(t.ref) : refersTo(("map" in t ? t.map : t.array) as PropertyType, names);

function props(list: readonly PropertySpec[], allSecret = false): Record<string, object> {
  return Object.fromEntries(
    list.map((p) => [
      p.name,
      {
        ...(p.enum ? { $ref: `#/types/${token(enumName(p))}` } : typeOf(p.type)),
        description: p.description + (p.defaultInfo ? ` Default: ${p.defaultInfo}.` : ""),
        ...(p.default !== undefined && { default: p.default }),
        ...(p.replaceOnChanges && { replaceOnChanges: true }),
        ...((allSecret || refersTo(p.type, SECRET_TYPES)) && { secret: true }),
      },
    ]),
  );
}

function typeOf(t: PropertyType): object {
  if (typeof t === "string") return { type: t };
  if ("map" in t) return { type: "object", additionalProperties: typeOf(t.map) };
  if ("ref" in t) return { $ref: `#/types/${token(t.ref)}` };
  return { type: "array", items: typeOf(t.array as PropertyType) };
}
