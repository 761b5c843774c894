import assert from "node:assert/strict";
import fc from "fast-check";
import { AUTOSCALE_DEFAULTS, desiredInstances, nextScalingStep } from "../../../provider/model/autoscaling";

const settings = { ...AUTOSCALE_DEFAULTS, scaleUpDelaySecs: 30, scaleDownDelaySecs: 300 };

describe("model: CPU autoscaling decision", function () {
  it("spreads the measured load at the 0.8 target, within MIN and MAX", function () {
    assert.equal(desiredInstances([0.1], 1, 1, 5, 0.8), 1);
    assert.equal(desiredInstances([0.8], 1, 1, 5, 0.8), 1, "exactly at the target asks for no more");
    assert.equal(desiredInstances([0.9], 1, 1, 5, 0.8), 2);
    assert.equal(desiredInstances([2, 2], 2, 1, 5, 0.8), 5);
    assert.equal(desiredInstances([4, 4, 4], 3, 1, 5, 0.8), 5, "never above MAX");
    assert.equal(desiredInstances([0, 0, 0], 3, 2, 5, 0.8), 2, "never below MIN");
  });

  it("never shrinks while an instance is not measured yet (just started)", function () {
    assert.equal(desiredInstances([0], 3, 1, 5, 0.8), 3);
    assert.equal(desiredInstances([2], 2, 1, 5, 0.8), 3, "but grows");
  });

  it("is always within [MIN, MAX] (property)", function () {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { maxLength: 10 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 5 }), (loads, min, extra) => {
        const max = min + extra;
        const d = desiredInstances(loads, Math.max(loads.length, min), min, max, 0.8);
        return d >= min && d <= max;
      }),
      { seed: 15, numRuns: 200 },
    );
  });

  it("acts on a wish only once it has lasted its delay, and forgets it when the load changes its mind", function () {
    const first = nextScalingStep(undefined, 1, 3, 1000, settings);
    assert.deepEqual(first, { wish: { direction: "up", since: 1000 } });
    assert.deepEqual(nextScalingStep(first.wish, 1, 3, 30_999, settings), { wish: { direction: "up", since: 1000 } });
    assert.deepEqual(nextScalingStep(first.wish, 1, 2, 31_000, settings), { scaleTo: 2 }, "scales to what the load asks now");
    const down = nextScalingStep(first.wish, 3, 1, 40_000, settings);
    assert.deepEqual(down, { wish: { direction: "down", since: 40_000 } }, "a reversed wish starts over");
    assert.deepEqual(nextScalingStep(down.wish, 3, 1, 339_999, settings).scaleTo, undefined);
    assert.deepEqual(nextScalingStep(down.wish, 3, 1, 340_000, settings).scaleTo, 1);
    assert.deepEqual(nextScalingStep(down.wish, 3, 3, 340_000, settings), {}, "no wish when the count is right");
  });
});
