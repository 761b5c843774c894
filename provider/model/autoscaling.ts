/**
 * CPU-based autoscaling between MIN_INSTANCES and MAX_INSTANCES, the decision alone (pure): how many
 * instances a service's measured load asks for, and when a change has lasted long enough to act on.
 *
 * SPCS documents the mechanism (instances are added when CPU is high and removed when it is low, never
 * outside MIN/MAX, never for job services) and, as its example, a scale-up above 0.8 cores of average use.
 * The thresholds and delays of the simple MIN/MAX autoscaler are not published: the numbers here are the
 * platform's choice (docs/platform-choices.md) and the delays can be changed per platform home.
 */
export interface AutoscaleSettings {
  /** Average CPU use per instance, as a fraction of its CPU request, that the autoscaler aims for. */
  targetCpuUtilization: number;
  /** How long the load must ask for more instances before they are added. */
  scaleUpDelaySecs: number;
  /** How long the load must ask for fewer instances before they are removed. */
  scaleDownDelaySecs: number;
}

export const AUTOSCALE_DEFAULTS: AutoscaleSettings = { targetCpuUtilization: 0.8, scaleUpDelaySecs: 30, scaleDownDelaySecs: 300 };

/**
 * The instance count the load asks for: the measured instances' CPU use (each a fraction of its request)
 * spread at the target utilisation, within MIN/MAX. An instance not measured yet (just started) adds
 * capacity but no load, so the count never drops while one of them is still warming up.
 */
export function desiredInstances(loads: number[], current: number, minInstances: number, maxInstances: number, target: number): number {
  const total = loads.reduce((a, b) => a + b, 0);
  // The small tolerance keeps a load exactly at the target from asking for one more instance.
  let desired = Math.ceil(total / target - 1e-6);
  if (loads.length < current) desired = Math.max(desired, current);
  return Math.min(maxInstances, Math.max(minInstances, desired, 1));
}

/** A wish for another instance count, held since `since` (ms). */
export interface ScalingWish {
  direction: "up" | "down";
  since: number;
}

/**
 * One step of the stabilisation: a wish starts when the desired count first differs from the current one,
 * lasts while it keeps pointing the same way, and is acted on (`scaleTo`) once older than its delay.
 */
export function nextScalingStep(wish: ScalingWish | undefined, current: number, desired: number, now: number, s: AutoscaleSettings): { wish?: ScalingWish; scaleTo?: number } {
  if (desired === current) return {};
  const direction: ScalingWish["direction"] = desired > current ? "up" : "down";
  const held = wish?.direction === direction ? wish : { direction, since: now };
  const delayMs = (direction === "up" ? s.scaleUpDelaySecs : s.scaleDownDelaySecs) * 1000;
  return now - held.since >= delayMs ? { scaleTo: desired } : { wish: held };
}
