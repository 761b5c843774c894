import type { ServiceKey } from "../catalog/service-store";
import type { Platform } from "../platform/platform";
import { describeJob, type JobDescription } from "../objects/jobs/describe-job";
import { dropJob } from "../objects/jobs/cancel-job";
import { describeService as describeLongRunning } from "../objects/services/describe-service";
import { dropService as dropLongRunning, type DropOptions } from "../objects/services/create-service";
import type { ServiceDescription } from "../objects/workloads/describe-columns";
import { removeWorkloadFiles } from "../objects/workloads/create-workload";

/**
 * The service statements: CREATE SERVICE, ALTER SERVICE (alter-service.ts), DESCRIBE SERVICE and SHOW
 * SERVICE INSTANCES / CONTAINERS / ENDPOINTS (one description), DROP SERVICE. DESCRIBE and DROP name any
 * service, a job service included, so they choose the kind here.
 */
export { createService } from "../objects/services/create-service";
export { resumeService, suspendService } from "../objects/services/service-lifecycle";
export { DEFAULT_READY_TIMEOUT_SECONDS, awaitServiceReady } from "../objects/services/await-service-ready";
export type { ServiceDefinition } from "../objects/workloads/create-workload";
export type { ContainerDescription, EndpointDescription, InstanceDescription, ServiceDescription } from "../objects/workloads/describe-columns";
export { SECRET_KEYS, type SecretValue } from "../objects/workloads/secret-store";
export { alterService, type ServiceTarget } from "./alter-service";
export type { DropOptions } from "../objects/services/create-service";

/** DESCRIBE SERVICE of any service; a job service's statuses are a job's. Observes only: it never finishes a job. */
export async function describeService(platform: Platform, key: ServiceKey): Promise<ServiceDescription | JobDescription | undefined> {
  return platform.catalog.services.get(key)?.isJob ? describeJob(platform, key) : describeLongRunning(platform, key);
}

/**
 * DROP SERVICE [IF EXISTS] [FORCE] of any service: a job service still running is cancelled first, its
 * history kept; a service with block volumes needs FORCE (objects/services/create-service.ts).
 */
export async function dropService(platform: Platform, key: ServiceKey, opts: DropOptions = {}): Promise<boolean> {
  // No row: a drop of an older release may have deleted it before its files; take them now.
  if (!platform.catalog.services.get(key)) removeWorkloadFiles(platform, key);
  return platform.catalog.services.get(key)?.isJob ? dropJob(platform, key, opts) : dropLongRunning(platform, key, opts);
}
