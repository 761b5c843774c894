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

/**
 * SPCS (block-storage-volume): block volumes cannot be added or removed once the service exists, and
 * their size and encryption (iops and throughput too, which the platform does not model) are fixed. An
 * upgrade to a spec that changes them is refused before any instance is replaced.
 */
export function requireSameBlockVolumes(current: RuntimeSpec, next: RuntimeSpec, service: string): void {
  const describe = (v: RuntimeVolume) => `"${v.name}" (${v.size ?? "?"}, ${v.encryption ?? "SNOWFLAKE_SSE"})`;
  const was = blockVolumes(current);
  const now = blockVolumes(next);
  const added = now.filter((v) => !was.some((w) => w.name === v.name));
  const removed = was.filter((w) => !now.some((v) => v.name === w.name));
  const changed = now.filter((v) => was.some((w) => w.name === v.name && (w.size !== v.size || (w.encryption ?? "SNOWFLAKE_SSE") !== (v.encryption ?? "SNOWFLAKE_SSE"))));
  const problems = [
    ...added.map((v) => `adds block volume ${describe(v)}`),
    ...removed.map((v) => `removes block volume ${describe(v)}`),
    ...changed.map((v) => `changes block volume ${describe(was.find((w) => w.name === v.name)!)} to ${describe(v)}`),
  ];
  if (problems.length === 0) return;
  throw new SpcsError("block-volumes-fixed", `The new specification of service ${service} ${problems.join("; ")}; block volumes cannot be added, removed or resized after the service is created.`, `keep the block volumes as they are (${was.map(describe).join(", ") || "none"}), or create a new service (a block volume can start from a snapshot: blockConfig.initialContents.fromSnapshot)`);
}
