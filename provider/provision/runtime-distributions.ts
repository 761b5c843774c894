/**
 * The Python distributions the ML runtime stand-in carries: every package Snowflake's validator requires
 * (see provider/objects/runtime-environments/image-requirements.ts), as real installed distributions (`<name>-<version>.dist-info`
 * with METADATA, RECORD, INSTALLER and a top-level module) so that the image's own `pip list` and
 * `pip check` read them exactly as they read packages `pip install` put there. The modules are stubs:
 * nothing here runs Ray or a notebook server. Versions are those of Container Runtime 2.x releases.
 *
 * `requires` are real dependency edges between these packages, so `pip check` has a tree to verify.
 */
export interface StubDistribution {
  /** The Name field of METADATA, as the project spells it (pip list prints it as is). */
  name: string;
  version: string;
  /** Importable top-level module or package path (`snowflake/ml` for a namespace portion); none for meta-packages. */
  module?: string;
  requires?: string[];
}

export const RUNTIME_DISTRIBUTIONS: readonly StubDistribution[] = [
  { name: "snowflake-connector-python", version: "3.16.0", module: "snowflake/connector" },
  { name: "snowflake-snowpark-python", version: "1.40.0", module: "snowflake/snowpark", requires: ["snowflake-connector-python>=3.10.0"] },
  { name: "snowflake.core", version: "1.7.0", module: "snowflake/core", requires: ["snowflake-connector-python"] },
  { name: "snowflake", version: "1.7.0", requires: ["snowflake.core==1.7.0"] },
  {
    name: "snowflake-ml-python",
    version: "1.37.0",
    module: "snowflake/ml",
    requires: ["snowflake-snowpark-python>=1.17.0", "snowflake-connector-python>=3.5.0", "sqlparse>=0.4", "psutil>=5.6"],
  },
  { name: "ray", version: "2.47.1", module: "ray", requires: ["psutil"] },
  { name: "lightgbm-ray", version: "0.1.9", module: "lightgbm_ray", requires: ["ray>=2.7"] },
  { name: "xgboost-ray", version: "0.1.19", module: "xgboost_ray", requires: ["ray>=2.7"] },
  { name: "Jinja2", version: "3.1.6", module: "jinja2" },
  { name: "jupyter_server", version: "2.16.0", module: "jupyter_server", requires: ["Jinja2>=3.0.3"] },
  { name: "notebook", version: "7.4.4", module: "notebook", requires: ["jupyter-server>=2.4.0,<3"] },
  { name: "ipython", version: "8.37.0", module: "IPython" },
  { name: "ipykernel", version: "6.29.5", module: "ipykernel", requires: ["ipython>=7.23.1", "psutil"] },
  { name: "sqlparse", version: "0.5.3", module: "sqlparse" },
  { name: "psutil", version: "7.0.0", module: "psutil" },
];

/** Where `pip install` puts packages on Debian's Python, and where the stand-in keeps them. */
export const SITE_PACKAGES = "usr/local/lib/python3.11/dist-packages";

/** `<name>-<version>.dist-info`, the name escaped as wheels do (runs of `-_.` become `_`). */
export function distInfoDir(d: Pick<StubDistribution, "name" | "version">): string {
  return `${d.name.replace(/[-_.]+/g, "_")}-${d.version}.dist-info`;
}

/** The files of one installed distribution, relative to site-packages, with their contents. */
export function distributionFiles(d: StubDistribution): Record<string, string> {
  const info = distInfoDir(d);
  const files: Record<string, string> = {
    [`${info}/METADATA`]: ["Metadata-Version: 2.1", `Name: ${d.name}`, `Version: ${d.version}`, ...(d.requires ?? []).map((r) => `Requires-Dist: ${r}`), ""].join("\n"),
    [`${info}/INSTALLER`]: "pip\n",
    [`${info}/WHEEL`]: "Wheel-Version: 1.0\nGenerator: pulumi-spcs\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
  };
  if (d.module) {
    files[`${d.module}/__init__.py`] = `"""Stand-in for ${d.name} ${d.version} in the local SPCS ML runtime image: importable, no functionality."""\n__version__ = "${d.version}"\n`;
    files[`${info}/top_level.txt`] = d.module.split("/")[0] + "\n";
  }
  // RECORD lists every file of the distribution; hashes are optional for pip list and pip check.
  files[`${info}/RECORD`] = [...Object.keys(files), `${info}/RECORD`].map((f) => `${f},,`).join("\n") + "\n";
  return files;
}
