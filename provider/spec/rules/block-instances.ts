/**
 * A service with block volumes runs a fixed number of instances (block-storage-volume): each instance owns
 * its volumes by instance id, so SPCS refuses MIN_INSTANCES different from MAX_INSTANCES. The counts are
 * the statement's, not the spec's: the rule runs only when the caller passes them (AnalyzeOptions.instances),
 * and points at the first block volume, the part of the spec that makes the counts matter. Jobs run a
 * fixed number of replicas already.
 */
import type { SpecRule } from "./rule";

export const BLOCK_INSTANCES_MESSAGE = "a service with block volumes must have MIN_INSTANCES equal to MAX_INSTANCES";

export const checkBlockVolumeInstances: SpecRule = (ctx) => {
  if (ctx.kind !== "service" || !ctx.instances || ctx.instances.min === ctx.instances.max) return;
  const block = ctx.volumes.find((v) => v.value.source === "block");
  if (!block) return;
  const { min, max } = ctx.instances;
  ctx.report({
    code: "spec/block-instances",
    path: [...block.path, "source"],
    message: `volume '${String(block.value.name)}' is a block volume, and ${BLOCK_INSTANCES_MESSAGE} (they are ${min} and ${max})`,
    hint: `set maxInstances to ${min} (MAX_INSTANCES = ${min}), or use a local or stage volume`,
  });
};
