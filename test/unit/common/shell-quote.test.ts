import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { shellQuote } from "../../../provider/common/shell-quote";

describe("shellQuote", function () {
  it("makes any text one sh word that prints back unchanged", function () {
    this.timeout(60_000); // one sh per run, on a busy machine
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }).filter((s) => !s.includes("\0")), (text) => {
        const out = spawnSync("sh", ["-c", `printf '%s' ${shellQuote(text)}`], { encoding: "utf8" });
        assert.equal(out.status, 0);
        assert.equal(out.stdout, text);
      }),
      { seed: 20261202, numRuns: 60 },
    );
  });

  it("refuses a NUL, which no sh word can carry", function () {
    assert.throws(() => shellQuote("a\0b"), /NUL/);
  });
});
