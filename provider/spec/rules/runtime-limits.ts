/**
 * Numbers the runtime must be able to honour (issue 13), worded like SPCS ("Invalid spec: …"):
 * - every cpu and memory quantity and every duration fits a safe integer (millicores, bytes, seconds,
 *   hours), so the canonical form is exact and itself valid (`1e21` vCPUs would print as "1e+24m");
 * - a cpu limit is at least 10m and a memory limit at least 6Mi: Docker reads 0 as "no limit" and
 *   refuses less than 0.01 CPU or 6 MiB, so a smaller limit would be dropped or fail at start;
 * - a memory volume has a size above 0 (tmpfs reads size=0 as unlimited) in whole bytes.
 */
import { cacheDurationSeconds, CACHE_DURATION_PATTERN, retentionHours, RETENTION_PATTERN } from "../durations";
import { cpuMillicores, memoryBytes, MEMORY_PATTERN, quantityTooLarge, wholeBytes } from "../quantities";
import { isObj } from "../spec-access";
import { quoteText } from "../spec-limits";
import type { PathSegment } from "../diagnostics";
import type { RuleContext, SpecRule } from "./rule";

/** Docker's minimums: NanoCpus of 0.01 CPU, and 6 MiB of memory (linuxMinMemory). */
export const MIN_CPU_LIMIT_MILLICORES = 10;
export const MIN_MEMORY_LIMIT_BYTES = 6 * 1024 * 1024;

const where = (path: PathSegment[]): string => path.filter((p) => typeof p === "string" && !["spec", "containers", "container", "volumes", "volume"].includes(p)).join(".");

function checkQuantities(ctx: RuleContext, resources: unknown, path: PathSegment[], label: string): void {
  if (!isObj(resources)) return;
  for (const set of ["requests", "limits"] as const) {
    const s = resources[set];
    if (!isObj(s)) continue;
    for (const key of ["cpu", "memory"] as const) {
      const at = [...path, set, key];
      if (quantityTooLarge(s[key], key)) {
        ctx.report({ code: "spec/quantity-range", path: at, message: `Invalid spec: invalid '${where(at)}' of ${label}. Value ${quoteText(ctx.sourceText(at) ?? String(s[key]))} is too large`, hint: key === "cpu" ? "give at most the node's vCPUs, e.g. 2 or '2000m'" : "give at most the node's memory, e.g. '8Gi'" });
        continue;
      }
      if (set !== "limits") continue;
      if (key === "cpu") {
        const m = cpuMillicores(s.cpu);
        if (m !== undefined && m < MIN_CPU_LIMIT_MILLICORES) ctx.report({ code: "spec/resource-minimum", path: at, message: `Invalid spec: invalid '${where(at)}' of ${label}. Value ${String(s.cpu)} is below the minimum cpu limit of 10m${m === 0 ? " (a limit of 0 would mean no limit at all)" : ""}`, hint: "give a cpu limit of at least 10m (0.01), or remove the limit" });
      } else {
        const b = memoryBytes(s.memory);
        if (b !== undefined && b < MIN_MEMORY_LIMIT_BYTES) ctx.report({ code: "spec/resource-minimum", path: at, message: `Invalid spec: invalid '${where(at)}' of ${label}. Value ${String(s.memory)} is below the minimum memory limit of 6Mi${b === 0 ? " (a limit of 0 would mean no limit at all)" : ""}`, hint: "give a memory limit of at least 6Mi, or remove the limit" });
      }
    }
  }
}

function checkVolume(ctx: RuleContext, v: Record<string, unknown>, path: PathSegment[]): void {
  const label = `volume '${typeof v.name === "string" ? v.name : "?"}'`;
  const size = v.size;
  if (typeof size === "string" && MEMORY_PATTERN.test(size)) {
    if (quantityTooLarge(size, "memory")) ctx.report({ code: "spec/quantity-range", path: [...path, "size"], message: `Invalid spec: invalid 'size' of ${label}. Value ${quoteText(size)} is too large`, hint: "give a size the node can hold, e.g. '2G'" });
    else if (v.source === "memory" && (memoryBytes(size) === 0 || !wholeBytes(size))) {
      ctx.report({ code: "spec/volume-size", path: [...path, "size"], message: `Invalid spec: invalid 'size' of ${label}. Value ${size} is ${memoryBytes(size) === 0 ? "0" : "not a whole number of bytes"}`, hint: "give a size above 0 in whole bytes, e.g. '512Mi' or '2G'" });
    }
  }
  const block = v.blockConfig;
  if (isObj(block) && typeof block.snapshotDeleteAfter === "string" && RETENTION_PATTERN.test(block.snapshotDeleteAfter) && retentionHours(block.snapshotDeleteAfter) === undefined) {
    ctx.report({ code: "spec/quantity-range", path: [...path, "blockConfig", "snapshotDeleteAfter"], message: `Invalid spec: invalid 'blockConfig.snapshotDeleteAfter' of ${label}. Value ${quoteText(block.snapshotDeleteAfter)} is too large`, hint: "give a retention such as '7d' or '720h'" });
  }
  const stage = v.stageConfig;
  if (isObj(stage)) {
    if (typeof stage.metadataCache === "string" && CACHE_DURATION_PATTERN.test(stage.metadataCache) && cacheDurationSeconds(stage.metadataCache) === undefined) {
      ctx.report({ code: "spec/quantity-range", path: [...path, "stageConfig", "metadataCache"], message: `Invalid spec: invalid 'stageConfig.metadataCache' of ${label}. Value ${quoteText(stage.metadataCache)} is too large`, hint: "give a duration such as '5m' or '1h30m'" });
    }
    checkQuantities(ctx, stage.resources, [...path, "stageConfig", "resources"], `the stage mount of ${label}`);
  }
}

export const checkRuntimeLimits: SpecRule = (ctx) => {
  for (const { value: c, path } of ctx.containers) checkQuantities(ctx, c.resources, [...path, "resources"], `container '${String(c.name)}'`);
  for (const { value: v, path } of ctx.volumes) checkVolume(ctx, v, path);
};
