/**
 * The only file of the SQL statement layer that imports the platform's own modules: every statement is
 * executed by these functions, the same ones the Pulumi provider and the `spcs` CLI call, so an object
 * made with SQL is exactly what `spcs show` and `pulumi refresh` see. The tree is being reorganised
 * (issue 10): when `provider/statements/` exists, these imports move there, in this file only.
 */
export { isSpcsError, type SpcsError } from "../../common/errors";
export type { Platform } from "../../platform/platform";
export { currentPlatform } from "../../platform/current-platform";
export type { ServiceKey } from "../../catalog/service-store";

export {
  createPool, alterPoolSet, resumePool, describePool, showPools, type ComputePoolDescription, type PoolChanges,
} from "../../resources/compute-pool/compute-pools";
export { POOL_DEFAULTS } from "../../resources/compute-pool/compute-pool-settings";
export { dropComputePool } from "../../services/pool-drop";
export { suspendComputePool } from "../../services/pool-suspension";

export {
  createRepository, setRepositoryComment, describeRepository, showRepositories, showImages, dropRepository,
} from "../../resources/image-repository/image-repositories";

export { analyzeSpec, formatDiagnostic, type SpecAnalysis } from "../../spec";
export { runtimeSpecOf } from "../../services/from-spec";
export type { RuntimeSpec } from "../../services/runtime-spec";
export { createService, dropService } from "../../services/services";
export { describeService, type ServiceDescription } from "../../services/describe-service";
export { suspendService, resumeService } from "../../services/service-lifecycle";
export { alterService, scaleService, upgradeService } from "../../services/service-updates";
export { applyExternalAccess } from "../../services/external-access";
export { awaitServiceReady, DEFAULT_READY_TIMEOUT_SECONDS } from "../../services/await-service-ready";
export { schemaDnsHash, qualified } from "../../services/service-naming";

export { executeJobService } from "../../jobs/execute-job";
export { awaitJobEnd, finishEndedJobs, DEFAULT_JOB_TIMEOUT_SECONDS, JobTimeout } from "../../jobs/await-job";
export { cancelJob } from "../../jobs/cancel-job";
export { describeJob } from "../../jobs/describe-job";
export { jobFailureMessage } from "../../jobs/job-failure";
export { runtimeEnvironmentPin } from "../../jobs/runtime-environment-pin";

export {
  createRuntimeEnvironment, alterRuntimeEnvironmentStatus, describeRuntimeEnvironment, showRuntimeEnvironments, dropRuntimeEnvironment,
} from "../../resources/custom-runtime-environment/custom-runtime-environments";

// SYSTEM$GET_SERVICE_LOGS: which container a log request names lives with the CLI's `spcs logs` today.
// It belongs in the statements layer; until it moves, this is the one import of a front end.
export { resolveLogTarget } from "../../cli/logs-command";
export { lastLines } from "../../common/text";
export { instanceCountFailures } from "../../resources/service/service-settings";
