import assert from "node:assert/strict";
import { applyFilters, likeRegExp, resolveScope } from "../../../provider/sql/statements/show-filters";
import { cell, statusResult, tableResult } from "../../../provider/sql/statements/result-sets";
import { SqlError } from "../../../provider/sql/sql-types";

const rows = ["BETA", "ALPHA", "ALPINE", "Alpaca", "GAMMA"].map((name) => ({ name }));
const names = (f: Parameters<typeof applyFilters>[1]) => applyFilters(rows, f, (r) => r.name).map((r) => r.name);

describe("SHOW filters and result cells", function () {
  it("LIKE is case-insensitive with % and _, STARTS WITH case-sensitive; rows sorted by name", function () {
    assert.deepEqual(names({ like: "al%" }), ["ALPHA", "ALPINE", "Alpaca"]);
    assert.deepEqual(names({ like: "_eta" }), ["BETA"]);
    assert.deepEqual(names({ startsWith: "AL" }), ["ALPHA", "ALPINE"]);
    assert.deepEqual(names({ like: "%%" }), ["ALPHA", "ALPINE", "Alpaca", "BETA", "GAMMA"]);
    assert.equal(likeRegExp("a\\_b").test("a_b"), true);
    assert.equal(likeRegExp("a\\_b").test("axb"), false);
    assert.equal(likeRegExp("x.*").test("xyz"), false, "regex characters are literal");
  });

  it("LIMIT n FROM 'name' pages after the name", function () {
    assert.deepEqual(names({ limit: { rows: 2 } }), ["ALPHA", "ALPINE"]);
    assert.deepEqual(names({ limit: { rows: 2, from: "ALPINE" } }), ["Alpaca", "BETA"]);
  });

  it("IN scopes resolve against the session; without a current database Snowflake's 090105", function () {
    const session = { user: "u", role: "r", database: "probedb", schema: "PUBLIC" };
    assert.deepEqual(resolveScope(undefined, session, "SHOW SERVICES"), { database: "PROBEDB" });
    assert.deepEqual(resolveScope(undefined, { user: "u", role: "r" }, "SHOW SERVICES"), {});
    assert.deepEqual(resolveScope({ kind: "schema" }, session, "SHOW SERVICES"), { database: "PROBEDB", schema: "PUBLIC" });
    assert.deepEqual(resolveScope({ kind: "schema", name: ["S2"] }, session, "SHOW SERVICES"), { database: "PROBEDB", schema: "S2" });
    assert.throws(() => resolveScope({ kind: "database" }, { user: "u", role: "r" }, "SHOW SERVICES"), (e: unknown) => e instanceof SqlError && e.code === "090105" && /Cannot perform SHOW SERVICES\. This session does not have a current database/.test(e.message));
    assert.throws(() => resolveScope({ kind: "schema" }, { user: "u", role: "r", database: "D" }, "SHOW SERVICES"), (e: unknown) => e instanceof SqlError && e.code === "090106");
  });

  it("cells: ISO timestamps become Dates, '' NULL; objects JSON; DDL answers one status row", function () {
    assert.deepEqual(cell("2026-12-01T00:00:00.000Z", "timestamp_ltz"), new Date("2026-12-01T00:00:00.000Z"));
    assert.equal(cell("", "timestamp_ltz"), null);
    assert.equal(cell(["A", "B"], "text"), '["A","B"]');
    assert.equal(cell(true, "text"), "true");
    const r = tableResult([["createdOn", "timestamp_ltz"], ["isJob", "boolean"], ["minNodes", "fixed"]], [{ createdOn: "2026-12-01T00:00:00Z", isJob: false, minNodes: 2 }], "show");
    assert.deepEqual(r.columns.map((c) => [c.name, c.type]), [["created_on", "timestamp_ltz"], ["is_job", "boolean"], ["min_nodes", "fixed"]]);
    assert.deepEqual(statusResult("S1 successfully dropped."), { columns: [{ name: "status", type: "text", nullable: false }], rows: [["S1 successfully dropped."]], statementType: "ddl" });
  });
});
