import { benchResult, type BenchResult } from "../bench-result";
import { runBench } from "./spec-bench";

/**
 * The spec benchmark as BenchResults: microseconds per analyzeSpec (render, parse, schema, rules,
 * normalise, digest) against microseconds per bare YAML.parse of the same text, in the same run.
 */
export function runSpecBenchResults(): BenchResult[] {
  return runBench().map((r) =>
    benchResult(`spec.${r.containers}-containers`, "us", 1e6 / r.analyzeOpsPerSec, 1e6 / r.yamlParseOpsPerSec, `analyzeSpec vs YAML.parse of a ${r.bytes}-byte spec${r.ok ? "" : ` (invalid: ${r.diagnostics.join(", ")})`}`),
  );
}
