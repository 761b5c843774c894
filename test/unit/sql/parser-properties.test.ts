import assert from "node:assert/strict";
import fc from "fast-check";
import { formatName, parseIdentifierText, quoteIdentifier } from "../../../provider/sql/statements/identifiers";
import { parseSpcsStatement } from "../../../provider/sql/statements/parse-statement";
import { SqlError } from "../../../provider/sql/sql-types";

/** Fragments that steer random text into the parser's deeper paths. */
const FRAGMENTS = [
  "CREATE", "ALTER", "DROP", "SHOW", "DESCRIBE", "DESC", "EXECUTE JOB SERVICE", "SELECT", "CALL", "COMPUTE POOL", "COMPUTE POOLS", "IMAGE REPOSITORY",
  "IMAGE REPOSITORIES", "IMAGES", "SERVICE", "SERVICES", "JOB SERVICES", "CUSTOM RUNTIME ENVIRONMENT", "IN", "LIKE", "STARTS WITH", "LIMIT", "FROM",
  "SPECIFICATION", "SPECIFICATION_TEMPLATE", "USING", "IF NOT EXISTS", "IF EXISTS", "OR REPLACE", "FORCE", "SET", "UNSET", "SUSPEND", "STOP ALL",
  "IDENTIFIER(", "(", ")", ",", ".", "=", "=>", ";", "'x'", "'", '"q"', '"', "$$", "$$spec$$", "@stage", "SPECIFICATION_FILE", "1", "-2.5", "TRUE",
  "name", "a.b.c", "SYSTEM$GET_SERVICE_LOGS", "GET_JOB_HISTORY", "TABLE", "*", "--", "/*", "*/", "\n", "MIN_NODES",
];

function neverThrowsOtherThanSqlError(sql: string): void {
  try {
    parseSpcsStatement(sql);
  } catch (e) {
    assert.ok(e instanceof SqlError, `parsing ${JSON.stringify(sql)} threw ${String(e)}`);
    assert.doesNotMatch(e.message, /internal error/, `parsing ${JSON.stringify(sql)} hit a parser bug`);
    assert.match(e.code, /^\d{6}$/);
    assert.match(e.sqlState, /^[0-9A-Z]{5}$/);
  }
}

describe("SPCS SQL parser: properties", function () {
  it("throws nothing but SqlError on arbitrary text", function () {
    // Any ASCII, any grapheme (surrogate pairs, combining marks), and the characters that open quotes and comments.
    const text = fc.oneof(fc.string({ unit: "binary-ascii", maxLength: 80 }), fc.string({ unit: "grapheme", maxLength: 40 }), fc.string({ unit: fc.constantFrom(..."\"'$@()=,.;-/*\\\n\u0000é😀"), maxLength: 60 }));
    fc.assert(fc.property(text, neverThrowsOtherThanSqlError), { seed: 20261202, numRuns: 600 });
  });

  it("throws nothing but SqlError on statement-like token soup", function () {
    const soup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 14 }).map((parts) => parts.join(" "));
    fc.assert(fc.property(soup, neverThrowsOtherThanSqlError), { seed: 20261203, numRuns: 1500 });
  });

  it("quoting an identifier round-trips: any name reads back exactly", function () {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 30 }), fc.string({ unit: "grapheme", minLength: 1, maxLength: 10 })), (name) => {
        assert.deepEqual(parseIdentifierText(quoteIdentifier(name), "object"), [name]);
      }),
      { seed: 20261204, numRuns: 500 },
    );
  });

  it("a qualified name of 1 to 3 parts round-trips through IDENTIFIER()", function () {
    const part = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_$]{0,10}$/).map((s) => s.toUpperCase()));
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 3 }), (parts) => {
        const sql = `describe service IDENTIFIER('${formatName(parts).replace(/\\/g, "\\\\").replace(/'/g, "''")}')`;
        assert.deepEqual(parseSpcsStatement(sql), { kind: "describe-service", name: parts });
      }),
      { seed: 20261205, numRuns: 300 },
    );
  });

  it("unquoted names are upper-cased; quoted ones kept as written", function () {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_$]{0,20}$/), (word) => {
        assert.deepEqual(parseIdentifierText(word, "x"), [word.toUpperCase()]);
        assert.deepEqual(parseIdentifierText(`"${word}"`, "x"), [word]);
      }),
      { seed: 20261206, numRuns: 200 },
    );
  });
});
