import { withFix } from "../common/fix";
import { identifierProblem } from "../common/identifiers";
import { isUnknown } from "../common/unknown";
import { analyzeSpec, formatDiagnostic, type SpecAnalysis } from "../spec";
import type { CheckFailure } from "./provider-types";
import type { ServiceSpec } from "../spec/service-spec";
import { SECRET_KEYS, type SecretValue } from "../statements/services";
import { instanceCountViolations } from "../model/instance-counts";

/** What the user gave as the specification: a spec, or a template with its USING values. */
export interface SpecSource {
  spec?: string;
  specTemplate?: string;
  using?: Record<string, unknown>;
}

/** The inputs a Service and a JobService share: where it lives, where it runs, and its specification. */
export interface WorkloadInputs extends SpecSource {
  database: string;
  schema: string;
  name: string;
  computePool: string;
}

/**
 * SPCS takes USING values as SQL text that must be alphanumeric or JSON. In a Pulumi program the values
 * are JavaScript values, so every one is passed as JSON: a string stays the string given (`"hunter2 #1"`,
 * `"0x1F"`: the renderer quotes it where it stands for a whole YAML scalar, see docs/spec-language.md),
 * numbers and booleans stay numbers and booleans, and objects and arrays substitute whole sub-trees.
 */
export function usingStrings(using: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (!using) return undefined;
  return Object.fromEntries(Object.entries(using).map(([k, v]) => [k, JSON.stringify(v)]));
}

/**
 * The last analyses, by kind, text and USING values. One provider process serves a whole `pulumi up`, and
 * check, diff and create (or update) of a resource analyse the same text: once is enough.
 */
const analyses = new Map<string, SpecAnalysis>();
const ANALYSES_KEPT = 64;

/** Renders (for a template) and analyses the specification; undefined while it is unknown (preview). */
export function analyzeSource(src: SpecSource, kind: "service" | "job", instances?: { min: unknown; max: unknown }): SpecAnalysis | undefined {
  const text = src.spec ?? src.specTemplate;
  if (text === undefined || isUnknown(text) || isUnknown(src.using)) return undefined;
  const using = src.specTemplate !== undefined ? (usingStrings(src.using) ?? {}) : undefined;
  // Counts still unknown (preview) check nothing; they are checked again once known.
  const counts = instances && typeof instances.min === "number" && typeof instances.max === "number" ? { min: instances.min, max: instances.max } : undefined;
  const key = JSON.stringify([kind, text, using ?? null, counts ?? null]);
  const known = analyses.get(key);
  if (known) return known;
  const analysis = analyzeSpec(text, { kind, using, instances: counts });
  analyses.set(key, analysis);
  if (analyses.size > ANALYSES_KEPT) analyses.delete(analyses.keys().next().value!);
  return analysis;
}

/**
 * Every problem of the specification as check failures: one per diagnostic error, with its code, field
 * path, line and column in the text the user wrote, and the fix; so `pulumi preview` shows them all and
 * nothing reaches Docker.
 */
export function specFailures(kindName: string, src: SpecSource, analysis: SpecAnalysis | undefined): CheckFailure[] {
  const field = src.specTemplate !== undefined ? "specTemplate" : "spec";
  const failures: CheckFailure[] = [];
  if (src.spec !== undefined && src.specTemplate !== undefined) failures.push({ property: "specTemplate", reason: `${kindName}: set either spec or specTemplate (with using), not both.` });
  if (src.spec === undefined && src.specTemplate === undefined) failures.push({ property: "spec", reason: withFix(`${kindName}: spec is required`, `set spec to the service specification YAML (or specTemplate and using)`, "check") });
  if (src.using !== undefined && src.specTemplate === undefined && src.spec !== undefined) failures.push({ property: "using", reason: withFix(`${kindName}: using applies only to specTemplate`, `rename spec to specTemplate, or remove using`, "check") });
  // No `property`: the engine would print the whole specification next to each failure. The reason
  // names the field, line and column itself.
  for (const d of analysis?.diagnostics ?? []) {
    if (d.severity === "error") failures.push({ property: "", reason: `${kindName} ${formatDiagnostic(d, field)}` });
  }
  return failures;
}

/** Identifier checks shared by Service and JobService. */
export function identifierFailures(kindName: string, values: Record<string, unknown>): CheckFailure[] {
  const out: CheckFailure[] = [];
  for (const [field, v] of Object.entries(values)) {
    if (v === undefined) out.push({ property: field, reason: withFix(`${kindName} ${field} is required`, `set ${field} to an unquoted identifier`, "check") });
    else if (!isUnknown(v)) {
      const p = identifierProblem(v);
      if (p) out.push({ property: field, reason: `${kindName} ${field}: ${p}.` });
    }
  }
  return out;
}

const PULUMI_COUNT_NAMES = { MIN_INSTANCES: "minInstances", MAX_INSTANCES: "maxInstances", MIN_READY_INSTANCES: "minReadyInstances" } as const;

/** SPCS's instance-count rule (model/instance-counts.ts) as check failures on the Pulumi properties. */
export function instanceCountFailures(min: unknown, max: unknown, minReady: unknown): CheckFailure[] {
  const known = (v: unknown) => (isUnknown(v) ? undefined : v);
  return instanceCountViolations(known(min), known(max), known(minReady), (p) => PULUMI_COUNT_NAMES[p]).map((v) => ({
    property: PULUMI_COUNT_NAMES[v.property],
    reason: withFix(`Service ${PULUMI_COUNT_NAMES[v.property]}: ${v.message}`, v.fix, "check"),
  }));
}

/**
 * Every Snowflake secret the spec references must be given in `secrets`, with the key its envVarName
 * reads. Messages name secrets and keys, never values.
 */
export function secretFailures(kindName: string, model: ServiceSpec | undefined, secrets: unknown): CheckFailure[] {
  if (!model || isUnknown(secrets)) return [];
  const given = normalizeSecrets(secrets as Record<string, SecretValue> | undefined);
  const out: CheckFailure[] = [];
  model.spec.containers.forEach((c, ci) =>
    c.secrets.forEach((s, si) => {
      const name = ("objectName" in s.snowflakeSecret ? s.snowflakeSecret.objectName : s.snowflakeSecret.objectReference).toUpperCase();
      const where = `spec.containers[${ci}].secrets[${si}]`;
      const value = given[name];
      if (!value) {
        out.push({ property: "secrets", reason: withFix(`${kindName} secrets: ${where} uses Snowflake secret '${name}', which is not given`, `add secrets: { ${name}: { secretString: ... } } (or username and password, or accessToken), as a Pulumi secret`, "check") });
      } else if (s.envVarName && s.secretKeyRef && value[SECRET_KEYS[s.secretKeyRef as keyof typeof SECRET_KEYS]] === undefined) {
        out.push({ property: "secrets", reason: withFix(`${kindName} secrets: ${where} reads key '${s.secretKeyRef}' of secret '${name}', which has no ${SECRET_KEYS[s.secretKeyRef as keyof typeof SECRET_KEYS]}`, `give that field, or change secretKeyRef`, "check") });
      }
    }),
  );
  return out;
}

/** Secret names are identifiers: compared upper-case. */
export function normalizeSecrets(secrets: Record<string, SecretValue> | undefined): Record<string, SecretValue> {
  return Object.fromEntries(Object.entries(secrets ?? {}).map(([k, v]) => [k.toUpperCase(), v]));
}
