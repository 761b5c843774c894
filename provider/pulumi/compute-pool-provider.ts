import { withFix } from "../common/fix";
import { autoName } from "../common/identifiers";
import { isUnknown } from "../common/unknown";
import { currentPlatform } from "../platform/current-platform";
import { RESOURCE_NAME_KEY, plain, randomSuffix, same, type ResourceProvider } from "./provider-types";
import { POOL_DEFAULTS, poolProblems, type PoolSettings, dropComputePool, suspendComputePool } from "../statements/compute-pools";
import {
  alterPoolSet, createPool, describePool, resumePool, type ComputePoolDescription,
} from "../statements/compute-pools";
import { findInstanceFamily } from "../model/instance-families";

/** Resolved inputs: what `check` returns and `create`/`update` receive. */
export interface ComputePoolInputs extends PoolSettings {
  /** Declarative suspension: true keeps the pool suspended, false keeps it running. */
  suspended: boolean;
  [RESOURCE_NAME_KEY]?: string;
}

/** State outputs: the inputs plus SHOW/DESCRIBE COMPUTE POOL columns. */
export type ComputePoolOutputs = ComputePoolInputs & ComputePoolDescription;

/** Properties that update in place; a changed `name` replaces the pool. `initiallySuspended` is create-only. */
const UPDATABLE = ["instanceFamily", "minNodes", "maxNodes", "autoResume", "autoSuspendSecs", "comment", "suspended"] as const;

/**
 * ComputePool: CREATE / ALTER / DROP COMPUTE POOL.
 *
 * Partial failure: a pool is one catalog row written in one transaction, so create either fully happens
 * or leaves nothing behind.
 */
export const computePoolProvider: ResourceProvider<ComputePoolInputs, ComputePoolOutputs> = {
  async check(olds, news) {
    const resourceName = news[RESOURCE_NAME_KEY] ?? "pool";
    const name = news.name ?? olds.name ?? autoName(resourceName, randomSuffix());
    const minNodes = news.minNodes ?? POOL_DEFAULTS.minNodes;
    const initiallySuspended = news.initiallySuspended ?? POOL_DEFAULTS.initiallySuspended;
    const inputs: ComputePoolInputs = {
      name: isUnknown(name) ? name : String(name).toUpperCase(),
      instanceFamily: news.instanceFamily as string,
      minNodes,
      maxNodes: news.maxNodes ?? minNodes,
      autoResume: news.autoResume ?? POOL_DEFAULTS.autoResume,
      autoSuspendSecs: news.autoSuspendSecs ?? POOL_DEFAULTS.autoSuspendSecs,
      initiallySuspended,
      comment: news.comment ?? null,
      suspended: news.suspended ?? initiallySuspended,
      [RESOURCE_NAME_KEY]: news[RESOURCE_NAME_KEY],
    };
    if (news.instanceFamily === undefined) {
      return { inputs: plain(inputs), failures: [{ property: "instanceFamily", reason: withFix("ComputePool instanceFamily: Missing option(s): [INSTANCE_FAMILY]", "set instanceFamily, for example CPU_X64_XS", "check") }] };
    }
    if (!isUnknown(inputs.instanceFamily)) inputs.instanceFamily = findInstanceFamily(inputs.instanceFamily)?.name ?? inputs.instanceFamily;
    const known = Object.fromEntries(Object.entries(inputs).filter(([, v]) => !isUnknown(v)));
    const failures = poolProblems(known).map((p) => ({
      property: p.property,
      reason: withFix(`ComputePool ${p.property}: ${p.message}`, p.hint, "check"),
    }));
    return { inputs: plain(inputs), failures };
  },

  async diff(_id, olds, news) {
    const replaces = same(olds.name, news.name) ? [] : ["name"];
    const changed = UPDATABLE.some((k) => !same(olds[k], news[k]));
    return { changes: replaces.length > 0 || changed, replaces };
  },

  async create(inputs) {
    const platform = currentPlatform();
    const described = createPool(platform, inputs);
    return { id: described.name, outs: outputs(inputs, described) };
  },

  async read(id, props) {
    const described = describePool(currentPlatform(), id);
    if (!described) return {};
    const inputs: ComputePoolInputs = {
      name: described.name,
      instanceFamily: described.instanceFamily,
      minNodes: described.minNodes,
      maxNodes: described.maxNodes,
      autoResume: described.autoResume,
      autoSuspendSecs: described.autoSuspendSecs,
      initiallySuspended: props.initiallySuspended ?? described.initiallySuspended,
      comment: described.comment,
      suspended: described.suspended,
      [RESOURCE_NAME_KEY]: props[RESOURCE_NAME_KEY],
    };
    return { id, props: outputs(inputs, described), inputs: plain(inputs) };
  },

  async update(id, olds, news) {
    const platform = currentPlatform();
    // Suspend before changing the family (SPCS only allows that on a suspended pool); resume last.
    if (news.suspended && !olds.suspended) await suspendComputePool(platform, id);
    let described = alterPoolSet(platform, id, {
      instanceFamily: news.instanceFamily,
      minNodes: news.minNodes,
      maxNodes: news.maxNodes,
      autoResume: news.autoResume,
      autoSuspendSecs: news.autoSuspendSecs,
      comment: news.comment,
    });
    if (!news.suspended && (described.state === "SUSPENDED" || described.state === "STOPPING")) described = resumePool(platform, id);
    return { outs: outputs(news, described) };
  },

  async delete(id) {
    await dropComputePool(currentPlatform(), id, { ifExists: true });
  },
};

function outputs(inputs: ComputePoolInputs, described: ComputePoolDescription): ComputePoolOutputs {
  return plain({ ...inputs, ...described, suspended: described.suspended, initiallySuspended: inputs.initiallySuspended });
}
