import { withFix } from "../common/fix";
import { isUnknown } from "../common/unknown";
import { INPUT_LIMITS } from "./input-limits";
import { RESOURCE_SCHEMAS } from "./package-schema";
import type { PropertySpec, PropertyType, ResourceSchema } from "./resource-schema";

/**
 * A problem with one input, found from the resource's property table alone. `type`: the value is not of
 * the declared type (a number where a string belongs, `"false"` for a boolean), so nothing else can be
 * checked. `range`: the type is right but the value is out of bounds or not one of the allowed values.
 */
export interface InputFailure {
  property: string;
  reason: string;
  kind: "type" | "range";
}

/** Every object type any table references, by name (a JobService's secrets use the Service's ServiceSecret). */
const TYPES: Record<string, { properties: readonly PropertySpec[] }> = Object.assign({}, ...RESOURCE_SCHEMAS.map((s) => s.types ?? {}));

/**
 * Values whose type the spec language owns (USING values may be any JSON: they substitute sub-trees);
 * only their container is checked here.
 */
const ANY_JSON_VALUES = new Set(["using"]);

/** Inputs whose values must never appear in a message (Pulumi does not mask check failures). */
const SECRET_INPUTS = new Set(["secrets"]);

/**
 * Checks every input the table declares against its type, enum and bounds. Unknown values (preview) are
 * skipped; absent ones are left to the provider, whose messages for missing options follow SPCS.
 */
export function inputFailures(schema: ResourceSchema, news: Record<string, unknown>): InputFailure[] {
  const out: InputFailure[] = [];
  for (const p of schema.properties.filter((q) => q.input)) {
    const v = news[p.name];
    if (v === undefined || isUnknown(v)) continue;
    const ctx: Ctx = { kind: schema.kind, property: p.name, secret: SECRET_INPUTS.has(p.name), out };
    checkValue(ctx, p.name, p.type, p, v, ANY_JSON_VALUES.has(p.name));
  }
  return out;
}

interface Ctx {
  kind: string;
  property: string;
  secret: boolean;
  out: InputFailure[];
}

function checkValue(ctx: Ctx, where: string, type: PropertyType, spec: Partial<PropertySpec>, v: unknown, anyValues = false): void {
  if (v === null && spec.nullable) return;
  const fail = (kind: InputFailure["kind"], problem: string, fix: string): void => {
    ctx.out.push({ property: ctx.property, kind, reason: withFix(`${ctx.kind} ${where}: ${problem}`, fix, "check") });
  };
  const got = ctx.secret ? `got ${kindOf(v)}` : `got ${kindOf(v)} ${shown(v)}`;
  if (typeof type === "string") {
    if (type === "string") {
      if (typeof v !== "string") return fail("type", `expected a string, ${got}`, `set ${where} to a string${spec.nullable ? " or null" : ""}${spec.enum ? ` (${spec.enum.join(", ")})` : ""}`);
      const max = spec.maxLength ?? INPUT_LIMITS.stringLength;
      if (v.length > max) return fail("range", `is ${v.length} characters long; the limit is ${max}`, `shorten ${where}`);
      if (spec.enum && !spec.enum.includes(v.toUpperCase())) return fail("range", `invalid value ${ctx.secret ? "" : `${shown(v)} `}for property '${snake(where)}'`, `use one of ${spec.enum.join(", ")}`);
      return;
    }
    if (type === "boolean") {
      if (typeof v !== "boolean") return fail("type", `expected true or false, ${got}`, `set ${where} to the boolean true or false, not a string or number`);
      return;
    }
    // integer or number
    if (typeof v !== "number" || !Number.isFinite(v) || (type === "integer" && !Number.isInteger(v))) {
      return fail("type", `expected ${type === "integer" ? "a whole number" : "a number"}, ${got}`, `set ${where} to a ${type === "integer" ? "whole " : ""}number${bounds(spec)}`);
    }
    if ((spec.minimum !== undefined && v < spec.minimum) || (spec.maximum !== undefined && v > spec.maximum)) {
      return fail("range", `invalid value '${v}' for property '${snake(where)}'`, `use a number${bounds(spec)}`);
    }
    return;
  }
  if ("array" in type) {
    if (!Array.isArray(v)) return fail("type", `expected a list, ${got}`, `set ${where} to a list${spec.nullable ? " or null" : ""}`);
    if (spec.maxItems !== undefined && v.length > spec.maxItems) return fail("range", `has ${v.length} entries; the limit is ${spec.maxItems}`, `give at most ${spec.maxItems}`);
    v.forEach((e, i) => checkElement(ctx, `${where}[${i}]`, type.array, e));
    return;
  }
  if ("map" in type) {
    if (!isPlainObject(v)) return fail("type", `expected a map of names to values, ${got}`, `set ${where} to an object such as { NAME: ... }`);
    const entries = Object.entries(v);
    if (spec.maxItems !== undefined && entries.length > spec.maxItems) return fail("range", `has ${entries.length} entries; the limit is ${spec.maxItems}`, `give at most ${spec.maxItems}`);
    if (!anyValues) for (const [k, e] of entries) checkElement(ctx, `${where}.${k}`, type.map, e);
    return;
  }
  checkObject(ctx, where, type.ref, v);
}

function checkElement(ctx: Ctx, where: string, type: PropertyType | { ref: string }, v: unknown): void {
  if (isUnknown(v)) return;
  if (typeof type === "object" && "ref" in type) return checkObject(ctx, where, type.ref, v);
  checkValue(ctx, where, type, {}, v);
}

function checkObject(ctx: Ctx, where: string, ref: string, v: unknown): void {
  const t = TYPES[ref];
  if (!isPlainObject(v)) {
    ctx.out.push({ property: ctx.property, kind: "type", reason: withFix(`${ctx.kind} ${where}: expected an object with ${t ? t.properties.map((p) => p.name).join(", ") : "fields"}, got ${kindOf(v)}`, `set ${where} to such an object`, "check") });
    return;
  }
  if (!t) return;
  for (const [k, e] of Object.entries(v)) {
    const p = t.properties.find((q) => q.name === k);
    if (!p) {
      ctx.out.push({ property: ctx.property, kind: "type", reason: withFix(`${ctx.kind} ${where}: unknown field '${k.slice(0, 64)}'`, `use only ${t.properties.map((q) => q.name).join(", ")}`, "check") });
    } else if (e !== undefined && !isUnknown(e)) checkValue(ctx, `${where}.${k}`, p.type, p, e);
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return { string: "a string", number: "a number", boolean: "a boolean", object: "an object" }[typeof v as string] ?? typeof v;
}

/** A value quoted for a message: short, on one line. */
function shown(v: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return `(${text.length > 40 ? `${text.slice(0, 40)}…` : text})`;
}

function bounds(spec: Partial<PropertySpec>): string {
  const { minimum: lo, maximum: hi } = spec;
  if (lo !== undefined && hi !== undefined) return ` from ${lo} to ${hi}`;
  if (hi !== undefined) return ` of at most ${hi}`;
  return lo !== undefined ? ` of at least ${lo}` : "";
}

const snake = (name: string) => name.replace(/\[.*$/, "").replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
