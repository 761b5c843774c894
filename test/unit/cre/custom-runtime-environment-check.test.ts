import assert from "node:assert/strict";
import { customRuntimeEnvironmentProvider as provider } from "../../../provider/pulumi/custom-runtime-environment-provider";

describe("CustomRuntimeEnvironment check and diff", function () {
  it("defaults creStatus to RESOLVED, upper-cases name and enums, and auto-names from the resource name", async function () {
    const { inputs, failures } = await provider.check({}, { imagePath: "/db/s/r/rt:1", baseImageType: "cpu" as any, __resourceName: "my-runtime" });
    assert.deepEqual(failures, []);
    assert.equal(inputs!.creStatus, "RESOLVED");
    assert.equal(inputs!.baseImageType, "CPU");
    assert.match(inputs!.name, /^MY_RUNTIME_[0-9A-F]{7}$/);
    const named = await provider.check({}, { name: "my_rt", imagePath: "/db/s/r/rt:1", baseImageType: "GPU", creStatus: "deprecated" as any });
    assert.equal(named.inputs!.name, "MY_RT");
    assert.equal(named.inputs!.creStatus, "DEPRECATED");
  });

  it("names the field and the fix for each bad input", async function () {
    const { failures } = await provider.check({}, { name: "bad-name", imagePath: "db/s/r/rt:1", baseImageType: "TPU" as any, creStatus: "ACTIVE" as any });
    assert.deepEqual(failures!.map((f) => f.property), ["name", "imagePath", "baseImageType", "creStatus"]);
    assert.match(failures![0].reason, /^CustomRuntimeEnvironment name: 'BAD-NAME' is not an unquoted identifier/);
    assert.match(failures![1].reason, /^CustomRuntimeEnvironment imagePath: Invalid IMAGE_PATH 'db\/s\/r\/rt:1'\. Fix: use '\/<db>\/<schema>\/<repository>\/<image>:<tag>'/);
    assert.equal(failures![2].reason, "CustomRuntimeEnvironment baseImageType: invalid value 'TPU' for property 'BASE_IMAGE_TYPE'. Fix: use CPU or GPU.");
    assert.equal(failures![3].reason, "CustomRuntimeEnvironment creStatus: invalid value 'ACTIVE' for property 'CRE_STATUS'. Fix: use RESOLVED or DEPRECATED.");
    const missing = await provider.check({}, {});
    assert.deepEqual(missing.failures!.map((f) => f.property), ["imagePath", "baseImageType"]);
  });

  it("refuses an IMAGE_PATH pinned by digest: a CRE records the digest of a tag", async function () {
    const { failures } = await provider.check({}, { imagePath: `/db/s/r/rt@sha256:${"b".repeat(64)}`, baseImageType: "CPU" });
    assert.equal(failures![0].property, "imagePath");
  });

  it("replaces on name, imagePath or baseImageType (dropping first when the name stays), alters status and comment in place", async function () {
    const olds = { name: "RT", imagePath: "/db/s/r/rt:1", baseImageType: "CPU", creStatus: "RESOLVED", comment: null } as any;
    assert.deepEqual(await provider.diff("RT", olds, { ...olds, imagePath: "/db/s/r/rt:2" }), { changes: true, replaces: ["imagePath"], deleteBeforeReplace: true });
    assert.deepEqual(await provider.diff("RT", olds, { ...olds, name: "RT2" }), { changes: true, replaces: ["name"], deleteBeforeReplace: false });
    assert.deepEqual(await provider.diff("RT", olds, { ...olds, creStatus: "DEPRECATED" }), { changes: true, replaces: [], deleteBeforeReplace: false });
    assert.deepEqual(await provider.diff("RT", olds, { ...olds }), { changes: false, replaces: [], deleteBeforeReplace: false });
  });
});
