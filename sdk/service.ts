import * as pulumi from "@pulumi/pulumi";
import { shims } from "./provider-shim";
import { hiddenInputs, outputSlots } from "./output-slots";
import { outputNames } from "../provider/schema/resource-schema";
import { SERVICE_SCHEMA } from "../provider/schema/tables/service-schema";

/**
 * Arguments of a {@link Service}, after CREATE SERVICE.
 * @see https://docs.snowflake.com/en/sql-reference/sql/create-service
 */
export interface ServiceArgs {
  /** Take over an object of this name that already exists on the platform instead of failing with 'already exists' (pulumi import does not work for dynamic providers); the next preview shows where it differs from the program. Create-time only. @default false */
  adopt?: pulumi.Input<boolean>;
  /** Database, an unquoted identifier. Changing it replaces the service. */
  database: pulumi.Input<string>;
  /** Schema, an unquoted identifier. Changing it replaces the service. */
  schema: pulumi.Input<string>;
  /** Service name, an unquoted identifier that must also be a DNS label once lower-cased with '_' as '-'. Changing it replaces the service. @default the resource name plus a random suffix */
  name?: pulumi.Input<string>;
  /** Compute pool the service runs in. Changing it replaces the service. */
  computePool: pulumi.Input<string>;
  /** The service specification YAML. Validated in preview; a change upgrades the service in place (rolling, descending instance id). */
  spec?: pulumi.Input<string>;
  /** A specification template with {{ var }} placeholders, rendered with `using`. */
  specTemplate?: pulumi.Input<string>;
  /** USING values for specTemplate: alphanumeric strings, or JSON values that substitute whole sub-trees. */
  using?: pulumi.Input<Record<string, pulumi.Input<string | number | boolean | object>>>;
  /** Instances to run; changes scale in place. @default 1 */
  minInstances?: pulumi.Input<number>;
  /** Maximum instances. @default minInstances */
  maxInstances?: pulumi.Input<number>;
  /** Instances that must be READY for the service to be RUNNING (and for create/update to finish). @default minInstances */
  minReadyInstances?: pulumi.Input<number>;
  /** Resume on use when suspended. @default true */
  autoResume?: pulumi.Input<boolean>;
  /** AUTO_SUSPEND_SECS: seconds a RUNNING service may be idle (no service function calls) before the platform suspends it; 0 never. As in SPCS, services with a public endpoint never auto-suspend. @default 0 */
  autoSuspendSecs?: pulumi.Input<number>;
  /** External access integrations (egress). */
  externalAccessIntegrations?: pulumi.Input<pulumi.Input<string>[]>;
  /** Default warehouse of the service user. */
  queryWarehouse?: pulumi.Input<string>;
  /** Free-text comment. */
  comment?: pulumi.Input<string>;
  /** How long create and update wait for READY before reporting a partial failure. @default 300 */
  readyTimeoutSeconds?: pulumi.Input<number>;
  /** Keep the service suspended (true: containers stopped, block volumes kept) or running (false): ALTER SERVICE ... SUSPEND / RESUME. @default false */
  suspended?: pulumi.Input<boolean>;
  /** Values of the Snowflake secrets the spec's `secrets` reference (`snowflakeSecret: name`), by secret name: `{ secretString }` for GENERIC_STRING, `{ username, password }` for PASSWORD. Always a Pulumi secret: encrypted in state, never in the catalog, labels or logs. */
  secrets?: pulumi.Input<Record<string, pulumi.Input<ServiceSecret>>>;
}

/** A Snowflake secret's value. */
export interface ServiceSecret {
  secretString?: pulumi.Input<string>;
  username?: pulumi.Input<string>;
  password?: pulumi.Input<string>;
  accessToken?: pulumi.Input<string>;
}

/**
 * An SPCS long-running service. Each instance runs every container of the spec on the local Docker
 * engine; containers of an instance share localhost; other services reach it at `dnsName`; public
 * endpoints are published on 127.0.0.1 (`ingressUrl`). `pulumi up` waits until it is RUNNING.
 */
export class Service extends pulumi.dynamic.Resource {
  /** Whether an existing object was (to be) adopted at create. */
  declare readonly adopt: pulumi.Output<boolean>;
  declare readonly database: pulumi.Output<string>;
  declare readonly schema: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly computePool: pulumi.Output<string>;
  declare readonly spec: pulumi.Output<string | undefined>;
  declare readonly specTemplate: pulumi.Output<string | undefined>;
  declare readonly using: pulumi.Output<Record<string, unknown> | undefined>;
  declare readonly minInstances: pulumi.Output<number>;
  declare readonly maxInstances: pulumi.Output<number>;
  declare readonly minReadyInstances: pulumi.Output<number>;
  declare readonly autoResume: pulumi.Output<boolean>;
  declare readonly externalAccessIntegrations: pulumi.Output<string[] | null>;
  declare readonly queryWarehouse: pulumi.Output<string | null>;
  declare readonly comment: pulumi.Output<string | null>;
  declare readonly readyTimeoutSeconds: pulumi.Output<number>;
  declare readonly suspended: pulumi.Output<boolean>;
  /** The secrets' values: a Pulumi secret. */
  declare readonly secrets: pulumi.Output<Record<string, ServiceSecret> | undefined>;
  /** PENDING, RUNNING, FAILED, SUSPENDING, SUSPENDED or DELETING. */
  declare readonly status: pulumi.Output<string>;
  declare readonly databaseName: pulumi.Output<string>;
  declare readonly schemaName: pulumi.Output<string>;
  declare readonly owner: pulumi.Output<string>;
  /** `<name-with-dashes>.<hash>.svc.spcs.internal` */
  declare readonly dnsName: pulumi.Output<string>;
  declare readonly currentInstances: pulumi.Output<number>;
  declare readonly targetInstances: pulumi.Output<number>;
  declare readonly createdOn: pulumi.Output<string>;
  declare readonly updatedOn: pulumi.Output<string>;
  declare readonly resumedOn: pulumi.Output<string | null>;
  declare readonly suspendedOn: pulumi.Output<string | null>;
  declare readonly autoSuspendSecs: pulumi.Output<number>;
  declare readonly ownerRoleType: pulumi.Output<string>;
  declare readonly isJob: pulumi.Output<boolean>;
  declare readonly isAsyncJob: pulumi.Output<boolean>;
  /** sha256 of the canonical specification. */
  declare readonly specDigest: pulumi.Output<string>;
  declare readonly isUpgrading: pulumi.Output<boolean>;
  declare readonly instances: pulumi.Output<{ instanceId: string; status: string; message: string; specDigest: string; creationTime: string; startTime: string | null; ipAddress: string | null; nodeId: string | null }[]>;
  declare readonly containers: pulumi.Output<{ instanceId: string; instanceStatus: string; containerName: string; status: string; message: string; imageName: string; imageDigest: string; restartCount: number; startTime: string | null; lastExitCode: number | null; lastRestartTime: string | null }[]>;
  declare readonly endpoints: pulumi.Output<{ name: string; port: number | null; portRange: string | null; protocol: string; isPublic: boolean; ingressUrl: string | null }[]>;
  /** `http://127.0.0.1:<port>` of the first public endpoint. */
  declare readonly ingressUrl: pulumi.Output<string | null>;
  /** Differences between the engine and the deployed service found by the last refresh; `pulumi up` repairs them. */
  declare readonly drift: pulumi.Output<string[]>;

  constructor(name: string, args: ServiceArgs, opts?: pulumi.CustomResourceOptions) {
    // Secrets are secret whether or not the caller wrapped them: encrypted in state as input and output.
    const secrets = args.secrets === undefined ? undefined : pulumi.secret(args.secrets);
    const secretOpts = pulumi.mergeOptions(opts, { additionalSecretOutputs: ["secrets"] });
    super(shims.Service, name, { ...outputSlots(outputNames(SERVICE_SCHEMA)), ...args, secrets, ...hiddenInputs(name) }, secretOpts, "spcs", "Service");
  }
}
