import { SpcsError } from "../../common/errors";
import { identifierProblem } from "../../common/identifiers";
import { closest } from "../../spec/did-you-mean";
import { INSTANCE_FAMILY_NAMES, findInstanceFamily } from "../../model/instance-families";

/** CREATE COMPUTE POOL defaults (AUTO_RESUME, AUTO_SUSPEND_SECS, INITIALLY_SUSPENDED) from the SPCS docs. */
export const POOL_DEFAULTS = { minNodes: 1, autoResume: true, autoSuspendSecs: 3600, initiallySuspended: false } as const;

export type { PoolSettings } from "../../catalog/compute-pool-store";
import type { PoolSettings } from "../../catalog/compute-pool-store";

/** One invalid property, in the user's (camelCase) words and SPCS's message. */
export interface SettingProblem {
  property: string;
  message: string;
  hint?: string;
}

/**
 * Validates pool properties the way CREATE / ALTER COMPUTE POOL does, with SPCS's own messages.
 * Undefined properties are skipped, so the same rules serve CREATE (everything set) and ALTER (a few).
 */
export function poolProblems(s: Partial<PoolSettings>): SettingProblem[] {
  const out: SettingProblem[] = [];
  if (s.name !== undefined) {
    const p = identifierProblem(s.name);
    if (p) out.push({ property: "name", message: `Invalid compute pool name: ${p}.`, hint: "use an unquoted identifier such as tutorial_pool" });
  }
  if (s.instanceFamily !== undefined && !findInstanceFamily(String(s.instanceFamily))) {
    const guess = closest(String(s.instanceFamily), INSTANCE_FAMILY_NAMES);
    out.push({
      property: "instanceFamily",
      message: `Invalid instance family ${String(s.instanceFamily).toUpperCase()}. Please refer to Snowflake documentation for supported instance families.`,
      hint: guess ? `did you mean ${guess}? Supported: ${INSTANCE_FAMILY_NAMES.join(", ")}` : `use one of ${INSTANCE_FAMILY_NAMES.join(", ")}`,
    });
  }
  checkInteger(out, "minNodes", "MIN_NODES", s.minNodes, 1, "set minNodes to 1 or more");
  checkInteger(out, "maxNodes", "MAX_NODES", s.maxNodes, 1, "set maxNodes to 1 or more");
  checkInteger(out, "autoSuspendSecs", "AUTO_SUSPEND_SECS", s.autoSuspendSecs, 0, "use 0 to never auto-suspend, or a number of seconds");
  if (Number.isInteger(s.minNodes) && Number.isInteger(s.maxNodes) && s.minNodes! > s.maxNodes!) {
    out.push({
      property: "maxNodes",
      message: `invalid property combination 'MIN_NODES'='${s.minNodes}' and 'MAX_NODES'='${s.maxNodes}'`,
      hint: "maxNodes must be greater than or equal to minNodes",
    });
  }
  for (const [k, v] of [["autoResume", s.autoResume], ["initiallySuspended", s.initiallySuspended]] as const) {
    if (v !== undefined && typeof v !== "boolean") out.push({ property: k, message: `invalid value '${v}' for property '${snake(k)}'`, hint: "use true or false" });
  }
  if (s.comment !== undefined && s.comment !== null && typeof s.comment !== "string") {
    out.push({ property: "comment", message: `invalid value for property 'COMMENT'`, hint: "use a string" });
  }
  return out;
}

function checkInteger(out: SettingProblem[], property: string, sqlName: string, v: unknown, min: number, hint: string): void {
  if (v === undefined) return;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) out.push({ property, message: `invalid value '${v}' for property '${sqlName}'`, hint });
}

function snake(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

/** Throws the first problem as an SpcsError (the CLI and ALTER paths, where one message is enough). */
export function assertValid(s: Partial<PoolSettings>): void {
  const [first] = poolProblems(s);
  if (first) throw new SpcsError("invalid-property", first.message, first.hint);
}
