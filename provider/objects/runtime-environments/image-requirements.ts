/**
 * What a custom runtime image must satisfy: the rules of Snowflake's client-side validator
 * (`snow custom-image validate`, snowflake-cli `custom_images/config/image_validation.yaml`), which the
 * platform also applies server-side at CREATE CUSTOM RUNTIME ENVIRONMENT.
 *
 * Mandatory packages: the validator's 15, not the documentation's 10. The 15 include all 10 (the docs'
 * `snowflake-snowpark-python[pandas]` is checked by distribution name; extras are not visible to pip
 * list) and add lightgbm-ray, xgboost-ray, snowflake, snowflake.core and snowflake-connector-python, all
 * of which Snowflake's base images carry. An image built FROM a base image passes either list; checking
 * the longer one locally means an image that passes here does not fail Snowflake's own tool.
 */
export const REQUIRED_ENTRYPOINT = "/usr/local/bin/entrypoint.sh";

export const REQUIRED_ENV: readonly { name: string; value: string }[] = [{ name: "DASHBOARD_PORT", value: "12003" }];

export const MANDATORY_PACKAGES: readonly string[] = [
  "ipykernel", "sqlparse", "jinja2", "notebook", "ipython", "psutil", "snowflake-snowpark-python", "jupyter-server",
  "ray", "lightgbm-ray", "xgboost-ray",
  "snowflake", "snowflake.core", "snowflake-connector-python", "snowflake-ml-python",
];

/** The documentation's list (custom-runtime-images page), kept for the docs and the tests that compare. */
export const DOCUMENTED_PACKAGES: readonly string[] = [
  "snowflake-ml-python", "snowflake-snowpark-python", "ray", "jupyter-server", "notebook", "ipykernel", "ipython", "sqlparse", "jinja2", "psutil",
];

/** `pip check` lines mentioning these are ignored: jupyter-lsp is removed from the official images on purpose. */
export const DEPENDENCY_IGNORE_PATTERNS: readonly string[] = ["jupyter-lsp"];

/** Scripts the notebook platform runs from the image's working directory; they decide "Ready for: Notebooks". */
export const NOTEBOOK_SCRIPTS: readonly string[] = ["start_nbctl.sh"];

/** Each docker command of the validator may take this long (the tool's 120 s). */
export const CHECK_TIMEOUT_MS = 120_000;

/** Package names compare as the validator compares them: lower case, `_` as `-` (`.` stays). */
export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/_/g, "-");
}
