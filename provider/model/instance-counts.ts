/** The three instance counts of a service, by their SPCS property names. */
export type InstanceCountProperty = "MIN_INSTANCES" | "MAX_INSTANCES" | "MIN_READY_INSTANCES";

export interface InstanceCountViolation {
  property: InstanceCountProperty;
  /** SPCS's words, e.g. "invalid value '0' for property 'MIN_INSTANCES'". */
  message: string;
  /** How to fix it, naming the properties as the caller's front end spells them. */
  fix: string;
}

/**
 * SPCS's rule for a service's instance counts: MIN_INSTANCES >= 1, MAX_INSTANCES >= MIN_INSTANCES,
 * 1 <= MIN_READY_INSTANCES <= MIN_INSTANCES, all whole numbers. A count given as `undefined` is not known
 * yet (a Pulumi preview of a computed value) and is not checked, nor is anything compared with it.
 * `name` spells a property in the front end's words (minInstances for Pulumi, MIN_INSTANCES for SQL).
 */
export function instanceCountViolations(min: unknown, max: unknown, minReady: unknown, name: (p: InstanceCountProperty) => string = (p) => p): InstanceCountViolation[] {
  const out: InstanceCountViolation[] = [];
  const whole = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);
  if (min !== undefined && (!whole(min) || min < 1)) out.push({ property: "MIN_INSTANCES", message: `invalid value '${min}' for property 'MIN_INSTANCES'`, fix: "use 1 or more" });
  if (whole(max) && whole(min) && max < min) {
    out.push({ property: "MAX_INSTANCES", message: `invalid property combination 'MIN_INSTANCES'='${min}' and 'MAX_INSTANCES'='${max}'`, fix: `${name("MAX_INSTANCES")} must be at least ${name("MIN_INSTANCES")}` });
  }
  if (minReady !== undefined && min !== undefined && (!whole(minReady) || minReady < 1 || minReady > (min as number))) {
    out.push({ property: "MIN_READY_INSTANCES", message: `invalid value '${minReady}' for property 'MIN_READY_INSTANCES'`, fix: `use a value from 1 to ${name("MIN_INSTANCES")} (${min})` });
  }
  return out;
}
