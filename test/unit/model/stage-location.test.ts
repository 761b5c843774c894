import assert from "node:assert/strict";
import * as path from "node:path";
import fc from "fast-check";
import { isSpcsError } from "../../../provider/common/errors";
import { parseStageLocation, stageHostPath } from "../../../provider/model/stage-location";

const HOME = "/home/u/.spcs";
const SERVICE = { database: "APP_DB", schema: "PUBLIC" };
const hostPath = (ref: string, defaults = SERVICE) => stageHostPath(HOME, parseStageLocation(ref, defaults));
const refused = (ref: string, pattern: RegExp) =>
  assert.throws(() => hostPath(ref), (e: unknown) => isSpcsError(e) && e.code === "invalid-stage-name" && pattern.test(e.message));

describe("stage locations: a stage reference → its folder under <home>/stages", function () {
  it("upper-cases unquoted names, keeps quoted ones, and fills database and schema from the service", function () {
    assert.equal(hostPath("@ml.models.model_stage/llm"), "/home/u/.spcs/stages/ML/MODELS/MODEL_STAGE/llm");
    assert.equal(hostPath("@models"), "/home/u/.spcs/stages/APP_DB/PUBLIC/MODELS");
    assert.equal(hostPath("@raw.models/v1/"), "/home/u/.spcs/stages/APP_DB/RAW/MODELS/v1");
    assert.equal(hostPath('@"Mixed Case"//a//b'), "/home/u/.spcs/stages/APP_DB/PUBLIC/Mixed Case/a/b");
    assert.equal(hostPath("@s", { database: "lower_db", schema: "public" }), "/home/u/.spcs/stages/LOWER_DB/PUBLIC/S");
  });

  it("refuses what could leave the stage folder or is not a stage name, naming the stage and the fix", function () {
    refused("@models/../../etc", /segment "\.\."/);
    refused("@models/./x", /segment "\."/);
    refused('@"../x"', /invalid stage name/);
    refused('@"a/b"', /invalid stage name/);
    refused("@a.b.c.d", /more than database\.schema\.stage/);
    refused("@bad-name", /invalid stage name "bad-name"/);
    refused("models", /does not start with '@'/);
    assert.throws(() => parseStageLocation("@s", {}), /names no database/);
  });

  it("never gives a folder outside <home>/stages, whatever the reference (property)", function () {
    const piece = fc.constantFrom("a", "B_1", "..", ".", "/", "\\", '"', '"..', "..\"", " ", "\0", "%2e", "$", "x.y");
    const reference = fc.array(piece, { maxLength: 12 }).map((p) => "@" + p.join(""));
    fc.assert(
      fc.property(reference, (ref) => {
        let dir: string;
        try {
          dir = hostPath(ref);
        } catch (e) {
          return isSpcsError(e);
        }
        const rel = path.relative(path.join(HOME, "stages"), dir);
        return !rel.startsWith("..") && !path.isAbsolute(rel) && rel.split(path.sep).length >= 3 && !dir.includes("\0");
      }),
      { seed: 20261202, numRuns: 2000 },
    );
  });
});
