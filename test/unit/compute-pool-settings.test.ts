import assert from "node:assert/strict";
import { poolProblems } from "../../provider/objects/compute-pools/compute-pool-settings";
import { findInstanceFamily, INSTANCE_FAMILIES } from "../../provider/model/instance-families";

describe("compute pool settings", function () {
  it("accepts a documented pool", function () {
    assert.deepEqual(poolProblems({ name: "tutorial_pool", instanceFamily: "CPU_X64_XS", minNodes: 1, maxNodes: 3, autoSuspendSecs: 0 }), []);
  });

  it("rejects MIN_NODES = 0 with SPCS's message", function () {
    assert.deepEqual(poolProblems({ minNodes: 0 }), [{ property: "minNodes", message: "invalid value '0' for property 'MIN_NODES'", hint: "set minNodes to 1 or more" }]);
  });

  it("rejects MIN_NODES above MAX_NODES with SPCS's message", function () {
    const [p] = poolProblems({ minNodes: 3, maxNodes: 1 });
    assert.equal(p.property, "maxNodes");
    assert.equal(p.message, "invalid property combination 'MIN_NODES'='3' and 'MAX_NODES'='1'");
  });

  it("rejects an unknown family with SPCS's message and suggests the closest one", function () {
    const [p] = poolProblems({ instanceFamily: "CPU_X64_XL" });
    assert.equal(p.message, "Invalid instance family CPU_X64_XL. Please refer to Snowflake documentation for supported instance families.");
    assert.match(p.hint!, /^did you mean CPU_X64_(XS|L|SL)\?/);
  });

  it("rejects names that are not unquoted identifiers", function () {
    const [p] = poolProblems({ name: "my-pool" });
    assert.equal(p.property, "name");
    assert.match(p.message, /'my-pool' is not an unquoted identifier/);
  });

  it("rejects negative AUTO_SUSPEND_SECS and non-integer node counts", function () {
    assert.deepEqual(poolProblems({ autoSuspendSecs: -1, minNodes: 1.5 }).map((p) => p.property).sort(), ["autoSuspendSecs", "minNodes"]);
  });

  it("finds families case-insensitively, and every family has positive capacity", function () {
    assert.equal(findInstanceFamily("gpu_nv_s")?.gpuCount, 1);
    assert.equal(findInstanceFamily("CPU_X64_XS")?.vcpu, 1);
    assert.equal(findInstanceFamily("robot"), undefined);
    for (const f of INSTANCE_FAMILIES) assert.ok(f.vcpu > 0 && f.memoryGib > 0, f.name);
    assert.equal(new Set(INSTANCE_FAMILIES.map((f) => f.name)).size, INSTANCE_FAMILIES.length);
  });
});
