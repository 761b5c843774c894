/**
 * `resourceManagement.autoScalingPolicies` on a service: SPCS scales by these metric policies instead of
 * its CPU-based MIN/MAX autoscaling. The reference gives their schema only in part, so the local platform
 * validates them and scales by CPU between MIN_INSTANCES and MAX_INSTANCES: a warning says so, so a local
 * run is not mistaken for the policies' behaviour. (Jobs refuse resourceManagement: rules/job.ts.)
 */
import { has } from "../spec-access";
import type { SpecRule } from "./rule";

export const checkAutoscalingPolicies: SpecRule = (ctx) => {
  if (ctx.kind === "job" || !ctx.spec || !has(ctx.spec, "resourceManagement")) return;
  const rm = (ctx.spec as Record<string, unknown>).resourceManagement;
  if (rm && typeof rm === "object" && has(rm as Record<string, unknown>, "autoScalingPolicies")) {
    ctx.report({
      code: "spec/autoscaling-policies", severity: "warning", path: ["spec", "resourceManagement", "autoScalingPolicies"], target: "key",
      message: "autoScalingPolicies are not applied by the local platform: it scales by CPU between MIN_INSTANCES and MAX_INSTANCES",
      hint: "test the policies' thresholds in SPCS; locally, expect CPU-based scaling",
    });
  }
};
