/** One check's outcome, as the validator reports it: `[PASS] entrypoint: Entrypoint is correctly set ...`. */
export interface CheckResult {
  check: string;
  passed: boolean;
  message: string;
}

export interface ValidationReport {
  image: string;
  results: CheckResult[];
}

const RULE = "=".repeat(60);
const THIN = "-".repeat(60);

export const isScriptCheck = (r: CheckResult) => r.check.startsWith("script_");
export const failedChecks = (report: ValidationReport) => report.results.filter((r) => !r.passed);
export const allPassed = (report: ValidationReport) => report.results.length > 0 && report.results.every((r) => r.passed);

/**
 * What the image is fit for: ML Jobs when every check but the notebook scripts passed, Notebooks when
 * those passed too (and there were any to run), "None" otherwise.
 */
export function readyFor(report: ValidationReport): string {
  const core = report.results.filter((r) => !isScriptCheck(r));
  const scripts = report.results.filter(isScriptCheck);
  if (core.length === 0 || core.some((r) => !r.passed)) return "None";
  return scripts.length > 0 && scripts.every((r) => r.passed) ? "ML Jobs, Notebooks" : "ML Jobs";
}

/** The report as the Snowflake CLI prints it. */
export function formatReport(report: ValidationReport): string {
  const passed = report.results.filter((r) => r.passed).length;
  const lines = [
    "",
    RULE,
    `Image Validation Report: ${report.image}`,
    RULE,
    "",
    ...report.results.map(resultLine),
    "",
    THIN,
    `Summary: ${passed} passed, ${report.results.length - passed} failed`,
    `Ready for: ${readyFor(report)}`,
    allPassed(report) ? "Status: ALL CHECKS PASSED" : "Status: VALIDATION FAILED",
    RULE,
    "",
  ];
  return lines.join("\n");
}

export function resultLine(r: CheckResult): string {
  return `[${r.passed ? "PASS" : "FAIL"}] ${r.check}: ${r.message}`;
}
