/**
 * The job service statements: EXECUTE JOB SERVICE (executeJobService, then awaitJobEnd unless ASYNC),
 * `<job>!SPCS_CANCEL_JOB()` (cancelJob), and the explicit step that moves jobs on (finishEndedJobs,
 * reconcileJob): reads never finish a job, so the waiting `up`, a refresh and the platform agent call it
 * by name. DESCRIBE, SHOW and DROP of a job go through services.ts.
 */
export { DEFAULT_JOB_TIMEOUT_SECONDS, JobTimeout, awaitJobEnd } from "../objects/jobs/await-job";
export { CANCELLED_CONTAINER_MESSAGE, cancelJob } from "../objects/jobs/cancel-job";
export { KEPT_LOG_LINES, describeJob, type JobDescription } from "../objects/jobs/describe-job";
export { executeJobService, type JobDefinition } from "../objects/jobs/execute-job";
export { finishEndedJobs, reconcileJob } from "../objects/jobs/finish-job";
export { jobFailureMessage } from "../objects/jobs/job-failure";
export { runtimeEnvironmentPin } from "../objects/jobs/runtime-environment-pin";
