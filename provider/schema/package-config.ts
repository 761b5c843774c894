/**
 * The package's configuration, stated once for both places Pulumi reads it: stack config (`spcs:home`,
 * `config.variables`) and an explicit `new spcs.Provider(...)` (`provider.inputProperties`). The
 * environment variable each falls back to is declared as `defaultInfo`, so generated SDKs read it too.
 */
export const PROVIDER_CONFIG: Record<string, { description: string; env: string; default?: string }> = {
  home: { description: "Platform home: catalog, registry storage, logs.", env: "SPCS_HOME", default: "~/.spcs" },
  registry: { description: "host:port of the OCI registry.", env: "SPCS_REGISTRY", default: "127.0.0.1:5000" },
  dockerHost: { description: "Docker Engine API address (unix:///path or tcp://host:port).", env: "DOCKER_HOST" },
  account: { description: "Account name the platform reports.", env: "SPCS_ACCOUNT", default: "LOCAL_ACCOUNT" },
};

const describe = (c: { description: string; env: string; default?: string }) => `${c.description} Env: ${c.env}.${c.default ? ` Default: ${c.default}.` : ""}`;

/** `config.variables`: what `pulumi config set spcs:<key>` accepts. */
export function configVariables(): Record<string, object> {
  return Object.fromEntries(Object.entries(PROVIDER_CONFIG).map(([k, c]) => [k, { type: "string", description: describe(c), defaultInfo: { environment: [c.env] } }]));
}

/**
 * `provider`: the explicit provider resource's inputs. No literal defaults here: the provider resolves
 * them (as it does for stack config), so a program that leaves one unset behaves like the default provider.
 */
export function providerResource(): object {
  const inputs = Object.fromEntries(Object.entries(PROVIDER_CONFIG).map(([k, c]) => [k, { type: "string", description: describe(c), defaultInfo: { environment: [c.env] } }]));
  return {
    description: "The spcs provider: which local platform (home, registry, Docker engine) resources are managed on. One program can target several platforms with one Provider each.",
    inputProperties: inputs,
  };
}

/** Per-language package names and dependencies for `pulumi package gen-sdk`. */
export const LANGUAGE = {
  nodejs: { packageName: "pulumi-spcs", dependencies: { "@pulumi/pulumi": "~3.248.0" } },
  python: { packageName: "pulumi_spcs", requires: { pulumi: ">=3.0.0,<4.0.0" }, respectSchemaVersion: true, pyproject: { enabled: true } },
  go: { importBasePath: "github.com/pulumi-spcs/pulumi-spcs/sdk/go/spcs", generateResourceContainerTypes: true, respectSchemaVersion: true },
  csharp: { rootNamespace: "PulumiSpcs", namespaces: { spcs: "Spcs" }, packageReferences: { Pulumi: "3.*" }, respectSchemaVersion: true },
};
