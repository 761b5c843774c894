/**
 * pulumi-spcs: Snowpark Container Services as code, on a local Docker engine and OCI registry.
 *
 *     import * as spcs from "pulumi-spcs";
 *     const pool = new spcs.ComputePool("pool", { instanceFamily: "CPU_X64_XS" });
 */
import { assertSupportedTypeScript } from "./typescript-guard";

assertSupportedTypeScript();

export { ComputePool, type ComputePoolArgs, type InstanceFamilyName } from "./compute-pool";
export { Image, type ImageArgs } from "./image";
export { ImageRepository, type ImageRepositoryArgs, type ImageInfo } from "./image-repository";
export { Service, type ServiceArgs, type ServiceSecret } from "./service";
export { JobService, type JobServiceArgs } from "./job-service";
export { CustomRuntimeEnvironment, type CustomRuntimeEnvironmentArgs, type ValidationCheck } from "./custom-runtime-environment";
export { NetworkRule, type NetworkRuleArgs } from "./network-rule";
export { Snapshot, type SnapshotArgs } from "./snapshot";
export { ExternalAccessIntegration, type ExternalAccessIntegrationArgs } from "./external-access-integration";
