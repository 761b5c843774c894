import type { Platform } from "../platform/platform";
import { autoscaleStep, newAutoscalerMemory, type AutoscalerMemory } from "../objects/services/autoscaler";

export { autoscaleSettings } from "../objects/services/autoscaler";

/** One memory per platform: the samples and delays of the process that runs the autoscaler. */
const memories = new WeakMap<Platform, AutoscalerMemory>();

/**
 * What SPCS's control plane does for CPU-based autoscaling, one step: every running service with
 * MAX_INSTANCES above MIN_INSTANCES gets the instance count its CPU load asks for, after the delays
 * (objects/services/autoscaler.ts). The platform agent calls this each tick; changes run in the
 * background and `log` gets one line per change.
 */
export function autoscaleServices(platform: Platform, log: (line: string) => void): Promise<void> {
  let memory = memories.get(platform);
  if (!memory) memories.set(platform, (memory = newAutoscalerMemory()));
  return autoscaleStep(platform, memory, log);
}
