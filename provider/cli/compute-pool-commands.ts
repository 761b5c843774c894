import { dropComputePool, stopAllInComputePool, suspendComputePool, POOL_DEFAULTS } from "../statements/compute-pools";
import { InvalidArgumentError, type Command } from "commander";
import {
  alterPoolSet,
  createPool,
  describePool,
  resumePool,
  showPools,
  type ComputePoolDescription,
  type PoolChanges,
} from "../statements/compute-pools";
import { INSTANCE_FAMILIES } from "../model/instance-families";
import { doesNotExist } from "../common/errors";
import { parseBoolean, parseWholeNumber } from "./arguments";
import type { CliContext } from "./cli-context";
import { UsageError } from "./usage-error";
import type { Verbs } from "./verbs";

/** SHOW COMPUTE POOLS' 21 columns, in SPCS's order (DESCRIBE adds error_code and status_message). */
export const SHOW_COMPUTE_POOLS_COLUMNS = [
  "name", "state", "minNodes", "maxNodes", "instanceFamily", "numServices", "numJobs", "autoSuspendSecs", "autoResume",
  "activeNodes", "idleNodes", "targetNodes", "createdOn", "resumedOn", "updatedOn", "owner", "comment", "isExclusive",
  "application", "placementGroup", "backupInstanceFamilies",
] as const satisfies readonly (keyof ComputePoolDescription)[];

/** What a table shows without `--wide`. */
export const SHOW_COMPUTE_POOLS_NARROW = ["name", "state", "minNodes", "maxNodes", "instanceFamily", "numServices", "numJobs"] as const satisfies readonly (typeof SHOW_COMPUTE_POOLS_COLUMNS)[number][];

/** One row of SHOW COMPUTE POOL INSTANCE FAMILIES, camelCased. */
export interface InstanceFamilyRow {
  name: string;
  description: string;
  vcpu: number;
  memoryGib: number;
  storageGib: number;
  gpu: string;
  gpuCount: number;
  gpuMemoryGib: number;
  currentNodeUsage: number;
  message: string;
}

export const INSTANCE_FAMILY_COLUMNS = [
  "name", "description", "vcpu", "memoryGib", "storageGib", "gpu", "gpuCount", "gpuMemoryGib", "currentNodeUsage", "message",
] as const satisfies readonly (keyof InstanceFamilyRow)[];

/**
 * Every family in catalogue order. current_node_usage counts the nodes the account's pools keep up (a
 * suspended pool has none); message flags the sizes we inferred because Snowflake does not document them.
 */
export function instanceFamilyRows(pools: readonly Pick<ComputePoolDescription, "instanceFamily" | "targetNodes">[]): InstanceFamilyRow[] {
  return INSTANCE_FAMILIES.map(({ confirmed, ...f }) => ({
    ...f,
    currentNodeUsage: pools.filter((p) => p.instanceFamily === f.name).reduce((n, p) => n + p.targetNodes, 0),
    message: confirmed ? "" : "Local platform: size inferred from the family name; not in Snowflake's documentation.",
  }));
}

const ALTER_ACTIONS = ["suspend", "resume", "stop-all", "set"] as const;
type AlterAction = (typeof ALTER_ACTIONS)[number];

function parseAlterAction(value: string): AlterAction {
  const action = value.toLowerCase() as AlterAction;
  if (!ALTER_ACTIONS.includes(action)) throw new InvalidArgumentError(`Use ${ALTER_ACTIONS.join(", ")}.`);
  return action;
}

export function registerComputePoolCommands(verbs: Verbs, ctx: CliContext): void {
  verbs.show
    .command("compute-pools")
    .description("SHOW COMPUTE POOLS [LIKE pattern]")
    .option("--like <pattern>", "SQL LIKE pattern on the name, case-insensitive (% and _)")
    .action((o: { like?: string }) => ctx.output.rows(showPools(ctx.platform(), o.like), SHOW_COMPUTE_POOLS_COLUMNS, SHOW_COMPUTE_POOLS_NARROW));

  verbs.show
    .command("compute-pool-instance-families")
    .description("SHOW COMPUTE POOL INSTANCE FAMILIES")
    .action(() => ctx.output.rows(instanceFamilyRows(showPools(ctx.platform())), INSTANCE_FAMILY_COLUMNS));

  verbs.describe
    .command("compute-pool")
    .description("DESCRIBE COMPUTE POOL name")
    .argument("<name>", "pool name (case-insensitive)")
    .action((name: string) => {
      const d = describePool(ctx.platform(), name);
      if (!d) throw doesNotExist("Compute pool", name.toUpperCase());
      ctx.output.object(d);
    });

  verbs.create
    .command("compute-pool")
    .description("CREATE COMPUTE POOL, with the options of `snow spcs compute-pool create`")
    .argument("<name>", "pool name, an unquoted identifier (stored upper-case)")
    .requiredOption("--family <family>", "instance family, e.g. CPU_X64_XS (see `spcs show compute-pool-instance-families`)")
    .option("--min-nodes <n>", "minimum nodes", parseWholeNumber, POOL_DEFAULTS.minNodes)
    .option("--max-nodes <n>", "maximum nodes (default: --min-nodes)", parseWholeNumber)
    .option("--auto-resume", "resume when a service needs the pool", POOL_DEFAULTS.autoResume)
    .option("--no-auto-resume", "stay suspended until `alter compute-pool NAME resume`")
    .option("--initially-suspended", "create the pool suspended", POOL_DEFAULTS.initiallySuspended)
    .option("--auto-suspend-secs <n>", "idle seconds before the pool suspends (0: never)", parseWholeNumber, POOL_DEFAULTS.autoSuspendSecs)
    .option("--comment <text>", "comment")
    .option("--if-not-exists", "succeed without change when the pool exists", false)
    .action((name: string, o: CreateOptions) => {
      const platform = ctx.platform();
      const existed = o.ifNotExists && describePool(platform, name) !== undefined;
      const d = createPool(
        platform,
        {
          name,
          instanceFamily: o.family,
          minNodes: o.minNodes,
          maxNodes: o.maxNodes ?? o.minNodes,
          autoResume: o.autoResume,
          autoSuspendSecs: o.autoSuspendSecs,
          initiallySuspended: o.initiallySuspended,
          comment: o.comment ?? null,
        },
        { ifNotExists: o.ifNotExists },
      );
      ctx.output.status(existed ? `${d.name} already exists, statement succeeded.` : `Compute pool ${d.name} successfully created.`);
    });

  verbs.alter
    .command("compute-pool")
    .description("ALTER COMPUTE POOL name SUSPEND | RESUME | STOP ALL | SET ...")
    .argument("<name>", "pool name (case-insensitive)")
    .argument("<action>", "suspend, resume, stop-all (drop every service and job of the pool) or set", parseAlterAction)
    .option("--min-nodes <n>", "set: minimum nodes", parseWholeNumber)
    .option("--max-nodes <n>", "set: maximum nodes", parseWholeNumber)
    .option("--auto-resume <bool>", "set: true or false", parseBoolean)
    .option("--auto-suspend-secs <n>", "set: idle seconds before the pool suspends (0: never)", parseWholeNumber)
    .option("--family <family>", "set: instance family (the pool must be suspended)")
    .option("--comment <text>", "set: comment")
    .action(async (name: string, action: AlterAction, o: AlterOptions) => {
      const changes: PoolChanges = {
        minNodes: o.minNodes,
        maxNodes: o.maxNodes,
        autoResume: o.autoResume,
        autoSuspendSecs: o.autoSuspendSecs,
        instanceFamily: o.family,
        comment: o.comment,
      };
      const given = Object.values(changes).some((v) => v !== undefined);
      if (action === "set" && !given) {
        throw new UsageError("alter compute-pool ... set needs at least one of --min-nodes, --max-nodes, --auto-resume, --auto-suspend-secs, --family, --comment");
      }
      if (action !== "set" && given) throw new UsageError(`property options apply to 'set', not '${action}'`);
      const platform = ctx.platform();
      if (action === "suspend") await suspendComputePool(platform, name);
      else if (action === "resume") resumePool(platform, name);
      else if (action === "stop-all") await stopAllInComputePool(platform, name);
      else alterPoolSet(platform, name, changes);
      ctx.output.status("Statement executed successfully.");
    });

  verbs.drop
    .command("compute-pool")
    .description("DROP COMPUTE POOL [IF EXISTS] name")
    .argument("<name>", "pool name (case-insensitive)")
    .option("--if-exists", "succeed when there is no such pool", false)
    .action(async (name: string, o: { ifExists: boolean }) => {
      const upper = name.toUpperCase();
      const dropped = await dropComputePool(ctx.platform(), name, { ifExists: o.ifExists });
      ctx.output.status(dropped ? `${upper} successfully dropped.` : `Drop statement executed successfully (${upper} already dropped).`);
    });
}

interface CreateOptions {
  family: string;
  minNodes: number;
  maxNodes?: number;
  autoResume: boolean;
  initiallySuspended: boolean;
  autoSuspendSecs: number;
  comment?: string;
  ifNotExists: boolean;
}

interface AlterOptions {
  minNodes?: number;
  maxNodes?: number;
  autoResume?: boolean;
  autoSuspendSecs?: number;
  family?: string;
  comment?: string;
}
