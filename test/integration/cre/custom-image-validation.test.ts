import assert from "node:assert/strict";
import { managedLabels } from "../../../provider/common/labels";
import { MANDATORY_PACKAGES } from "../../../provider/objects/runtime-environments/image-requirements";
import { validateImage } from "../../../provider/objects/runtime-environments/validate-image";
import { formatReport } from "../../../provider/objects/runtime-environments/validation-report";
import { spcsCli } from "../../support/pulumi-program";
import { BROKEN_IMAGES, brokenImage, runtimeImage, type BrokenImage } from "../../support/runtime-images";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

/** Every check, in the validator's order, that a good image passes: 20 in all, as Snowflake's guide counts them. */
const ALL_CHECKS = ["image_exists", "entrypoint", "env_DASHBOARD_PORT", ...MANDATORY_PACKAGES.map((p) => `pkg_${p}`), "dependency_health", "script_start_nbctl.sh"];

/**
 * The client-side validator (`spcs custom-image validate`) on real images in the engine: the platform's
 * ML runtime stand-in passes every check; each broken variant fails exactly its check.
 */
describe("integration: custom image validation", function () {
  let tp: TestPlatform;
  const images: Partial<Record<BrokenImage, string>> = {};
  const validate = (image: string) => validateImage(tp.platform.docker, image, { labels: managedLabels(tp.config.home, "validation-container", image) });

  before(async function () {
    tp = await startTestPlatform("it-cre-validate", { runtimeImage: true });
    const started = Date.now();
    for (const name of Object.keys(BROKEN_IMAGES) as BrokenImage[]) images[name] = await brokenImage(tp.platform.docker, name);
    console.log(`      (broken variants ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  });
  after(async () => tp?.dispose());

  it("passes the platform's ML runtime stand-in: all 20 checks, ready for ML Jobs and Notebooks", async function () {
    const started = Date.now();
    const report = await validate(runtimeImage(tp));
    console.log(`      (validation took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    assert.deepEqual(report.results.map((r) => r.check), ALL_CHECKS);
    assert.deepEqual(report.results.filter((r) => !r.passed), []);
    const text = formatReport(report);
    assert.match(text, /\[PASS\] pkg_snowflake\.core: Package 'snowflake\.core' is installed\n/);
    assert.match(text, /\[PASS\] dependency_health: No broken dependencies found\n/);
    assert.match(text, /Summary: 20 passed, 0 failed\nReady for: ML Jobs, Notebooks\nStatus: ALL CHECKS PASSED\n/);
  });

  for (const [name, { failing }] of Object.entries(BROKEN_IMAGES)) {
    it(`fails ${failing.join(", ")} for the ${name} image, and nothing else`, async function () {
      const report = await validate(images[name as BrokenImage]!);
      assert.deepEqual(report.results.filter((r) => !r.passed).map((r) => r.check), failing);
    });
  }

  it("stops after a wrong entrypoint, as the validator does: nothing else can run", async function () {
    const report = await validate(images["wrong-entrypoint"]!);
    assert.deepEqual(report.results, [
      { check: "image_exists", passed: true, message: `Image '${images["wrong-entrypoint"]}' found` },
      { check: "entrypoint", passed: false, message: "Entrypoint mismatch. Expected: /usr/local/bin/entrypoint.sh, Actual: /bin/sh" },
    ]);
  });

  it("words each failure as the validator does", async function () {
    const many = await validate(images["many-problems"]!);
    const failed = Object.fromEntries(many.results.filter((r) => !r.passed).map((r) => [r.check, r.message]));
    assert.equal(failed["env_DASHBOARD_PORT"], "Environment variable 'DASHBOARD_PORT' not found. Expected: DASHBOARD_PORT=12003");
    assert.equal(failed["pkg_xgboost-ray"], "Package 'xgboost-ray' is not installed");
    assert.equal(failed["dependency_health"], "Broken dependencies detected:\nlegacy-notebook-extension 0.3.0 has requirement notebook<7, but you have notebook 7.4.4.");
  });

  it("reports a missing image as the one failed check", async function () {
    const report = await validate("spcs-cre-test/no-such-image:1");
    assert.deepEqual(report.results, [{ check: "image_exists", passed: false, message: "Image 'spcs-cre-test/no-such-image:1' not found. Please ensure the image exists locally." }]);
  });

  it("leaves no validation container behind", async function () {
    assert.deepEqual(await tp.platform.docker.listContainers([`com.pulumi-spcs.home=${tp.config.home}`, "com.pulumi-spcs.kind=validation-container"]), []);
  });

  describe("spcs custom-image validate", function () {
    it("prints the report and exits 0 for a good image", function () {
      const r = spcsCli(tp, ["custom-image", "validate", runtimeImage(tp)]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`Image Validation Report: ${runtimeImage(tp).replace(/[.]/g, "\\.")}\n`));
      assert.match(r.stdout, /Status: ALL CHECKS PASSED/);
      assert.equal(r.stderr, "");
    });

    it("prints the report and exits 1 with the number of errors for a broken image", function () {
      const r = spcsCli(tp, ["custom-image", "validate", images["many-problems"]!]);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /\[FAIL\] env_DASHBOARD_PORT: /);
      assert.match(r.stdout, /Summary: 17 passed, 3 failed\nReady for: None\nStatus: VALIDATION FAILED/);
      assert.equal(r.stderr, "error: Image validation failed with 3 error(s).\n");
    });

    it("gives scripts the results as JSON", function () {
      const r = spcsCli(tp, ["--format", "json", "custom-image", "validate", images["missing-package"]!]);
      assert.equal(r.code, 1);
      const json = JSON.parse(r.stdout);
      assert.equal(json.image, images["missing-package"]);
      assert.equal(json.failed, 1);
      assert.equal(json.passed, 19);
      assert.equal(json.ready_for, "None");
      assert.equal(json.status, "VALIDATION FAILED");
      assert.deepEqual(json.results.find((x: { check: string }) => x.check === "pkg_xgboost-ray"), { check: "pkg_xgboost-ray", passed: false, message: "Package 'xgboost-ray' is not installed" });
    });
  });
});
