import { ADOPT_PROPERTY, stringProperty as s, integerProperty as i, booleanProperty as b, type PropertySpec, type ResourceSchema } from "../resource-schema";
import { SERVICE_SCHEMA } from "./service-schema";
import { INPUT_LIMITS } from "../input-limits";

/** A Service output that means the same for a job. */
const shared = (name: string, description?: string): PropertySpec => ({ ...SERVICE_SCHEMA.properties.find((p) => p.name === name)!, ...(description && { description }) });

/** Every input of a job replaces it: a job runs once, so a changed job is a new run. */
const RERUN = { input: true, replaceOnChanges: true } as const;

export const JOB_SERVICE_SCHEMA: ResourceSchema = {
  kind: "JobService",
  description:
    "An SPCS job service (EXECUTE JOB SERVICE): replicas of a specification that run to completion on the local Docker engine. `pulumi up` waits for the end unless async; any input change reruns the job. Outputs follow DESCRIBE SERVICE and SHOW SERVICE INSTANCES / CONTAINERS.",
  properties: [
    ADOPT_PROPERTY,
    s("database", "Database, an unquoted identifier.", { ...RERUN, required: true }),
    s("schema", "Schema, an unquoted identifier.", { ...RERUN, required: true }),
    s("name", "Job name, an unquoted identifier that must also be a DNS label once lower-cased with '_' as '-'.", { ...RERUN, defaultInfo: "the resource name plus a random suffix" }),
    s("computePool", "Compute pool the job runs in.", { ...RERUN, required: true }),
    s("spec", "The job specification YAML (the service specification language; no public endpoints). Validated in preview.", { ...RERUN, optional: true }),
    s("specTemplate", "A specification template with {{ var }} placeholders, rendered with `using`.", { ...RERUN, optional: true }),
    { name: "using", type: { map: "string" }, description: "USING values for specTemplate: alphanumeric strings, or JSON values that substitute whole sub-trees.", ...RERUN, optional: true },
    i("replicas", "Job instances (REPLICAS); each gets SNOWFLAKE_JOB_INDEX (0-based) and SNOWFLAKE_JOBS_COUNT.", { ...RERUN, default: 1, maximum: INPUT_LIMITS.replicas }),
    b("async", "ASYNC: false waits for the end in `pulumi up` (DONE succeeds, FAILED fails the deployment); true returns at once and `pulumi refresh` follows the status.", { ...RERUN, default: false }),
    { name: "externalAccessIntegrations", type: { array: "string" }, description: "External access integrations (egress).", ...RERUN, nullable: true, maxItems: INPUT_LIMITS.externalAccessIntegrations },
    s("queryWarehouse", "Default warehouse of the job's service user.", { ...RERUN, nullable: true }),
    s("comment", "Free-text comment.", { ...RERUN, nullable: true, maxLength: INPUT_LIMITS.commentLength }),
    { name: "secrets", type: { map: { ref: "ServiceSecret" } }, description: "Values of the Snowflake secrets the spec's `secrets` reference (`snowflakeSecret: name`), by secret name: `{ secretString }` for GENERIC_STRING, `{ username, password }` for PASSWORD. Always a Pulumi secret.", ...RERUN, optional: true, maxItems: INPUT_LIMITS.secrets },
    s("runtimeEnvironment", "`cre@NAME`: containers whose image is the Custom Runtime Environment's imagePath run on its image, pinned by the digest recorded when the CRE was created. A DEPRECATED or unknown CRE, or a tag moved since, is rejected.", { ...RERUN, nullable: true }),
    i("timeoutSeconds", "How long a synchronous job may run before it is cancelled (STATEMENT_TIMEOUT_IN_SECONDS).", { ...RERUN, default: 172800, maximum: INPUT_LIMITS.timeoutSeconds }),
    s("status", "PENDING, RUNNING, DONE, FAILED, CANCELLING or CANCELLED."),
    s("message", "e.g. `Job J completed successfully with status: DONE.` (the bare name, as SPCS prints it)"),
    s("queryId", "Id of the EXECUTE JOB SERVICE run (GET_JOB_HISTORY's QUERY_ID)."),
    s("startedOn", "When the first replica started running.", { nullable: true }),
    s("completedOn", "When the last container exited (or the job was cancelled); null while it runs.", { nullable: true }),
    shared("databaseName"),
    shared("schemaName"),
    shared("owner"),
    shared("dnsName"),
    shared("currentInstances", "Replicas placed on nodes (0 once finished: the capacity is released)."),
    shared("targetInstances"),
    shared("createdOn"),
    shared("updatedOn"),
    shared("ownerRoleType"),
    b("isJob", "Always true for a JobService."),
    b("isAsyncJob", "Whether it was executed with ASYNC = TRUE."),
    shared("specDigest"),
    shared("instances"),
    { ...shared("containers"), description: "SHOW SERVICE CONTAINERS IN SERVICE: status DONE (exit 0) or FAILED, and lastExitCode, kept after the job finished." },
  ],
  types: {},
};
