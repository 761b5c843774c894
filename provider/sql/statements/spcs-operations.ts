/**
 * The only file of the SQL statement layer that imports the rest of the provider: every statement is
 * executed by the statement layer (provider/statements/), the same functions the Pulumi provider, the
 * agent and the `spcs` CLI call, so an object made with SQL is exactly what `spcs show` and `pulumi
 * refresh` see. A front end never reaches into objects/ (test/unit/architecture/layers.test.ts).
 */
export { isSpcsError } from "../../common/errors";
export { lastLines } from "../../common/text";
export type { Platform } from "../../platform/platform";
export { currentPlatform } from "../../platform/current-platform";
export type { ServiceKey } from "../../catalog/service-store";
export { analyzeSpec, formatDiagnostic } from "../../spec";
export { runtimeSpecOf } from "../../model/from-spec";
export type { RuntimeSpec } from "../../model/runtime-spec";
export { containerName, qualified, schemaDnsHash } from "../../model/service-naming";

export {
  alterPoolSet, createPool, describePool, dropComputePool, POOL_DEFAULTS, resumePool, showPools, stopAllInComputePool, suspendComputePool, type PoolChanges,
} from "../../statements/compute-pools";
export { createRepository, describeRepository, dropRepository, setRepositoryComment, showImages, showRepositories } from "../../statements/image-repositories";
export {
  alterService, awaitServiceReady, createService, DEFAULT_READY_TIMEOUT_SECONDS, describeService, dropService, type ServiceDescription, type ServiceTarget,
} from "../../statements/services";
export {
  awaitJobEnd, cancelJob, DEFAULT_JOB_TIMEOUT_SECONDS, describeJob, executeJobService, finishEndedJobs, jobFailureMessage, JobTimeout,
} from "../../statements/jobs";
export {
  alterRuntimeEnvironmentStatus, createRuntimeEnvironment, describeRuntimeEnvironment, dropRuntimeEnvironment, showRuntimeEnvironments,
} from "../../statements/runtime-environments";
export { serviceLogs as serviceLogsOf } from "../../statements/service-logs";
export { readStageFile } from "../../statements/stages";
export { createSnapshot, describeSnapshot, dropSnapshot, listSnapshots, restoreVolume, type SnapshotRow } from "../../statements/snapshots";
export {
  callServiceFunction, CONTEXT_FUNCTIONS, createServiceFunction, dropServiceFunction, getServiceFunction, restoreServiceFunction, signatureOf, type FunctionCallContext, type ServiceFunctionRow,
} from "../../statements/service-functions";
export { readRuntimeSpec } from "../../model/stored-runtime-spec";
export { DEFAULT_LOG_EVENT_LEVEL, EVENT_TABLE, LOG_EVENT_LEVEL, LOG_EVENT_LEVELS, logEventLevel, setLogEventLevel, type LogEventLevel } from "../../statements/event-table";
