import { COMPUTE_POOL_SCHEMA } from "./tables/compute-pool-schema";
import { IMAGE_SCHEMA } from "./tables/image-schema";
import { CUSTOM_RUNTIME_ENVIRONMENT_SCHEMA } from "./tables/custom-runtime-environment-schema";
import { IMAGE_REPOSITORY_SCHEMA } from "./tables/image-repository-schema";
import { JOB_SERVICE_SCHEMA } from "./tables/job-service-schema";
import { SERVICE_SCHEMA } from "./tables/service-schema";
import { NETWORK_RULE_SCHEMA } from "./tables/network-rule-schema";
import { EXTERNAL_ACCESS_INTEGRATION_SCHEMA } from "./tables/external-access-integration-schema";
import type { PropertySpec, PropertyType, ResourceSchema } from "./resource-schema";

export const RESOURCE_SCHEMAS: readonly ResourceSchema[] = [COMPUTE_POOL_SCHEMA, IMAGE_REPOSITORY_SCHEMA, IMAGE_SCHEMA, SERVICE_SCHEMA, JOB_SERVICE_SCHEMA, CUSTOM_RUNTIME_ENVIRONMENT_SCHEMA, NETWORK_RULE_SCHEMA, EXTERNAL_ACCESS_INTEGRATION_SCHEMA];

/** `spcs:index:<Kind>`: the contract name; at run time dynamic resources are `pulumi-nodejs:dynamic/spcs:<Kind>`. */
export const token = (kind: string) => `spcs:index:${kind}`;

/** The Pulumi package schema (https://www.pulumi.com/docs/iac/extending-pulumi/schema/) of every resource. */
export function packageSchema(version: string): object {
  const types: Record<string, object> = {};
  const resources: Record<string, object> = {};
  for (const r of RESOURCE_SCHEMAS) {
    for (const [name, t] of Object.entries(r.types ?? {})) {
      types[token(name)] = { type: "object", description: t.description, properties: props(t.properties), required: t.properties.filter((p) => !p.optional).map((p) => p.name) };
    }
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
    config: {
      variables: {
        home: { type: "string", description: "Platform home: catalog, registry storage, logs. Env: SPCS_HOME.", default: "~/.spcs" },
        registry: { type: "string", description: "host:port of the OCI registry. Env: SPCS_REGISTRY.", default: "127.0.0.1:5000" },
        dockerHost: { type: "string", description: "Docker Engine API address. Env: DOCKER_HOST." },
        account: { type: "string", description: "Account name the platform reports. Env: SPCS_ACCOUNT.", default: "LOCAL_ACCOUNT" },
      },
    },
    types,
    resources,
    language: { nodejs: { packageName: "pulumi-spcs", dependencies: { "@pulumi/pulumi": "~3.248.0" } } },
  };
}

function props(list: readonly PropertySpec[]): Record<string, object> {
  return Object.fromEntries(
    list.map((p) => [
      p.name,
      {
        ...typeOf(p.type),
        description: p.description + (p.defaultInfo ? ` Default: ${p.defaultInfo}.` : ""),
        ...(p.default !== undefined && { default: p.default }),
        ...(p.replaceOnChanges && { replaceOnChanges: true }),
        ...(p.enum && { enum: p.enum }),
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
