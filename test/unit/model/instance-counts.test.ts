import { strict as assert } from "node:assert";
import fc from "fast-check";
import { instanceCountViolations } from "../../../provider/model/instance-counts";

describe("instance counts (SPCS's MIN/MAX/MIN_READY_INSTANCES rule)", () => {
  it("accepts exactly 1 <= MIN_READY <= MIN <= MAX, whole numbers (property, seeded)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 8 }), fc.integer({ min: -3, max: 8 }), fc.integer({ min: -3, max: 8 }), (min, max, ready) => {
        const valid = min >= 1 && max >= min && ready >= 1 && ready <= min;
        assert.equal(instanceCountViolations(min, max, ready).length === 0, valid);
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it("names the property in SPCS's words and the fix in the caller's", () => {
    const [v] = instanceCountViolations(2, 1, 1, (p) => p.toLowerCase());
    assert.equal(v.property, "MAX_INSTANCES");
    assert.equal(v.message, "invalid property combination 'MIN_INSTANCES'='2' and 'MAX_INSTANCES'='1'");
    assert.equal(v.fix, "max_instances must be at least min_instances");
    assert.deepEqual(instanceCountViolations(1.5, 2, 2).map((x) => x.property), ["MIN_INSTANCES", "MIN_READY_INSTANCES"]);
  });

  it("does not check or compare a count not known yet", () => {
    assert.deepEqual(instanceCountViolations(undefined, 0, 5), []);
    assert.deepEqual(instanceCountViolations(2, undefined, undefined), []);
  });
});
