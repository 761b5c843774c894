import assert from "node:assert/strict";
import { DOCUMENTED_PACKAGES, MANDATORY_PACKAGES, normalizePackageName } from "../../../provider/objects/runtime-environments/image-requirements";
import { formatReport, readyFor, type CheckResult } from "../../../provider/objects/runtime-environments/validation-report";
import { RUNTIME_DISTRIBUTIONS, distInfoDir, distributionFiles } from "../../../provider/provision/runtime-distributions";

const pass = (check: string, message = "ok"): CheckResult => ({ check, passed: true, message });
const fail = (check: string, message = "bad"): CheckResult => ({ check, passed: false, message });

describe("custom image validation report", function () {
  it("prints the Snowflake CLI's report: one line per check, the summary, what the image is ready for, the status", function () {
    const text = formatReport({
      image: "my-image:v1",
      results: [
        pass("image_exists", "Image 'my-image:v1' found"),
        pass("entrypoint", "Entrypoint is correctly set to '/usr/local/bin/entrypoint.sh'"),
        fail("env_DASHBOARD_PORT", "Environment variable 'DASHBOARD_PORT' not found. Expected: DASHBOARD_PORT=12003"),
        pass("pkg_ray", "Package 'ray' is installed"),
      ],
    });
    assert.equal(
      text,
      [
        "",
        "=".repeat(60),
        "Image Validation Report: my-image:v1",
        "=".repeat(60),
        "",
        "[PASS] image_exists: Image 'my-image:v1' found",
        "[PASS] entrypoint: Entrypoint is correctly set to '/usr/local/bin/entrypoint.sh'",
        "[FAIL] env_DASHBOARD_PORT: Environment variable 'DASHBOARD_PORT' not found. Expected: DASHBOARD_PORT=12003",
        "[PASS] pkg_ray: Package 'ray' is installed",
        "",
        "-".repeat(60),
        "Summary: 3 passed, 1 failed",
        "Ready for: None",
        "Status: VALIDATION FAILED",
        "=".repeat(60),
        "",
      ].join("\n"),
    );
  });

  it("says ALL CHECKS PASSED only when every check passed", function () {
    const text = formatReport({ image: "i", results: [pass("image_exists"), pass("entrypoint"), pass("script_start_nbctl.sh")] });
    assert.match(text, /Summary: 3 passed, 0 failed\nReady for: ML Jobs, Notebooks\nStatus: ALL CHECKS PASSED\n/);
  });

  it("is ready for ML Jobs when only a notebook script failed, for nothing when another check failed", function () {
    assert.equal(readyFor({ image: "i", results: [pass("image_exists"), pass("entrypoint"), fail("script_start_nbctl.sh")] }), "ML Jobs");
    assert.equal(readyFor({ image: "i", results: [pass("image_exists"), pass("entrypoint")] }), "ML Jobs");
    assert.equal(readyFor({ image: "i", results: [fail("image_exists")] }), "None");
    assert.equal(readyFor({ image: "i", results: [pass("image_exists"), fail("dependency_health"), pass("script_start_nbctl.sh")] }), "None");
  });
});

describe("mandatory packages", function () {
  it("compare as the validator compares: lower case, '_' as '-', '.' kept", function () {
    assert.equal(normalizePackageName("Jinja2"), "jinja2");
    assert.equal(normalizePackageName("jupyter_server"), "jupyter-server");
    assert.equal(normalizePackageName("Snowflake_ML_Python"), "snowflake-ml-python");
    assert.equal(normalizePackageName("snowflake.core"), "snowflake.core");
  });

  it("are the validator's 15, which include the documentation's 10 (extras such as [pandas] are not visible to pip list)", function () {
    assert.equal(MANDATORY_PACKAGES.length, 15);
    for (const p of DOCUMENTED_PACKAGES) assert.ok(MANDATORY_PACKAGES.includes(p), p);
  });

  it("are all installed in the ML runtime stand-in, each as a distribution pip reads", function () {
    const installed = new Set(RUNTIME_DISTRIBUTIONS.map((d) => normalizePackageName(d.name)));
    for (const p of MANDATORY_PACKAGES) assert.ok(installed.has(normalizePackageName(p)), p);
    const files = distributionFiles({ name: "snowflake.core", version: "1.7.0", module: "snowflake/core", requires: ["snowflake-connector-python"] });
    assert.equal(distInfoDir({ name: "snowflake.core", version: "1.7.0" }), "snowflake_core-1.7.0.dist-info");
    assert.deepEqual(Object.keys(files).sort(), [
      "snowflake/core/__init__.py",
      "snowflake_core-1.7.0.dist-info/INSTALLER",
      "snowflake_core-1.7.0.dist-info/METADATA",
      "snowflake_core-1.7.0.dist-info/RECORD",
      "snowflake_core-1.7.0.dist-info/WHEEL",
      "snowflake_core-1.7.0.dist-info/top_level.txt",
    ]);
    assert.equal(files["snowflake_core-1.7.0.dist-info/METADATA"], "Metadata-Version: 2.1\nName: snowflake.core\nVersion: 1.7.0\nRequires-Dist: snowflake-connector-python\n");
    assert.match(files["snowflake_core-1.7.0.dist-info/RECORD"], /^snowflake_core-1\.7\.0\.dist-info\/RECORD,,$/m);
  });
});
