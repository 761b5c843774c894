import * as pulumi from "@pulumi/pulumi";
import { shims } from "./provider-shim";
import { hiddenInputs, outputSlots } from "./output-slots";
import { outputNames } from "../provider/schema/resource-schema";
import { JOB_SERVICE_SCHEMA } from "../provider/schema/tables/job-service-schema";
import type { ServiceSecret } from "./service";

/**
 * Arguments of a {@link JobService}, after EXECUTE JOB SERVICE. Every one of them reruns the job when it
 * changes (a job runs once; a changed job is a new run).
 * @see https://docs.snowflake.com/en/sql-reference/sql/execute-job-service
 */
export interface JobServiceArgs {
  /** Take over an object of this name that already exists on the platform instead of failing with 'already exists' (pulumi import does not work for dynamic providers); the next preview shows where it differs from the program. Create-time only. @default false */
  adopt?: pulumi.Input<boolean>;
  /** Database, an unquoted identifier. Changing it replaces the job service. */
  database: pulumi.Input<string>;
  /** Schema, an unquoted identifier. Changing it replaces the job service. */
  schema: pulumi.Input<string>;
  /** Job name, an unquoted identifier that must also be a DNS label once lower-cased with '_' as '-'. Changing it replaces the job service. @default the resource name plus a random suffix */
  name?: pulumi.Input<string>;
  /** Compute pool the job runs in. Changing it replaces the job service. */
  computePool: pulumi.Input<string>;
  /** The job specification YAML (the service specification language; no public endpoints). Validated in preview. Changing it replaces the job service. */
  spec?: pulumi.Input<string>;
  /** A specification template with {{ var }} placeholders, rendered with `using`. Changing it replaces the job service. */
  specTemplate?: pulumi.Input<string>;
  /** USING values for specTemplate: alphanumeric strings, or JSON values that substitute whole sub-trees. Changing it replaces the job service. */
  using?: pulumi.Input<Record<string, pulumi.Input<string | number | boolean | object>>>;
  /** Job instances (REPLICAS); each gets SNOWFLAKE_JOB_INDEX (0-based) and SNOWFLAKE_JOBS_COUNT. Changing it replaces the job service. @default 1 */
  replicas?: pulumi.Input<number>;
  /** ASYNC: false waits for the end in `pulumi up` (DONE succeeds, FAILED fails the deployment); true returns at once and `pulumi refresh` follows the status. Changing it replaces the job service. @default false */
  async?: pulumi.Input<boolean>;
  /** External access integrations (egress). Changing it replaces the job service. */
  externalAccessIntegrations?: pulumi.Input<pulumi.Input<string>[]>;
  /** Default warehouse of the job's service user. Changing it replaces the job service. */
  queryWarehouse?: pulumi.Input<string>;
  /** Free-text comment. Changing it replaces the job service. */
  comment?: pulumi.Input<string>;
  /** Values of the Snowflake secrets the spec's `secrets` reference (`snowflakeSecret: name`), by secret name: `{ secretString }` for GENERIC_STRING, `{ username, password }` for PASSWORD. Always a Pulumi secret. Changing it replaces the job service. */
  secrets?: pulumi.Input<Record<string, pulumi.Input<ServiceSecret>>>;
  /** `cre@NAME`: containers whose image is the Custom Runtime Environment's imagePath run on its image, pinned by the digest recorded when the CRE was created. A DEPRECATED or unknown CRE, or a tag moved since, is rejected. Changing it replaces the job service. */
  runtimeEnvironment?: pulumi.Input<string>;
  /** How long a synchronous job may run before it is cancelled (STATEMENT_TIMEOUT_IN_SECONDS). Changing it replaces the job service. @default 172800 */
  timeoutSeconds?: pulumi.Input<number>;
}

/**
 * An SPCS job service: `replicas` instances of the spec's containers run once, to completion, on the local
 * Docker engine. `pulumi up` waits for DONE (or fails with the failing container's exit code and logs);
 * the finished job keeps its statuses, exit codes and logs (`spcs logs`) until it is deleted.
 */
export class JobService extends pulumi.dynamic.Resource {
  /** Whether an existing object was (to be) adopted at create. */
  declare readonly adopt: pulumi.Output<boolean>;
  declare readonly database: pulumi.Output<string>;
  declare readonly schema: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly computePool: pulumi.Output<string>;
  declare readonly spec: pulumi.Output<string | undefined>;
  declare readonly specTemplate: pulumi.Output<string | undefined>;
  declare readonly using: pulumi.Output<Record<string, unknown> | undefined>;
  declare readonly replicas: pulumi.Output<number>;
  declare readonly async: pulumi.Output<boolean>;
  declare readonly externalAccessIntegrations: pulumi.Output<string[] | null>;
  declare readonly queryWarehouse: pulumi.Output<string | null>;
  declare readonly comment: pulumi.Output<string | null>;
  declare readonly secrets: pulumi.Output<Record<string, ServiceSecret> | undefined>;
  declare readonly runtimeEnvironment: pulumi.Output<string | null>;
  declare readonly timeoutSeconds: pulumi.Output<number>;
  /** PENDING, RUNNING, DONE, FAILED, CANCELLING or CANCELLED. */
  declare readonly status: pulumi.Output<string>;
  /** e.g. `Job DB.SCHEMA.J completed successfully with status: DONE.` */
  declare readonly message: pulumi.Output<string>;
  declare readonly queryId: pulumi.Output<string>;
  declare readonly startedOn: pulumi.Output<string | null>;
  declare readonly completedOn: pulumi.Output<string | null>;
  declare readonly databaseName: pulumi.Output<string>;
  declare readonly schemaName: pulumi.Output<string>;
  declare readonly owner: pulumi.Output<string>;
  declare readonly dnsName: pulumi.Output<string>;
  declare readonly currentInstances: pulumi.Output<number>;
  declare readonly targetInstances: pulumi.Output<number>;
  declare readonly createdOn: pulumi.Output<string>;
  declare readonly updatedOn: pulumi.Output<string>;
  declare readonly ownerRoleType: pulumi.Output<string>;
  declare readonly isJob: pulumi.Output<boolean>;
  declare readonly isAsyncJob: pulumi.Output<boolean>;
  declare readonly specDigest: pulumi.Output<string>;
  declare readonly instances: pulumi.Output<{ instanceId: string; status: string; message: string; specDigest: string; creationTime: string; startTime: string | null; ipAddress: string | null; nodeId: string | null }[]>;
  declare readonly containers: pulumi.Output<{ instanceId: string; instanceStatus: string; containerName: string; status: string; message: string; imageName: string; imageDigest: string; restartCount: number; startTime: string | null; lastExitCode: number | null; lastRestartTime: string | null }[]>;

  constructor(name: string, args: JobServiceArgs, opts?: pulumi.CustomResourceOptions) {
    const secrets = args.secrets === undefined ? undefined : pulumi.secret(args.secrets);
    const secretOpts = pulumi.mergeOptions(opts, { additionalSecretOutputs: ["secrets"] });
    super(shims.JobService, name, { ...outputSlots(outputNames(JOB_SERVICE_SCHEMA)), ...args, secrets, ...hiddenInputs(name) }, secretOpts, "spcs", "JobService");
  }
}
