import assert from "node:assert/strict";
import { isSpcsError } from "../../../provider/common/errors";
import { resolveRuntimeEnvironment } from "../../../provider/objects/runtime-environments/resolve-runtime-environment";
import { configurePlatform } from "../../../provider/platform/current-platform";
import { baseImageRepo } from "../../../provider/model/platform-images";
import { customRuntimeEnvironmentProvider as provider } from "../../../provider/pulumi/custom-runtime-environment-provider";
import {
  alterRuntimeEnvironmentStatus, createRuntimeEnvironment, dropRuntimeEnvironment, showRuntimeEnvironments,
} from "../../../provider/objects/runtime-environments/custom-runtime-environments";
import { dropRepository } from "../../../provider/objects/image-repositories/image-repositories";
import { spcsCli } from "../../support/pulumi-program";
import { brokenImage, pushAs, runtimeImage } from "../../support/runtime-images";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const RUNTIME = "/cre_db/public/images/runtime:1";
const BROKEN = "/cre_db/public/images/broken:1";

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    assert.ok(isSpcsError(e), String(e));
    return { code: e.code, message: e.message };
  }
  assert.fail("expected a refusal");
}

/**
 * CUSTOM RUNTIME ENVIRONMENT through the provider, the statements, the CLI and resolveRuntimeEnvironment,
 * against a real engine and registry: server-side validation at create, the digest recorded, ALTER in
 * place, drift seen by refresh, DROP leaving the image, and every refusal of a cre@ reference.
 */
describe("integration: custom runtime environments", function () {
  let tp: TestPlatform;
  let runtimeDigest: string;

  before(async function () {
    tp = await startTestPlatform("it-cre", { runtimeImage: true });
    configurePlatform((k) => ({ "spcs:home": tp.config.home, "spcs:registry": tp.config.registry })[k]);
    runtimeDigest = await pushAs(tp, runtimeImage(tp), RUNTIME);
    await pushAs(tp, await brokenImage(tp.platform.docker, "many-problems"), BROKEN);
  });
  after(async () => tp?.dispose());

  describe("the provider", function () {
    let outs: any;

    it("creates a RESOLVED CRE after validating the image, recording the tag's digest", async function () {
      const { inputs, failures } = await provider.check({}, { name: "it_runtime", imagePath: RUNTIME, baseImageType: "CPU", __resourceName: "rt" });
      assert.deepEqual(failures, []);
      const started = Date.now();
      const created = await provider.create(inputs!);
      console.log(`      (create with server-side validation took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      outs = created.outs;
      assert.equal(created.id, "IT_RUNTIME");
      assert.equal(outs.creStatus, "RESOLVED");
      assert.equal(outs.digest, runtimeDigest);
      assert.equal(outs.imageName, "runtime");
      assert.equal(outs.tag, "1");
      assert.equal(outs.image, RUNTIME);
      assert.equal(outs.baseImageType, "CPU");
      assert.equal(outs.owner, "ACCOUNTADMIN");
      assert.equal(outs.validationReport.length, 20);
      assert.ok(outs.validationReport.every((r: { passed: boolean }) => r.passed));
      assert.deepEqual(showRuntimeEnvironments(tp.platform).map((d) => [d.name, d.creStatus, d.digest]), [["IT_RUNTIME", "RESOLVED", runtimeDigest]]);
    });

    it("alters the status in place, keeping the object and its digest", async function () {
      const { inputs: news } = await provider.check(outs, { ...outs, creStatus: "DEPRECATED" });
      assert.deepEqual((await provider.diff("IT_RUNTIME", outs, news!)).replaces, []);
      const { outs: updated } = await provider.update("IT_RUNTIME", outs, news!);
      assert.equal(updated.creStatus, "DEPRECATED");
      assert.equal(updated.createdOn, outs.createdOn);
      assert.equal(updated.digest, runtimeDigest);
      assert.equal(tp.platform.catalog.runtimeEnvironments.get("IT_RUNTIME")!.creStatus, "DEPRECATED");
      outs = updated;
    });

    it("reads back a status changed out of band, and a CRE dropped out of band as gone", async function () {
      alterRuntimeEnvironmentStatus(tp.platform, "it_runtime", "RESOLVED");
      const read = await provider.read("IT_RUNTIME", outs);
      assert.equal(read.props!.creStatus, "RESOLVED");
      assert.equal(read.inputs!.creStatus, "RESOLVED");
      dropRuntimeEnvironment(tp.platform, "IT_RUNTIME");
      assert.deepEqual(await provider.read("IT_RUNTIME", outs), {});
    });

    it("deletes the object only: the image stays in its repository", async function () {
      const { inputs } = await provider.check({}, { name: "it_runtime2", imagePath: RUNTIME, baseImageType: "CPU" });
      const created = await provider.create(inputs!);
      await provider.delete(created.id, created.outs);
      assert.equal(tp.platform.catalog.runtimeEnvironments.get("IT_RUNTIME2"), undefined);
      assert.equal((await tp.platform.registry.resolve("cre_db/public/images/runtime", "1"))?.digest, runtimeDigest);
      await provider.delete(created.id, created.outs); // a second delete (a retried destroy) is fine
    });

    it("refuses an image that fails validation, listing every failed check, and creates nothing", async function () {
      const { inputs } = await provider.check({}, { name: "it_broken", imagePath: BROKEN, baseImageType: "CPU" });
      const r = await refusal(provider.create(inputs!));
      assert.equal(r.code, "cre-validation-failed");
      assert.match(r.message, /^Custom runtime environment 'IT_BROKEN' was not created: image '\/cre_db\/public\/images\/broken:1' failed 3 of 20 validation checks:\n/);
      assert.match(r.message, /\n  \[FAIL\] env_DASHBOARD_PORT: Environment variable 'DASHBOARD_PORT' not found\. Expected: DASHBOARD_PORT=12003\n/);
      assert.match(r.message, /\n  \[FAIL\] pkg_xgboost-ray: Package 'xgboost-ray' is not installed\n/);
      assert.match(r.message, /\n  \[FAIL\] dependency_health: Broken dependencies detected:\n    legacy-notebook-extension 0\.3\.0 has requirement notebook<7, but you have notebook 7\.4\.4\.\n/);
      assert.match(r.message, /fix: fix the image \(build it FROM \/snowflake\/images\/snowflake_images\/container_runtime\/cpu_x86_64:2\.7\.2/);
      assert.doesNotMatch(r.message, /\[PASS\]/);
      assert.equal(tp.platform.catalog.runtimeEnvironments.get("IT_BROKEN"), undefined);
    });

    it("refuses an image that is not in its repository as the failed image_exists check", async function () {
      const r = await refusal(createRuntimeEnvironment(tp.platform, { name: "it_missing", imagePath: "/cre_db/public/images/runtime:nope", baseImageType: "CPU" }));
      assert.match(r.message, /failed 1 of 1 validation checks:\n  \[FAIL\] image_exists: Image '\/cre_db\/public\/images\/runtime:nope' not found in image repository CRE_DB\.PUBLIC\.IMAGES\. Push it first/);
      const repo = await refusal(createRuntimeEnvironment(tp.platform, { name: "it_missing", imagePath: "/no_db/public/images/runtime:1", baseImageType: "CPU" }));
      assert.match(repo.message, /^Image repository 'NO_DB\.PUBLIC\.IMAGES' does not exist or not authorized\./);
    });
  });

  describe("resolveRuntimeEnvironment (what a job submission calls)", function () {
    before(async function () {
      await createRuntimeEnvironment(tp.platform, { name: "job_rt", imagePath: RUNTIME, baseImageType: "CPU" });
    });

    it("returns the image pinned by the recorded digest, for cre@NAME in any case", async function () {
      assert.deepEqual(await resolveRuntimeEnvironment(tp.platform, "CRE@job_rt"), {
        name: "JOB_RT",
        imagePath: RUNTIME,
        digest: runtimeDigest,
        pullRef: `${tp.config.registry}/cre_db/public/images/runtime@${runtimeDigest}`,
        baseImageType: "CPU",
      });
      await tp.platform.docker.pullImage(`${tp.config.registry}/cre_db/public/images/runtime@${runtimeDigest}`); // the engine can pull it
    });

    it("refuses a malformed reference, an unknown CRE and a DEPRECATED one", async function () {
      assert.equal((await refusal(resolveRuntimeEnvironment(tp.platform, "job_rt"))).code, "invalid-runtime-environment");
      assert.equal((await refusal(resolveRuntimeEnvironment(tp.platform, "cre@nope"))).code, "does-not-exist");
      alterRuntimeEnvironmentStatus(tp.platform, "job_rt", "DEPRECATED");
      const r = await refusal(resolveRuntimeEnvironment(tp.platform, "cre@job_rt"));
      alterRuntimeEnvironmentStatus(tp.platform, "job_rt", "RESOLVED");
      assert.equal(r.code, "runtime-environment-deprecated");
      assert.match(r.message, /can no longer be used for new jobs/);
    });

    it("rejects the submission once the tag points to another image, until the CRE is recreated", async function () {
      const moving = "/cre_db/public/images/moving:1";
      const registered = await pushAs(tp, runtimeImage(tp), moving);
      await createRuntimeEnvironment(tp.platform, { name: "moving_rt", imagePath: moving, baseImageType: "CPU" });
      const moved = await pushAs(tp, `${baseImageRepo(tp.config)}:latest`, moving);
      assert.notEqual(moved, registered);
      const r = await refusal(resolveRuntimeEnvironment(tp.platform, "cre@moving_rt"));
      assert.equal(r.code, "runtime-environment-digest-mismatch");
      assert.equal(
        r.message.split("\n")[0],
        `Job submission rejected: the image '${moving}' of custom runtime environment 'MOVING_RT' was modified after the custom runtime environment was registered (registered digest ${registered}, the tag now points to ${moved}).`,
      );
      assert.match(r.message, /fix: recreate the custom runtime environment so it records the image's digest now: `pulumi up --replace <URN of the CustomRuntimeEnvironment MOVING_RT>`/);
      // Pushing the registered image back makes it usable again (the tag points to the recorded digest).
      await pushAs(tp, runtimeImage(tp), moving);
      assert.equal((await resolveRuntimeEnvironment(tp.platform, "cre@moving_rt")).digest, registered);
    });

    it("rejects the submission when the image, or its whole repository, is gone", async function () {
      const gone = "/cre_db/public/gone/runtime:1";
      const digest = await pushAs(tp, runtimeImage(tp), gone);
      await createRuntimeEnvironment(tp.platform, { name: "gone_rt", imagePath: gone, baseImageType: "CPU" });
      await tp.platform.registry.deleteManifest("cre_db/public/gone/runtime", digest);
      const r = await refusal(resolveRuntimeEnvironment(tp.platform, "cre@gone_rt"));
      assert.equal(r.code, "runtime-environment-image-missing");
      assert.match(r.message, /^Job submission rejected: the image '\/cre_db\/public\/gone\/runtime:1' of custom runtime environment 'GONE_RT' no longer exists in image repository CRE_DB\.PUBLIC\.GONE \(registered digest sha256:[0-9a-f]{64}\)\.\n  fix: push the image again, then recreate/);
      // The runtime image under its other path is untouched: manifests are per repository.
      assert.equal((await tp.platform.registry.resolve("cre_db/public/images/runtime", "1"))?.digest, runtimeDigest);
      await dropRepository(tp.platform, { database: "CRE_DB", schema: "PUBLIC", name: "GONE" });
      const dropped = await refusal(resolveRuntimeEnvironment(tp.platform, "cre@gone_rt"));
      assert.equal(dropped.code, "runtime-environment-image-missing");
      assert.match(dropped.message, /no longer exists: image repository CRE_DB\.PUBLIC\.GONE does not exist \(registered digest/);
    });
  });

  describe("the spcs CLI", function () {
    it("creates, shows, describes, alters and drops a CRE, and the image stays", function () {
      const create = spcsCli(tp, ["create", "custom-runtime-environment", "cli_rt", "--image-path", RUNTIME, "--base-image-type", "cpu"]);
      assert.equal(create.code, 0, create.stderr);
      assert.match(create.stdout, /Custom runtime environment CLI_RT successfully created\./);
      const show = spcsCli(tp, ["show", "custom-runtime-environments", "--like", "cli%"]);
      assert.match(show.stdout, /\| name\s+\| image_name \| tag \| cre_status \| base_image_type \| created_on\s+\|/);
      assert.match(show.stdout, /\| CLI_RT \| runtime\s+\| 1\s+\| RESOLVED\s+\| CPU\s+\| \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} [+-]\d{4} \|/);
      const wide = spcsCli(tp, ["show", "custom-runtime-environments", "--like", "cli%", "--wide"]);
      assert.match(wide.stdout, /\| name\s+\| image_name \| tag \| digest\s+\| created_on\s+\| updated_on\s+\| owner\s+\| cre_status \| base_image_type \| image\s+\|/);
      assert.match(wide.stdout, /\| CLI_RT \| runtime\s+\| 1\s+\| sha256:/);
      const json = JSON.parse(spcsCli(tp, ["--format", "json", "describe", "custom-runtime-environment", "cli_rt"]).stdout);
      assert.deepEqual(Object.keys(json), ["name", "image_name", "tag", "digest", "created_on", "updated_on", "owner", "cre_status", "base_image_type", "image"]);
      assert.equal(json.digest, runtimeDigest);
      const alter = spcsCli(tp, ["alter", "custom-runtime-environment", "cli_rt", "set-status", "deprecated"]);
      assert.equal(alter.code, 0, alter.stderr);
      assert.equal(JSON.parse(spcsCli(tp, ["--format", "json", "describe", "custom-runtime-environment", "CLI_RT"]).stdout).cre_status, "DEPRECATED");
      assert.match(spcsCli(tp, ["drop", "custom-runtime-environment", "cli_rt"]).stdout, /CLI_RT successfully dropped\./);
      assert.equal(spcsCli(tp, ["drop", "custom-runtime-environment", "cli_rt", "--if-exists"]).code, 0);
      const again = spcsCli(tp, ["drop", "custom-runtime-environment", "cli_rt"]);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /Custom runtime environment 'CLI_RT' does not exist or not authorized\./);
      assert.equal(spcsCli(tp, ["show", "images", "in", "image-repository", "cre_db.public.images", "--like", "runtime"]).code, 0);
      assert.match(spcsCli(tp, ["show", "images", "in", "image-repository", "cre_db.public.images", "--like", "runtime"]).stdout, new RegExp(runtimeDigest));
    });

    it("refuses to create from a broken image, printing every failed check, exit 1", function () {
      const r = spcsCli(tp, ["create", "custom-runtime-environment", "cli_broken", "--image-path", BROKEN, "--base-image-type", "CPU"]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /error: Custom runtime environment 'CLI_BROKEN' was not created: .*failed 3 of 20 validation checks/);
      for (const check of ["env_DASHBOARD_PORT", "pkg_xgboost-ray", "dependency_health"]) assert.match(r.stderr, new RegExp(`\\[FAIL\\] ${check}: `));
      assert.equal(JSON.parse(spcsCli(tp, ["--format", "json", "show", "custom-runtime-environments", "--like", "cli_broken"]).stdout).length, 0);
    });

    it("replaces a CRE with --or-replace, recording the digest again; refuses a duplicate without it", function () {
      assert.equal(spcsCli(tp, ["create", "custom-runtime-environment", "cli_rt2", "--image-path", RUNTIME, "--base-image-type", "CPU"]).code, 0);
      const dup = spcsCli(tp, ["create", "custom-runtime-environment", "cli_rt2", "--image-path", RUNTIME, "--base-image-type", "CPU"]);
      assert.equal(dup.code, 1);
      assert.match(dup.stderr, /Object 'CLI_RT2' already exists\./);
      assert.equal(spcsCli(tp, ["create", "custom-runtime-environment", "cli_rt2", "--image-path", RUNTIME, "--base-image-type", "GPU", "--or-replace"]).code, 0);
      assert.equal(JSON.parse(spcsCli(tp, ["--format", "json", "describe", "custom-runtime-environment", "cli_rt2"]).stdout).base_image_type, "GPU");
    });
  });
});
