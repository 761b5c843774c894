import type { ContainerRuntime, RunResult } from "../../runtime/container-runtime";
import {
  CHECK_TIMEOUT_MS, DEPENDENCY_IGNORE_PATTERNS, MANDATORY_PACKAGES, NOTEBOOK_SCRIPTS, REQUIRED_ENTRYPOINT, REQUIRED_ENV, normalizePackageName,
} from "./image-requirements";
import type { CheckResult, ValidationReport } from "./validation-report";

export interface ValidateOptions {
  /** Labels for the short-lived containers the checks run in (so a crash leaves nothing unowned). */
  labels: Record<string, string>;
  /** How the report names the image (default: the reference itself). */
  displayName?: string;
  timeoutMs?: number;
}

/**
 * Validates a local image the way `snow custom-image validate` does, in its order:
 *
 *  1. image_exists: the engine has the image (`docker inspect`); if not, stop.
 *  2. entrypoint: Config.Entrypoint[0] is exactly /usr/local/bin/entrypoint.sh, and that file exists
 *     (`test -f`, run with the entrypoint bypassed); if not, stop: nothing else can run.
 *  3. env_<NAME>: each required variable is in Config.Env with its exact value.
 *  4. pkg_<name>: each mandatory package is in the image's own `python3 -m pip list --format json`, run
 *     through the image's entrypoint; names compared lower-case with `_` as `-`. One result per package,
 *     or a single `python_packages` failure when pip cannot list at all.
 *  5. dependency_health: `python3 -m pip check` exits 0, or every line it prints matches an ignore pattern.
 *  6. script_<name>: each notebook script exists and is executable in the working directory.
 *
 * Checks 4 to 6 each run in their own container, at the same time. Nothing is pulled here: the caller
 * pulls (server-side validation) or the image is local already (the CLI, before push).
 */
export async function validateImage(docker: ContainerRuntime, image: string, opts: ValidateOptions): Promise<ValidationReport> {
  const name = opts.displayName ?? image;
  const report: ValidationReport = { image: name, results: [] };
  const info = await docker.inspectImage(image);
  if (!info) {
    report.results.push({ check: "image_exists", passed: false, message: `Image '${name}' not found. Please ensure the image exists locally.` });
    return report;
  }
  report.results.push({ check: "image_exists", passed: true, message: `Image '${name}' found` });
  const run = (cmd: string[], bypassEntrypoint: boolean) =>
    docker.runToCompletion({ image, labels: opts.labels, cmd, entrypoint: bypassEntrypoint ? [""] : undefined, timeoutMs: opts.timeoutMs ?? CHECK_TIMEOUT_MS });

  const entrypoint = await checkEntrypoint(info.entrypoint, () => run(["test", "-f", REQUIRED_ENTRYPOINT], true));
  report.results.push(entrypoint);
  if (!entrypoint.passed) return report;

  report.results.push(...checkEnv(info.env));
  const [packages, dependencies, scripts] = await Promise.all([
    run(["bash", "-c", "python3 -m pip list --format json"], false).then(checkPackages),
    run(["bash", "-c", "python3 -m pip check"], false).then(checkDependencies),
    Promise.all(NOTEBOOK_SCRIPTS.map((s) => run(["test", "-x", s], true).then((r) => checkScript(s, r)))),
  ]);
  report.results.push(...packages, dependencies, ...scripts);
  return report;
}

async function checkEntrypoint(entrypoint: string[] | null, fileExists: () => Promise<RunResult>): Promise<CheckResult> {
  const actual = entrypoint?.[0];
  if (actual !== REQUIRED_ENTRYPOINT) {
    return { check: "entrypoint", passed: false, message: `Entrypoint mismatch. Expected: ${REQUIRED_ENTRYPOINT}, Actual: ${actual ?? "None"}` };
  }
  const r = await fileExists();
  if (r.exitCode !== 0) return { check: "entrypoint", passed: false, message: `Entrypoint file '${REQUIRED_ENTRYPOINT}' does not exist in the image` };
  return { check: "entrypoint", passed: true, message: `Entrypoint is correctly set to '${REQUIRED_ENTRYPOINT}'` };
}

function checkEnv(env: string[]): CheckResult[] {
  const vars = new Map(env.map((e) => [e.split("=", 1)[0], e.slice(e.indexOf("=") + 1)]));
  return REQUIRED_ENV.map(({ name, value }) => {
    const check = `env_${name}`;
    if (!vars.has(name)) return { check, passed: false, message: `Environment variable '${name}' not found. Expected: ${name}=${value}` };
    if (vars.get(name) !== value) return { check, passed: false, message: `Environment variable '${name}' has wrong value. Expected: ${value}, Actual: ${vars.get(name)}` };
    return { check, passed: true, message: `Environment variable '${name}' is correctly set` };
  });
}

function checkPackages(r: RunResult): CheckResult[] {
  if (r.exitCode !== 0) {
    const why = r.timedOut ? `timed out after ${CHECK_TIMEOUT_MS / 1000} s` : r.stderr.trim() || r.stdout.trim() || `exit code ${r.exitCode}`;
    return [{ check: "python_packages", passed: false, message: `Failed to list Python packages. pip may not be installed or accessible: ${why}` }];
  }
  let installed: Set<string>;
  try {
    installed = new Set((JSON.parse(r.stdout) as { name: string }[]).map((p) => normalizePackageName(p.name)));
  } catch {
    return [{ check: "python_packages", passed: false, message: `Failed to parse pip output: ${r.stdout.trim().slice(0, 500)}` }];
  }
  return MANDATORY_PACKAGES.map((pkg) =>
    installed.has(normalizePackageName(pkg))
      ? { check: `pkg_${pkg}`, passed: true, message: `Package '${pkg}' is installed` }
      : { check: `pkg_${pkg}`, passed: false, message: `Package '${pkg}' is not installed` },
  );
}

function checkDependencies(r: RunResult): CheckResult {
  if (r.exitCode === 0) return { check: "dependency_health", passed: true, message: "No broken dependencies found" };
  if (r.timedOut) return { check: "dependency_health", passed: false, message: `pip check timed out after ${CHECK_TIMEOUT_MS / 1000} s` };
  const output = (r.stdout.trim() || r.stderr.trim()).split("\n");
  const remaining = output.filter((line) => line.trim() && !DEPENDENCY_IGNORE_PATTERNS.some((p) => line.toLowerCase().includes(p.toLowerCase())));
  if (remaining.length === 0) return { check: "dependency_health", passed: true, message: "No broken dependencies found" };
  return { check: "dependency_health", passed: false, message: `Broken dependencies detected:\n${remaining.join("\n")}` };
}

function checkScript(script: string, r: RunResult): CheckResult {
  return r.exitCode === 0
    ? { check: `script_${script}`, passed: true, message: `Script '${script}' exists and is executable` }
    : { check: `script_${script}`, passed: false, message: `Script '${script}' not found or not executable in the image's working directory` };
}
