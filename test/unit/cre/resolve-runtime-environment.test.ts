import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isSpcsError } from "../../../provider/common/errors";
import { parseCreReference, resolveRuntimeEnvironment, isCreReference } from "../../../provider/objects/runtime-environments/resolve-runtime-environment";
import { Platform } from "../../../provider/platform/platform";

/** The refusals that need only the catalog; the registry-backed ones are in the integration tests. */
describe("resolveRuntimeEnvironment (catalog-only refusals)", function () {
  let home: string;
  let platform: Platform;
  before(function () {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-unit-cre-"));
    // Port 9 (discard) on loopback: nothing these tests do may reach a registry.
    platform = new Platform({ home, registry: "127.0.0.1:9", account: "TEST" });
    const row = {
      name: "OLD_RT", imagePath: "/db/s/r/rt:1", imageName: "rt", tag: "1", digest: "sha256:" + "a".repeat(64), image: "/db/s/r/rt:1",
      baseImageType: "CPU" as const, creStatus: "DEPRECATED" as const, comment: null, validationReport: [], createdOn: "t", updatedOn: "t", owner: "ACCOUNTADMIN",
    };
    platform.catalog.write(() => platform.catalog.runtimeEnvironments.insert(row));
  });
  after(function () {
    platform.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  async function refusal(ref: string): Promise<{ code: string; message: string }> {
    try {
      await resolveRuntimeEnvironment(platform, ref);
    } catch (e) {
      assert.ok(isSpcsError(e), String(e));
      return { code: e.code, message: e.message };
    }
    assert.fail(`'${ref}' resolved`);
  }

  it("takes cre@NAME with the prefix in any case and the name upper-cased", function () {
    assert.equal(parseCreReference("cre@my_rt"), "MY_RT");
    assert.equal(parseCreReference("  CRE@My_Rt "), "MY_RT");
    assert.equal(isCreReference("Cre@x"), true);
    assert.equal(isCreReference("2.7.2"), false);
    assert.equal(isCreReference("/db/s/r/img:1"), false);
  });

  it("refuses what is not cre@NAME, saying the accepted form", async function () {
    for (const ref of ["MY_RT", "/db/s/r/img:1", "cre@", "cre@1abc", "cre@a-b", "cre:MY_RT"]) {
      const r = await refusal(ref);
      assert.equal(r.code, "invalid-runtime-environment", ref);
      assert.match(r.message, new RegExp(`^Invalid runtime environment '${ref.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}'`));
      assert.match(r.message, /fix: write cre@<NAME>, e\.g\. cre@MY_RUNTIME/);
    }
    assert.match((await refusal("cre@1abc")).message, /the name after cre@ '1abc' is not an unquoted identifier/);
  });

  it("refuses an unknown CRE in SPCS's words, with how to create or find one", async function () {
    const r = await refusal("cre@nope");
    assert.equal(r.code, "does-not-exist");
    assert.match(r.message, /^Custom runtime environment 'NOPE' does not exist or not authorized\.\n  fix: create it first/);
  });

  it("refuses a DEPRECATED CRE: it can no longer be used for new jobs", async function () {
    const r = await refusal("cre@old_rt");
    assert.equal(r.code, "runtime-environment-deprecated");
    assert.match(r.message, /^Custom runtime environment 'OLD_RT' is DEPRECATED and can no longer be used for new jobs\./);
    assert.match(r.message, /spcs alter custom-runtime-environment OLD_RT set-status RESOLVED/);
  });
});
