import assert from "node:assert/strict";
import { itExitsWithUsageError, runWithoutPlatform } from "./usage-harness";

describe("cli usage: custom runtime environments and custom images", function () {
  itExitsWithUsageError([
    [["create", "custom-runtime-environment", "rt", "--base-image-type", "CPU"], /required option '--image-path <path>' not specified/],
    [["create", "custom-runtime-environment", "rt", "--image-path", "/db/s/r/i:1"], /required option '--base-image-type <type>' not specified/],
    [["create", "custom-runtime-environment", "rt", "--image-path", "/db/s/r/i:1", "--base-image-type", "TPU"], /--base-image-type must be CPU or GPU/],
    [["alter", "custom-runtime-environment", "rt", "suspend", "RESOLVED"], /'suspend' is invalid for argument 'action'. Use set-status/],
    [["alter", "custom-runtime-environment", "rt", "set-status", "ACTIVE"], /CRE_STATUS must be RESOLVED or DEPRECATED/],
    [["alter", "custom-runtime-environment", "rt", "set-status"], /missing required argument 'status'/],
    [["describe", "custom-runtime-environment"], /missing required argument 'name'/],
    [["custom-image", "validate"], /missing required argument 'image'/],
  ]);

  it("refuses a name that is not an unquoted identifier as an SPCS error (exit 1), before opening the platform", async function () {
    const r = await runWithoutPlatform("drop", "custom-runtime-environment", "bad-name");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Custom runtime environment name 'bad-name' is not an unquoted identifier/);
  });

  it("lists the commands in help", async function () {
    const show = await runWithoutPlatform("show", "--help");
    assert.match(show.stdout, /custom-runtime-environments/);
    const top = await runWithoutPlatform("--help");
    assert.match(top.stdout, /\n  custom-image\b/);
  });
});
