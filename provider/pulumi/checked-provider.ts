import { oneLine } from "../common/text";
import { withFix } from "../common/fix";
import { isUnknown } from "../common/unknown";
import { inputFailures, isPlainObject } from "../schema/input-failures";
import { INPUT_LIMITS } from "../schema/input-limits";
import type { ResourceSchema } from "../schema/resource-schema";
import { workloadNameProblem } from "../model/workload-name-limits";
import { registryPathProblem } from "../model/registry-name-limits";
import { RESOURCE_NAME_KEY, type CheckFailure, type CheckResult, type ResourceProvider } from "./provider-types";

/** Hidden string inputs the SDK classes add (see adoption.ts and provider-types.ts). */
const HIDDEN_STRINGS = [RESOURCE_NAME_KEY, "__creator"];

/**
 * Wraps a provider's `check` so it never throws and never passes an input of the wrong type on: every input
 * is checked against the resource's property table first (type, enum, bounds: one table drives the
 * schema, the docs and these checks). A wrong type stops there, since the provider's own rules assume the
 * types; bounds the provider did not report already are added to its failures. An exception the provider
 * still raises becomes a failure naming the resource, so `pulumi preview` reports it like any other.
 */
export function typeChecked<I, O>(provider: ResourceProvider<I, O>, schema: ResourceSchema): ResourceProvider<I, O> {
  const kind = schema.kind;
  return {
    ...provider,
    async check(olds, news): Promise<CheckResult<I>> {
      if (!isPlainObject(news as unknown)) return { failures: [{ property: "", reason: withFix(`${kind}: the inputs must be an object of properties`, "declare the resource with its properties", "check") }] };
      const given = news as Record<string, unknown>;
      const found = inputFailures(schema, given);
      for (const key of HIDDEN_STRINGS) {
        const v = given[key];
        if (v !== undefined && !isUnknown(v) && typeof v !== "string") found.push({ property: key, kind: "type", reason: withFix(`${kind} ${key}: expected a string`, `leave ${key} to the SDK classes`, "check") });
      }
      const typeFailures = found.filter((f) => f.kind === "type");
      if (typeFailures.length > 0) return { failures: typeFailures.map(({ property, reason }) => ({ property, reason })) };
      let result: CheckResult<I>;
      try {
        result = await provider.check(isPlainObject(olds as unknown) ? olds : {}, news);
      } catch (e) {
        const message = oneLine(e instanceof Error ? e.message : String(e)).slice(0, 500);
        return { failures: [{ property: "", reason: withFix(`${kind}: the inputs could not be checked: ${message}`, "correct the input the message names", "check") }] };
      }
      const failures: CheckFailure[] = [...(result.failures ?? [])];
      const reported = new Set(failures.map((f) => f.property));
      for (const f of found) if (!reported.has(f.property)) failures.push({ property: f.property, reason: f.reason });
      if (failures.length === 0 && result.inputs) failures.push(...nameFailures(kind, result.inputs as Record<string, unknown>));
      // One line each: a value quoted in a reason (a name with a newline) cannot fake another failure.
      return { ...result, failures: failures.map((f) => ({ property: f.property, reason: oneLine(f.reason) })) };
    },
  };
}

/** Names that are valid identifiers but cannot name containers, volumes or files of this platform. */
function nameFailures(kind: string, inputs: Record<string, unknown>): CheckFailure[] {
  const { database, schema, name } = inputs;
  if (typeof database !== "string" || typeof schema !== "string" || typeof name !== "string" || isUnknown([database, schema, name])) return [];
  // Services and jobs name containers, volumes and home files; a repository names a registry path.
  const p =
    kind === "Service" || kind === "JobService" ? workloadNameProblem({ database, schema, name }, INPUT_LIMITS.instances)
    : kind === "ImageRepository" ? registryPathProblem({ database, schema, name })
    : undefined;
  return p ? [{ property: p.field, reason: withFix(`${kind} ${p.field}: ${p.problem}`, p.fix, "check") }] : [];
}

