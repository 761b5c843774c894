import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UNKNOWN } from "../../../provider/common/unknown";
import { driftFromPreview, parseStackTarget, shortValue } from "../../../provider/cli/estate-drift";

/** The shape `pulumi preview --refresh --json` prints (steps trimmed to the fields read). */
const urn = (type: string, name: string) => `urn:pulumi:prod::spcs-promotion::${type}::${name}`;
const PLAN = {
  steps: [
    { op: "same", urn: urn("pulumi:pulumi:Stack", "spcs-promotion-prod") },
    { op: "refresh", urn: urn("pulumi-nodejs:dynamic/spcs:ComputePool", "pool") },
    {
      op: "update",
      urn: urn("pulumi-nodejs:dynamic/spcs:ComputePool", "pool"),
      oldState: { type: "pulumi-nodejs:dynamic/spcs:ComputePool", inputs: { __provider: "a", name: "P", suspended: true }, outputs: { state: "SUSPENDED" } },
      newState: { type: "pulumi-nodejs:dynamic/spcs:ComputePool", inputs: { __provider: "b", name: "P", suspended: false } },
    },
    {
      op: "update",
      urn: urn("pulumi-nodejs:dynamic/spcs:Image", "app"),
      oldState: { type: "pulumi-nodejs:dynamic/spcs:Image", inputs: { tag: "prod" }, outputs: { drift: ["tag prod was deleted from x/app out of band"] } },
      newState: { type: "pulumi-nodejs:dynamic/spcs:Image", inputs: { tag: "prod" } },
    },
    { op: "create", urn: urn("pulumi-nodejs:dynamic/spcs:ImageRepository", "images"), newState: { type: "pulumi-nodejs:dynamic/spcs:ImageRepository" } },
    { op: "read", urn: urn("pulumi:pulumi:StackReference", "organization/spcs-promotion/dev") },
  ],
};

describe("spcs drift: reading pulumi's plan", function () {
  it("reports each resource the plan changes, with the inputs that differ and the provider's drift lines", function () {
    assert.deepEqual(driftFromPreview(PLAN).map((r) => [r.type, r.name, r.op, r.fields]), [
      ["spcs:ComputePool", "pool", "update", [{ field: "suspended", platform: true, code: false }]],
      ["spcs:Image", "app", "update", [{ field: "drift", detail: "tag prod was deleted from x/app out of band" }]],
      ["spcs:ImageRepository", "images", "create", [{ field: "(resource)", detail: "not on the platform: deleted out of band, or not deployed yet" }]],
    ]);
  });

  it("a plan without changes is clean", function () {
    assert.deepEqual(driftFromPreview({ steps: PLAN.steps.filter((s) => s.op !== "update" && s.op !== "create") }), []);
  });

  it("shows values short, and an unknown one as known after up", function () {
    assert.equal(shortValue(true), "true");
    assert.equal(shortValue("x".repeat(100)).length, 60);
    assert.equal(shortValue(UNKNOWN), "(known after up)");
  });

  it("takes DIR:STACK, and refuses a folder without a Pulumi program", function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-drift-unit-"));
    try {
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: x\nruntime: nodejs\n");
      assert.deepEqual(parseStackTarget(`${dir}:prod`), { dir, stack: "prod" });
      assert.throws(() => parseStackTarget(`${os.tmpdir()}:prod`), /holds no Pulumi.yaml/);
      assert.throws(() => parseStackTarget("prod"), /expected --stack DIR:STACK/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
