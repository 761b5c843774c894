/**
 * Volume fields by source (reference §1.8–1.9): memory and block volumes need a size, block sizes are
 * whole Gi within 1–16384 (BLOCK_LIMITS), blockConfig goes only with block, stageConfig only with (and is required by)
 * stage, uid/gid only with stage volumes; at most 3 block and 5 legacy stage volumes per service. The
 * legacy '@stage' source still works but is deprecated.
 */
import { BLOCK_LIMITS, LIMITS } from "../spec-schema";
import { blockSizeGi, MEMORY_PATTERN } from "../quantities";
import { has, type Obj } from "../spec-access";
import type { PathSegment } from "../diagnostics";
import type { RuleContext, SpecRule } from "./rule";

type SourceKind = "local" | "memory" | "block" | "stage" | "legacy";

function sourceKind(v: Obj): SourceKind | undefined {
  const s = v.source;
  if (typeof s !== "string") return undefined;
  if (s.startsWith("@")) return "legacy";
  return (["local", "memory", "block", "stage"] as const).find((k) => k === s);
}

/** Which optional fields each source accepts. */
const ALLOWED: Record<SourceKind, readonly string[]> = {
  local: [],
  memory: ["size"],
  block: ["size", "blockConfig"],
  stage: ["stageConfig", "uid", "gid"],
  legacy: ["uid", "gid"],
};

function checkVolume(ctx: RuleContext, v: Obj, path: PathSegment[], kind: SourceKind): void {
  const label = `volume '${typeof v.name === "string" ? v.name : "?"}'`;
  const source = kind === "legacy" ? "a legacy '@stage'" : kind === "local" ? "a local" : `a ${kind}`;
  for (const field of ["size", "blockConfig", "stageConfig", "uid", "gid"]) {
    if (has(v, field) && !ALLOWED[kind].includes(field)) {
      const where = field === "size" ? "memory and block volumes" : field === "blockConfig" ? "block volumes" : field === "stageConfig" ? "volumes with source: stage" : "stage volumes";
      ctx.report({ code: "spec/volume-field", path: [...path, field], target: "key", message: `${label} is ${source} volume; ${field} is only allowed for ${where}`, hint: `remove ${field}, or change the source` });
    }
  }
  if ((kind === "memory" || kind === "block") && !has(v, "size")) {
    ctx.report({ code: "spec/required", path: [...path, "size"], message: `${label} is ${source} volume and needs a size`, hint: kind === "block" ? "add size: a whole number of Gi, e.g. 10Gi" : "add size, e.g. 2G" });
  }
  if (kind === "block" && typeof v.size === "string" && MEMORY_PATTERN.test(v.size)) {
    const gi = blockSizeGi(v.size);
    if (gi === undefined || gi < BLOCK_LIMITS.sizeGi.min || gi > BLOCK_LIMITS.sizeGi.max) {
      ctx.report({ code: "spec/block-size", path: [...path, "size"], message: `${label} size '${v.size}' must be a whole number of Gi from ${BLOCK_LIMITS.sizeGi.min}Gi to ${BLOCK_LIMITS.sizeGi.max}Gi`, hint: `write the size in Gi, at most ${BLOCK_LIMITS.sizeGi.max}Gi, e.g. 10Gi` });
    }
  }
  if (kind === "stage" && !has(v, "stageConfig")) {
    ctx.report({ code: "spec/required", path: [...path, "stageConfig"], message: `${label} has source: stage and needs stageConfig.name`, hint: 'add stageConfig: { name: "@db.schema.stage/folder" }' });
  }
  if (kind === "legacy") {
    ctx.report({ code: "spec/deprecated", severity: "warning", path: [...path, "source"], message: `${label} uses the deprecated '@stage' source`, hint: `use source: stage with stageConfig: { name: "${String(v.source)}" }` });
  }
}

export const checkVolumes: SpecRule = (ctx) => {
  const counts = { block: 0, legacy: 0 };
  for (const { value: v, path } of ctx.volumes) {
    const kind = sourceKind(v);
    if (!kind) continue; // the schema reports a bad source
    checkVolume(ctx, v, path, kind);
    if (kind === "block" && ++counts.block === LIMITS.blockVolumes + 1) {
      ctx.report({ code: "spec/limit", path: [...path, "source"], message: `a service may have at most ${LIMITS.blockVolumes} block volumes`, hint: "remove block volumes, or use fewer and larger ones" });
    }
    if (kind === "legacy" && ++counts.legacy === LIMITS.legacyStageVolumes + 1) {
      ctx.report({ code: "spec/limit", path: [...path, "source"], message: `a service may have at most ${LIMITS.legacyStageVolumes} legacy '@stage' volumes`, hint: "use source: stage, which allows up to 20 per service" });
    }
  }
};
