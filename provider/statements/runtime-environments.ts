/**
 * CREATE [OR REPLACE] / ALTER / DESCRIBE / SHOW / DROP CUSTOM RUNTIME ENVIRONMENT, `snow custom-image
 * validate` (validateImage, its report), and resolving `cre@NAME` for EXECUTE JOB SERVICE.
 */
export * from "../objects/runtime-environments/custom-runtime-environments";
export { validateImage, type ValidateOptions } from "../objects/runtime-environments/validate-image";
export { allPassed, failedChecks, formatReport, isScriptCheck, readyFor, resultLine, type CheckResult, type ValidationReport } from "../objects/runtime-environments/validation-report";
export { isCreReference, parseCreReference, resolveRuntimeEnvironment, type ResolvedRuntimeEnvironment } from "../objects/runtime-environments/resolve-runtime-environment";
