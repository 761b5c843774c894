/**
 * Job services use the same language with a few differences (reference §4): they are batch work with no
 * ingress, so public endpoints are rejected; autoscaling never applies to jobs, so resourceManagement is
 * rejected; and readiness/liveness probes have nothing to act on (no traffic routing, no restarts), so
 * they are accepted with a warning that they are ignored.
 */
import { has } from "../spec-access";
import type { SpecRule } from "./rule";

export const checkJob: SpecRule = (ctx) => {
  if (ctx.kind !== "job") return;
  for (const { value: e, path } of ctx.endpoints) {
    if (e.public === true) {
      ctx.report({ code: "spec/job-public-endpoint", path: [...path, "public"], message: `endpoint '${String(e.name)}' is public, but a job service cannot have public endpoints`, hint: "remove public: true; job endpoints are for traffic between instances" });
    }
  }
  if (ctx.spec && has(ctx.spec, "resourceManagement")) {
    ctx.report({ code: "spec/job-autoscaling", path: ["spec", "resourceManagement"], target: "key", message: "resourceManagement (autoscaling) never applies to job services", hint: "remove resourceManagement, or run the spec as a service" });
  }
  for (const { value: c, path } of ctx.containers) {
    for (const probe of ["readinessProbe", "livenessProbe"]) {
      if (has(c, probe)) {
        ctx.report({ code: "spec/job-probe", severity: "warning", path: [...path, probe], target: "key", message: `container '${String(c.name)}' has a ${probe}, which job services ignore`, hint: "remove it; a job finishes when its containers exit" });
      }
    }
  }
};
