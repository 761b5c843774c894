import assert from "node:assert/strict";
import { autoName, identifierProblem, normalizeIdentifier } from "../../provider/common/identifiers";

describe("identifiers", function () {
  it("upper-cases unquoted identifiers, as Snowflake stores them", function () {
    assert.equal(normalizeIdentifier("tutorial_db", "database"), "TUTORIAL_DB");
    assert.equal(normalizeIdentifier("a$1", "name"), "A$1");
  });

  it("names the field and the rule when an identifier is invalid", function () {
    assert.throws(() => normalizeIdentifier("1abc", "schema"), /schema '1abc' is not an unquoted identifier/);
    assert.equal(identifierProblem(""), "must be a non-empty string");
    assert.match(identifierProblem("x".repeat(256))!, /256 characters long; the limit is 255/);
  });

  it("auto-names from a Pulumi resource name, the way Pulumi does, within identifier rules", function () {
    assert.equal(autoName("tutorial-pool", "1a2b3c4"), "TUTORIAL_POOL_1A2B3C4");
    assert.equal(autoName("9lives", "abc"), "_9LIVES_ABC");
    assert.equal(identifierProblem(autoName("x".repeat(300), "abc")), undefined);
  });
});
