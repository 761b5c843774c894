/**
 * Resource requests and limits (reference §1.5), for containers and for stage-volume sidecars: a request
 * may not exceed its limit, and GPUs are only granted when requests and limits both give the same count.
 */
import { cpuMillicores, memoryBytes } from "../quantities";
import { isObj, type Obj } from "../spec-access";
import type { PathSegment } from "../diagnostics";
import type { RuleContext, SpecRule } from "./rule";

const GPU = "nvidia.com/gpu";

function checkResources(ctx: RuleContext, resources: unknown, path: PathSegment[], label: string): void {
  if (!isObj(resources)) return;
  const req: Obj = isObj(resources.requests) ? resources.requests : {};
  const lim: Obj = isObj(resources.limits) ? resources.limits : {};
  for (const [key, parse, unit] of [
    ["cpu", cpuMillicores, "CPU"],
    ["memory", memoryBytes, "memory"],
  ] as const) {
    const r = parse(req[key]);
    const l = parse(lim[key]);
    if (r !== undefined && l !== undefined && r > l) {
      ctx.report({
        code: "spec/request-exceeds-limit",
        path: [...path, "requests", key],
        message: `${label} requests more ${unit} (${String(req[key])}) than its limit (${String(lim[key])})`,
        hint: `lower requests.${key} or raise limits.${key}`,
      });
    }
  }
  const r = req[GPU];
  const l = lim[GPU];
  if (typeof r === "number" && typeof l === "number") {
    if (r !== l) {
      ctx.report({ code: "spec/gpu-request-limit", path: [...path, "limits", GPU], message: `${label} requests ${r} GPUs but limits them to ${l}; GPU requests and limits must be equal`, hint: `set both to the same count, e.g. ${Math.max(r, l)}` });
    }
  } else if (typeof r === "number" || typeof l === "number") {
    const [given, missing] = typeof r === "number" ? ["requests", "limits"] : ["limits", "requests"];
    ctx.report({ code: "spec/gpu-request-limit", path: [...path, given, GPU], message: `${label} sets ${given}.${GPU} but not ${missing}.${GPU}; without both the container gets no GPU`, hint: `add ${missing}: { ${GPU}: ${String(r ?? l)} }` });
  }
}

export const checkResourceRules: SpecRule = (ctx) => {
  for (const { value: c, path } of ctx.containers) {
    checkResources(ctx, c.resources, [...path, "resources"], `container '${String(c.name)}'`);
  }
  for (const { value: v, path } of ctx.volumes) {
    if (isObj(v.stageConfig)) checkResources(ctx, v.stageConfig.resources, [...path, "stageConfig", "resources"], `the stage mount of volume '${String(v.name)}'`);
  }
};
