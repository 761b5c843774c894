import { isSpcsError } from "../common/errors";
import { withFix } from "../common/fix";
import { blockVolumes, requireSameBlockVolumes } from "../model/block-volumes";
import { runtimeSpecOf } from "../model/from-spec";
import type { SpecAnalysis } from "../spec";
import type { CheckFailure } from "./provider-types";

/**
 * What SPCS refuses of an existing service with block volumes, found at `pulumi preview` instead of
 * half-way through an update: a change of minInstances / maxInstances, and a spec that adds, removes or
 * resizes a block volume. Only for an update in place: a replacement (new name, schema, database or
 * pool) is a new service, which may differ.
 */
export function blockVolumeUpdateFailures(
  olds: { minInstances?: unknown; maxInstances?: unknown },
  news: { minInstances: unknown; maxInstances: unknown },
  replaced: boolean,
  before: SpecAnalysis | undefined,
  after: SpecAnalysis | undefined,
  service: string,
): CheckFailure[] {
  if (replaced || !before?.ok || !after?.ok || olds.minInstances === undefined) return [];
  const was = runtimeSpecOf(before.spec!);
  const now = runtimeSpecOf(after.spec!);
  const out: CheckFailure[] = [];
  if (blockVolumes(was).length > 0 && (olds.minInstances !== news.minInstances || olds.maxInstances !== news.maxInstances)) {
    out.push({ property: "minInstances", reason: withFix(`Service minInstances: service ${service} has block volumes; its MIN_INSTANCES and MAX_INSTANCES (${String(olds.minInstances)}) cannot be changed`, `keep minInstances and maxInstances at ${String(olds.minInstances)}, or replace the service (a new name) with the counts you need`, "check") });
  }
  try {
    requireSameBlockVolumes(was, now, service);
  } catch (e) {
    if (!isSpcsError(e)) throw e;
    out.push({ property: "spec", reason: withFix(`Service spec: ${e.reason.replace(/\.$/, "")}`, e.hint, "check") });
  }
  return out;
}
