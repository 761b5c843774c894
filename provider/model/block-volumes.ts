import { SpcsError } from "../common/errors";
import type { RuntimeSpec, RuntimeVolume } from "./runtime-spec";

/** The block volumes of a spec: persistent per instance id, the only volumes snapshots are taken of. */
export function blockVolumes(spec: RuntimeSpec): RuntimeVolume[] {
  return spec.volumes.filter((v) => v.source === "block");
}

/**
 * SPCS's rule (block-storage-volume): a service with block volumes runs a fixed number of instances, since
 * each instance owns its volumes by id. The spec checker reports the same at the volume's line and column
 * when the front end passes the counts (spec/rules/block-instances.ts); this is the platform's own guard.
 */
export function requireFixedInstances(spec: RuntimeSpec, service: string, min: number, max: number): void {
  if (min === max || blockVolumes(spec).length === 0) return;
  throw new SpcsError("block-volume-instances", `Service ${service} has block volumes, and a service with block volumes must have MIN_INSTANCES equal to MAX_INSTANCES (they are ${min} and ${max}).`, `set MAX_INSTANCES = ${min} (maxInstances: ${min}), or use a local or stage volume`);
}
