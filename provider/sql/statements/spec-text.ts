import { analyzeSpec, formatDiagnostic, runtimeSpecOf, type RuntimeSpec } from "./spcs-operations";
import { sqlError } from "./sql-errors";
import type { SpecSource } from "./spec-source";

export interface ResolvedSpec {
  spec: RuntimeSpec;
  specDigest: string;
}

/**
 * The specification a FROM clause gives, rendered (templates), validated and normalised by the same
 * analysis `pulumi preview` runs, so every problem comes back at once, at its line and column in the
 * specification text. A FROM @stage source was read from its stage before (stage-spec-source.ts).
 */
export function resolveSpec(source: SpecSource, kind: "service" | "job", instances?: { min: number; max: number }): ResolvedSpec {
  if (source.kind === "stage") {
    throw sqlError("execution", `FROM ${source.stage}: the specification file '${source.file}' was not read from its stage.`);
  }
  const analysis = analyzeSpec(source.text, { kind, instances, ...(source.template && { using: source.using ?? {} }) });
  const errors = analysis.diagnostics.filter((d) => d.severity === "error");
  if (!analysis.ok || !analysis.spec) {
    const lines = errors.map((d) => "  " + formatDiagnostic(d, source.template ? "SPECIFICATION_TEMPLATE" : "SPECIFICATION")).join("\n");
    if (errors.some((d) => d.code.startsWith("template/"))) throw sqlError("templateRender", `Unable to render service spec from given template:\n${lines}`);
    throw sqlError("invalidValue", `Invalid service specification (${errors.length} problem${errors.length === 1 ? "" : "s"}):\n${lines}`);
  }
  const spec = runtimeSpecOf(analysis.spec);
  // Secret values come from Snowflake SECRET objects, which this endpoint does not have (a Pulumi
  // program gives them as `secrets`): a container must not start without the value it reads.
  const secret = spec.containers.flatMap((c) => (c.secrets ?? []).map((s) => ({ c: c.name, s: s.objectName })))[0];
  if (secret) {
    throw sqlError("unsupported", `Unsupported feature 'secrets through SQL': container ${secret.c} uses Snowflake secret '${secret.s}', and CREATE SECRET is not available on the local platform's SQL endpoint. Create the ${kind} with Pulumi (its \`secrets\` input), or remove the secret from the specification.`);
  }
  return { spec, specDigest: analysis.specDigest! };
}
