import assert from "node:assert/strict";
import fc from "fast-check";
import { batchBodies, batchHeaders, batchResults, contextHeaderName } from "../../../provider/model/service-function-batches";

describe("service function batches (SPCS's remote service data format)", function () {
  it("splits rows into batches of at most MAX_BATCH_ROWS, indexed from 0, keeping every row in order (property)", function () {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer(), fc.string()), { maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (rows, max) => {
        const bodies = batchBodies(rows, max);
        assert.ok(bodies.every((b) => b.data.length >= 1 && b.data.length <= max));
        assert.ok(bodies.every((b) => b.data.every((r, i) => r[0] === i)));
        assert.deepEqual(bodies.flatMap((b) => b.data.map((r) => r.slice(1))), rows);
      }),
      { seed: 20261207, numRuns: 200 },
    );
  });

  it("reads answers by row index, in any order, and says what is wrong with a bad one", function () {
    assert.deepEqual(batchResults({ data: [[1, "b"], [0, "a"], [2, null]] }, 3), ["a", "b", null]);
    assert.match(batchResults({ rows: [] }, 1) as string, /"data" array/);
    assert.match(batchResults({ data: [[0, "a"]] }, 2) as string, /1 rows for the 2 rows sent/);
    assert.match(batchResults({ data: [[0, "a"], [0, "b"]] }, 2) as string, /row index 0 is not one of/);
    assert.match(batchResults({ data: [["a"]] }, 1) as string, /not \[rowIndex, result\]/);
  });

  it("sends the sf-external-function headers and one sf-context header per context function", function () {
    const h = batchHeaders({
      name: "ECHO", signature: "(A VARCHAR)", returns: "VARCHAR", queryId: "q1", batchId: "q1-0", contextHeaders: ["CURRENT_USER", "CURRENT_STATEMENT"],
      context: { CURRENT_USER: "tester", CURRENT_STATEMENT: "select 'é'" },
    });
    assert.equal(h["sf-external-function-current-query-id"], "q1");
    assert.equal(h["sf-external-function-query-batch-id"], "q1-0");
    assert.equal(h["sf-external-function-name-base64"], Buffer.from("ECHO").toString("base64"));
    assert.equal(h["sf-context-current-user"], "tester");
    assert.equal(Buffer.from(h["sf-context-current-statement"], "base64").toString("utf8"), "select 'é'");
    assert.equal(contextHeaderName("CURRENT_TIMESTAMP"), "sf-context-current-timestamp");
  });
});
