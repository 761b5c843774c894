/**
 * Turns zod issues into rule reports: one per problem, with a stable code, the path as written, SPCS's
 * words where we have them and a fix. Strings with a registered format (formats.ts) get that format's
 * code and message whatever zod's issue kind was (wrong type, wrong pattern or no union branch matched).
 */
import { z } from "zod";
import { suggestion } from "./did-you-mean";
import { formatPath, type PathSegment } from "./diagnostics";
import { formatRegistry } from "./formats";
import { isObj } from "./spec-access";
import { ServiceSpecSchema } from "./spec-schema";
import type { RuleReport } from "./rules/rule";

type Issue = z.core.$ZodIssue;

/** Peels optional/nullable/default wrappers. */
function unwrap(s: z.ZodType): z.ZodType {
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
}

/** The (unwrapped) schema that validated `path`, or undefined if the path leaves the schema. */
function schemaAt(path: readonly PathSegment[], root: z.ZodType = ServiceSpecSchema): z.ZodType | undefined {
  let s: z.ZodType | undefined = unwrap(root);
  for (const seg of path) {
    if (!s) return undefined;
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, z.ZodType>)[String(seg)];
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else if (s instanceof z.ZodRecord) s = s.valueType as z.ZodType;
    else if (s instanceof z.ZodUnion) {
      const options = s.options as z.ZodType[];
      s = options.map((o) => schemaAt([seg], o)).find((o) => o !== undefined);
    } else return undefined;
    if (s) s = unwrap(s);
  }
  return s;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v = root;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === "number") v = v[seg];
    else if (isObj(v) && Object.prototype.hasOwnProperty.call(v, seg)) v = v[String(seg)];
    else return undefined;
  }
  return v;
}

const show = (v: unknown): string => (typeof v === "string" ? `'${v}'` : v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "a mapping" : String(v));

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
};

/** "a string, a number or a boolean" */
function alternatives(expected: string[]): string {
  const words = [...new Set(expected.map((e) => (e === "boolean" ? "a boolean" : (EXPECTED[e] ?? e))))];
  return words.length < 2 ? (words[0] ?? "something else") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/** The keys an object schema (or any object branch of a union) accepts. */
function objectKeys(schema: z.ZodType | undefined): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap((o) => objectKeys(unwrap(o)));
  return [];
}

function typeHint(expected: string, value: unknown, key: string | number): string {
  if (typeof key === "number") return `make this item ${EXPECTED[expected] ?? expected}`;
  if (key === "") return "write the document as a mapping that starts with spec:";
  if (expected === "string" && (typeof value === "number" || typeof value === "boolean")) return `quote it: ${key}: "${String(value)}"`;
  if (expected === "array" && value !== null && typeof value !== "object") return `write it as a list: ${key}: [${JSON.stringify(value)}]`;
  if (expected === "boolean" && typeof value === "string") return `write ${key}: true or ${key}: false, unquoted`;
  if ((expected === "number" || expected === "int") && typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return `remove the quotes: ${key}: ${value}`;
  return `write ${key} as ${EXPECTED[expected] ?? expected}`;
}

const SPEC_KEYS = ["containers", "container", "endpoints", "endpoint", "volumes", "volume", "logExporters", "platformMonitor", "resourceManagement"];

function unknownKeyHint(parent: readonly PathSegment[], key: string): string {
  const known = objectKeys(schemaAt(parent));
  if (parent.length === 0 && SPEC_KEYS.includes(key)) return `move ${key} under spec:`;
  if (key === "networkPolicyConfig") return "SPCS no longer has networkPolicyConfig; egress is granted with EXTERNAL_ACCESS_INTEGRATIONS on the service";
  return `${suggestion(key, known, "allowed keys")}`;
}

function numberBounds(path: readonly PathSegment[]): string {
  const s = schemaAt(path);
  if (!(s instanceof z.ZodNumber)) return "";
  const lo = s.minValue !== null && Number.isFinite(s.minValue) ? s.minValue : undefined;
  const hi = s.maxValue !== null && Number.isFinite(s.maxValue) ? s.maxValue : undefined;
  if (lo !== undefined && hi !== undefined && hi < Number.MAX_SAFE_INTEGER) return `between ${lo} and ${hi}`;
  return lo !== undefined ? `at least ${lo}` : hi !== undefined ? `at most ${hi}` : "";
}

function listNoun(path: readonly PathSegment[]): string {
  const last = String(path[path.length - 1]);
  const plural: Record<string, string> = { container: "containers", endpoint: "endpoints", volume: "volumes" };
  return plural[last] ?? last;
}

function issueToReports(issue: Issue, root: unknown, prefix: readonly PathSegment[] = []): RuleReport[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const dotted = formatPath(path) || "the document";
  const last = path[path.length - 1];
  const key = last === undefined ? "" : String(last);
  const value = valueAt(root, path);

  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((k) => ({
      code: "spec/unknown-key",
      path: [...path, k],
      target: "key" as const,
      message: `unknown field '${k}' in ${dotted}`,
      hint: unknownKeyHint(path, k),
    }));
  }
  if (issue.code === "invalid_type" && value === undefined) {
    const description = schemaAt(path)?.description;
    return [{ code: "spec/required", path, message: `${dotted} is required`, hint: description ? `add ${key}: ${description.replace(/\.$/, "")}` : `add ${key}` }];
  }
  const at = schemaAt(path);
  const format = at && formatRegistry.get(at);
  if (format) return [{ code: format.code, path, message: format.message(value, dotted), hint: format.hint(value) }];

  switch (issue.code) {
    case "invalid_type":
      return [{ code: "spec/type", path, message: `${dotted} must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${show(value)}`, hint: typeHint(issue.expected, value, last ?? "") }];
    case "invalid_value": {
      const allowed = issue.values.map(String);
      return [{ code: "spec/enum", path, message: `${dotted} ${show(value)} is not one of ${allowed.join(", ")}`, hint: suggestion(String(value), allowed) }];
    }
    case "too_small":
    case "too_big": {
      if (issue.origin === "array") {
        if (issue.code === "too_small") {
          const hint = key === "containers" || key === "container" ? "add at least one container with a name and an image" : `add an item to ${key}, or remove ${key}`;
          return [{ code: "spec/required", path, message: `${dotted} needs at least ${String(issue.minimum)} item`, hint }];
        }
        const n = Array.isArray(value) ? value.length : "too many";
        return [{ code: "spec/limit", path, target: "key", message: `${dotted} has ${n} items; a service may have at most ${String(issue.maximum)} ${listNoun(path)}`, hint: `split the workload into several services of at most ${String(issue.maximum)} ${listNoun(path)}` }];
      }
      if (issue.origin === "string") return [{ code: "spec/empty", path, message: `${dotted} must not be empty`, hint: `give ${key} a value, or remove it` }];
      return [{ code: "spec/range", path, message: `${dotted} ${show(value)} is out of range: it must be ${numberBounds(path)}`, hint: `use a value ${numberBounds(path)}` }];
    }
    case "invalid_union": {
      // A branch that got past the type check explains the problem best (e.g. an object with a typo).
      const informative = issue.errors.find((branch) => branch.some((i) => !(i.code === "invalid_type" && i.path.length === 0)));
      if (informative) return informative.flatMap((i) => issueToReports(i, root, path));
      const expected = issue.errors.flatMap((b) => b.flatMap((i) => (i.code === "invalid_type" ? [i.expected] : [])));
      const hint = typeof last === "number" ? `make this item ${alternatives(expected)}` : value === null ? `give ${key} a value, e.g. ${key}: ""` : `write ${key} as ${alternatives(expected)}`;
      return [{ code: "spec/type", path, message: `${dotted} must be ${alternatives(expected)}, not ${show(value)}`, hint }];
    }
    default:
      return [{ code: "spec/type", path, message: `${dotted}: ${issue.message}`, hint: `fix ${key}` }];
  }
}

/** Validates `root` against the schema; an empty list when it conforms. */
export function schemaReports(root: unknown): { reports: RuleReport[]; data?: z.infer<typeof ServiceSpecSchema> } {
  const r = ServiceSpecSchema.safeParse(root);
  if (r.success) return { reports: [], data: r.data };
  return { reports: r.error.issues.flatMap((i) => issueToReports(i, root)) };
}
