/**
 * The provider side of pulumi-spcs: what the serialized provider shims load, by package name, inside the
 * `pulumi-resource-pulumi-nodejs` process. Loading the implementation by name at call time (rather than
 * serialising it into Pulumi state) keeps `__provider` a few hundred bytes, and means every operation,
 * including `refresh` and `destroy` of resources created by an older release, runs the installed code.
 */
import type { ConfigLookup } from "./common/config";
import { ResourceInitError, isSpcsError } from "./common/errors";
import { qualifiedName } from "./common/identifiers";
import { withProgress, type Progress } from "./common/progress";
import { timed } from "./common/phase-timings";
import { configurePlatform, currentPlatform } from "./platform/current-platform";
import { engineUnreachable } from "./runtime/runtime-error";
import { computePoolProvider } from "./pulumi/compute-pool-provider";
import { imageId, imageProvider, imageTagExists } from "./pulumi/image-provider";
import { customRuntimeEnvironmentProvider } from "./pulumi/custom-runtime-environment-provider";
import { imageRepositoryProvider } from "./pulumi/image-repository-provider";
import { jobServiceProvider } from "./pulumi/job-service-provider";
import { serviceProvider } from "./pulumi/service-provider";
import { networkRuleProvider } from "./pulumi/network-rule-provider";
import { externalAccessIntegrationProvider } from "./pulumi/external-access-integration-provider";
import { snapshotProvider } from "./pulumi/snapshot-provider";
import { adoptable } from "./pulumi/adoption";
import type { ResourceProvider } from "./pulumi/provider-types";
import { typeChecked } from "./pulumi/checked-provider";
import { COMPUTE_POOL_SCHEMA } from "./schema/tables/compute-pool-schema";
import { IMAGE_REPOSITORY_SCHEMA } from "./schema/tables/image-repository-schema";
import { IMAGE_SCHEMA } from "./schema/tables/image-schema";
import { SERVICE_SCHEMA } from "./schema/tables/service-schema";
import { JOB_SERVICE_SCHEMA } from "./schema/tables/job-service-schema";
import { CUSTOM_RUNTIME_ENVIRONMENT_SCHEMA } from "./schema/tables/custom-runtime-environment-schema";
import { NETWORK_RULE_SCHEMA } from "./schema/tables/network-rule-schema";
import { EXTERNAL_ACCESS_INTEGRATION_SCHEMA } from "./schema/tables/external-access-integration-schema";
import { SNAPSHOT_SCHEMA } from "./schema/tables/snapshot-schema";

export const providers: Record<string, ResourceProvider<any, any>> = {
  // typeChecked outermost: every input, `adopt` included, is type-checked before any provider code sees it.
  ComputePool: typeChecked(adoptable(computePoolProvider, { kind: "COMPUTE POOL", id: (i) => i.name }), COMPUTE_POOL_SCHEMA),
  ImageRepository: typeChecked(adoptable(imageRepositoryProvider, { kind: "IMAGE REPOSITORY", id: (i) => qualifiedName(i.database, i.schema, i.name) }), IMAGE_REPOSITORY_SCHEMA),
  // An image "exists" when its tag does: the repository alone does not make it.
  Image: typeChecked(adoptable(imageProvider, { kind: "IMAGE", id: imageId, exists: (i) => imageTagExists(currentPlatform(), i) }), IMAGE_SCHEMA),
  // Services and jobs share one namespace per schema.
  Service: typeChecked(adoptable(serviceProvider, { kind: "SERVICE", id: (i) => qualifiedName(i.database, i.schema, i.name) }), SERVICE_SCHEMA),
  JobService: typeChecked(adoptable(jobServiceProvider, { kind: "SERVICE", id: (i) => qualifiedName(i.database, i.schema, i.name) }), JOB_SERVICE_SCHEMA),
  CustomRuntimeEnvironment: typeChecked(adoptable(customRuntimeEnvironmentProvider, { kind: "CUSTOM RUNTIME ENVIRONMENT", id: (i) => i.name }), CUSTOM_RUNTIME_ENVIRONMENT_SCHEMA),
  NetworkRule: typeChecked(adoptable(networkRuleProvider, { kind: "NETWORK RULE", id: (i) => qualifiedName(i.database, i.schema, i.name) }), NETWORK_RULE_SCHEMA),
  ExternalAccessIntegration: typeChecked(adoptable(externalAccessIntegrationProvider, { kind: "INTEGRATION", id: (i) => i.name }), EXTERNAL_ACCESS_INTEGRATION_SCHEMA),
  Snapshot: typeChecked(adoptable(snapshotProvider, { kind: "SNAPSHOT", id: (i) => qualifiedName(i.database, i.schema, i.name) }), SNAPSHOT_SCHEMA),
};

export type ResourceKind = keyof typeof providers;
export type ProviderMethod = "check" | "diff" | "create" | "read" | "update" | "delete";

/** Called from the shim's `configure` with the stack config (`spcs:*` keys). */
export function configure(stackConfig: ConfigLookup): void {
  configurePlatform(stackConfig);
}

/**
 * Runs one provider method; `progress` receives what it reports while it waits (default: stdout).
 * Errors keep their message (SPCS's words plus a fix) and gain the resource
 * kind, so `pulumi up` output says which object failed and why without a stack trace.
 */
export async function dispatch(kind: string, method: ProviderMethod, args: unknown[], progress?: Progress): Promise<unknown> {
  const provider = providers[kind];
  if (!provider) throw new Error(`pulumi-spcs: unknown resource kind '${kind}'; the installed package may be older than the program`);
  try {
    return await timed(`${kind}.${method}`, () => withProgress(progress, () => (provider[method] as (...a: unknown[]) => Promise<unknown>)(...args)));
  } catch (e) {
    if (e instanceof ResourceInitError) {
      // The host sends these properties as the resource's outputs; they must carry the provider code
      // like every other output does, or later operations on the resource cannot load it.
      const inputs = (method === "create" ? args[0] : args[2]) as { __provider?: string };
      e.properties = { ...e.properties, __provider: inputs?.__provider };
      throw e;
    }
    const reason = isSpcsError(e) ? e : engineUnreachable(e);
    if (reason) {
      const err = new Error(`${kind}: ${reason.message}`);
      err.stack = err.message; // no stack trace for expected, user-facing errors
      throw err;
    }
    throw e;
  }
}

export { resolveConfig } from "./common/config";
export { resolveRuntimeEnvironment, isCreReference, type ResolvedRuntimeEnvironment } from "./statements/runtime-environments";
export type { PlatformConfig } from "./common/config";
