import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { UNKNOWN } from "../common/unknown";
import { UsageError } from "./usage-error";

/**
 * Drift across an estate of stacks: for each stack, `pulumi preview --refresh --json` (the real CLI reads
 * the platform, then plans the program against what it read) and the steps it plans, read back per
 * resource and field. Nothing here diffs resources itself: the CLI decides which resources change and how
 * (create, update, replace, delete); for each one this reports the inputs whose value in the refreshed
 * state differs from the program's, and the `drift` lines the provider's refresh recorded (a container
 * removed by hand, an image tag moved).
 */

/** One stack to check: the program's folder and the stack's name. */
export interface StackTarget {
  dir: string;
  stack: string;
}

/** One field of a resource that differs: what the platform holds (refreshed state) and what the code says. */
export interface FieldDrift {
  field: string;
  platform?: unknown;
  code?: unknown;
  /** A provider drift line (its `drift` output), when the field alone says too little. */
  detail?: string;
}

export interface ResourceDrift {
  urn: string;
  /** `spcs:ComputePool` for the provider's resources, else the Pulumi type. */
  type: string;
  name: string;
  /** What `pulumi up` would do: update, replace, create (gone from the platform) or delete (gone from the code). */
  op: string;
  fields: FieldDrift[];
}

export interface StackDrift extends StackTarget {
  /** False when the preview itself failed (see `error`). */
  checked: boolean;
  error?: string;
  resources: ResourceDrift[];
}

/** `DIR:STACK`: the last `:` separates them (a folder may contain ':', a stack name may not). */
export function parseStackTarget(arg: string, cwd = process.cwd()): StackTarget {
  const at = arg.lastIndexOf(":");
  if (at <= 0 || at === arg.length - 1) throw new UsageError(`expected --stack DIR:STACK (a Pulumi program's folder and a stack name), got '${arg}'`);
  const dir = path.resolve(cwd, arg.slice(0, at));
  if (!fs.existsSync(path.join(dir, "Pulumi.yaml")) && !fs.existsSync(path.join(dir, "Pulumi.yml"))) {
    throw new UsageError(`'${arg.slice(0, at)}' holds no Pulumi.yaml: --stack takes the folder of a Pulumi program, then ':' and the stack name`);
  }
  return { dir, stack: arg.slice(at + 1) };
}

/** Runs the preview of one stack with the real CLI and reads its plan. */
export function checkStack(target: StackTarget, env: NodeJS.ProcessEnv): StackDrift {
  const res = spawnSync("pulumi", ["preview", "--refresh", "--json", "--non-interactive", "--stack", target.stack], {
    cwd: target.dir,
    env: { PULUMI_SKIP_UPDATE_CHECK: "true", ...env },
    encoding: "utf8",
    timeout: 600_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  let plan: PreviewJson | undefined;
  try {
    plan = JSON.parse(res.stdout);
  } catch {
    plan = undefined;
  }
  if (res.error || res.status !== 0 || !plan?.steps) {
    const why = res.error?.message ?? (plan?.diagnostics ?? []).filter((d) => d.severity === "error").map((d) => d.message.trim()).join("; ");
    return { ...target, checked: false, error: (why || res.stderr.trim() || `pulumi preview exited ${res.status}`).slice(0, 2000), resources: [] };
  }
  return { ...target, checked: true, resources: driftFromPreview(plan) };
}

/** The subset of `pulumi preview --json` this reads. */
export interface PreviewJson {
  steps?: { op: string; urn: string; oldState?: StepState; newState?: StepState }[];
  diagnostics?: { severity: string; message: string }[];
}
interface StepState {
  type?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** Steps that change nothing, or that restate another step (the two halves of a replacement). */
const QUIET_OPS = new Set(["same", "read", "refresh", "create-replacement", "delete-replaced", "read-replacement", "discard", "discard-replaced"]);

/** Every resource the plan would change, with the fields that differ between the refreshed state and the program. */
export function driftFromPreview(plan: PreviewJson): ResourceDrift[] {
  const out: ResourceDrift[] = [];
  for (const step of plan.steps ?? []) {
    if (QUIET_OPS.has(step.op)) continue;
    const type = step.newState?.type ?? step.oldState?.type ?? step.urn.split("::")[2] ?? "";
    const fields: FieldDrift[] = [];
    if (step.op === "create") fields.push({ field: "(resource)", detail: "not on the platform: deleted out of band, or not deployed yet" });
    else if (step.op === "delete") fields.push({ field: "(resource)", detail: "on the platform and in the stack, but no longer in the program" });
    else {
      const before = step.oldState?.inputs ?? {};
      const after = step.newState?.inputs ?? {};
      for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
        if (key.startsWith("__")) continue;
        if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) fields.push({ field: key, platform: before[key], code: after[key] });
      }
      const lines = step.oldState?.outputs?.drift;
      if (Array.isArray(lines)) for (const line of lines) fields.push({ field: "drift", detail: String(line) });
      if (fields.length === 0) fields.push({ field: "(unknown)", detail: "the provider reports a change without a differing input" });
    }
    out.push({ urn: step.urn, type: type.replace(/^pulumi-nodejs:dynamic\//, ""), name: step.urn.split("::").pop() ?? step.urn, op: step.op, fields });
  }
  return out;
}

/** A value as one short line: JSON, cut at 60 characters. */
export function shortValue(v: unknown): string {
  if (v === undefined) return "(unset)";
  // An input built from the output of a resource that changes too: only `up` will know it.
  if (typeof v === "string" && v === UNKNOWN) return "(known after up)";
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 57) + "..." : s;
}
