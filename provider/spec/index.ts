/**
 * The service specification language: public API. Everything the providers' `check()` and the `spcs`
 * CLI need, listed explicitly.
 */
import { generateJsonSchema } from "./json-schema";

export { analyzeSpec } from "./analyze-spec";
export type { AnalyzeOptions, SpecAnalysis } from "./analyze-spec";
export { formatDiagnostic } from "./diagnostics";
export type { SpecDiagnostic } from "./diagnostics";
export { SPEC_CODES } from "./diagnostic-codes";
export type { DiagnosticCode } from "./diagnostic-codes";
export { renderTemplate } from "./render-template";
export { runSpecCli, SPEC_CLI_USAGE } from "./spec-cli";
export type { SpecCliIo } from "./spec-cli";
export { canonicalJson, specDigest } from "./normalize-spec";
export { cpuMillicores, memoryBytes, blockSizeGi } from "./quantities";
export { cacheDurationSeconds, retentionHours } from "./durations";
export { LIMITS } from "./spec-schema";
export type * from "./service-spec";

/** JSON Schema (draft-07) of the specification language, generated from the zod definition. */
export declare const SPEC_JSON_SCHEMA: object;
// Generated on first use, not when the module loads: every provider process loads this module for
// check(), and generating the schema costs about as much as the rest of the spec language together.
let generated: object | undefined;
Object.defineProperty(exports, "SPEC_JSON_SCHEMA", { enumerable: true, get: () => (generated ??= generateJsonSchema()) });
