import * as pulumi from "@pulumi/pulumi";
import type { InstanceFamilyName } from "../provider/model/instance-families";
import { shims } from "./provider-shim";
import { hiddenInputs, outputSlots } from "./output-slots";
import { outputNames } from "../provider/schema/resource-schema";
import { COMPUTE_POOL_SCHEMA } from "../provider/schema/tables/compute-pool-schema";

export type { InstanceFamilyName };

/**
 * Arguments of a {@link ComputePool}, after CREATE COMPUTE POOL.
 * @see https://docs.snowflake.com/en/sql-reference/sql/create-compute-pool
 */
export interface ComputePoolArgs {
  /** Take over an object of this name that already exists on the platform instead of failing with 'already exists' (pulumi import does not work for dynamic providers); the next preview shows where it differs from the program. Create-time only. @default false */
  adopt?: pulumi.Input<boolean>;
  /** Pool name, an unquoted identifier, stored upper-case. Changing it replaces the compute pool. @default the resource name plus a random suffix */
  name?: pulumi.Input<string>;
  /** Instance family of every node. Changes only while the pool is suspended. */
  instanceFamily: pulumi.Input<InstanceFamilyName | Lowercase<InstanceFamilyName> | (string & {})>;
  /** Minimum number of nodes, at least 1. @default 1 */
  minNodes?: pulumi.Input<number>;
  /** Maximum number of nodes, at least minNodes, at most 150. @default minNodes */
  maxNodes?: pulumi.Input<number>;
  /** Resume automatically when a service or job needs the pool. @default true */
  autoResume?: pulumi.Input<boolean>;
  /** Idle seconds before the pool suspends itself; 0 never suspends. @default 3600 */
  autoSuspendSecs?: pulumi.Input<number>;
  /** Create the pool suspended (create-time only). @default false */
  initiallySuspended?: pulumi.Input<boolean>;
  /** Free-text comment. */
  comment?: pulumi.Input<string>;
  /** Keep the pool suspended (true) or running (false). @default initiallySuspended */
  suspended?: pulumi.Input<boolean>;
}

const OUTPUTS = outputNames(COMPUTE_POOL_SCHEMA);

/**
 * An SPCS compute pool: a set of nodes of one instance family on which services and jobs run.
 *
 * Locally, nodes are virtual: the pool's capacity is `nodes × family` and is what the scheduler places
 * service and job instances against. Outputs follow SHOW / DESCRIBE COMPUTE POOLS.
 */
export class ComputePool extends pulumi.dynamic.Resource {
  /** Whether an existing object was (to be) adopted at create. */
  declare readonly adopt: pulumi.Output<boolean>;
  /** Pool name, upper-case. */ declare readonly name: pulumi.Output<string>;
  /** Instance family, upper-case. */ declare readonly instanceFamily: pulumi.Output<string>;
  declare readonly minNodes: pulumi.Output<number>;
  declare readonly maxNodes: pulumi.Output<number>;
  declare readonly autoResume: pulumi.Output<boolean>;
  declare readonly autoSuspendSecs: pulumi.Output<number>;
  declare readonly initiallySuspended: pulumi.Output<boolean>;
  declare readonly comment: pulumi.Output<string | null>;
  /** Whether the pool is suspended by an explicit ALTER ... SUSPEND (auto-suspension is not drift). */
  declare readonly suspended: pulumi.Output<boolean>;
  /** STARTING, RESIZING, IDLE, ACTIVE, STOPPING or SUSPENDED. */
  declare readonly state: pulumi.Output<string>;
  declare readonly numServices: pulumi.Output<number>;
  declare readonly numJobs: pulumi.Output<number>;
  declare readonly activeNodes: pulumi.Output<number>;
  declare readonly idleNodes: pulumi.Output<number>;
  declare readonly targetNodes: pulumi.Output<number>;
  declare readonly createdOn: pulumi.Output<string>;
  declare readonly resumedOn: pulumi.Output<string>;
  declare readonly updatedOn: pulumi.Output<string>;
  declare readonly owner: pulumi.Output<string>;
  declare readonly isExclusive: pulumi.Output<boolean>;
  declare readonly application: pulumi.Output<string | null>;
  declare readonly errorCode: pulumi.Output<string>;
  declare readonly statusMessage: pulumi.Output<string>;
  declare readonly placementGroup: pulumi.Output<string | null>;
  declare readonly backupInstanceFamilies: pulumi.Output<string>;

  constructor(name: string, args: ComputePoolArgs, opts?: pulumi.CustomResourceOptions) {
    super(shims.ComputePool, name, { ...outputSlots(OUTPUTS), ...args, ...hiddenInputs(name) }, opts, "spcs", "ComputePool");
  }
}
