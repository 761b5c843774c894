import assert from "node:assert/strict";
import fc from "fast-check";
import { defaultWindow, eventTableQuery, parseTime, sqlString } from "../../../provider/sql/statements/event-table-functions";
import { SqlError } from "../../../provider/sql/sql-types";

/** Snowflake's '…' literals: '' and \x escapes inside. */
const LITERAL = /'(?:[^'\\]|''|\\.)*'/g;
const decode = (lit: string) => lit.slice(1, -1).replace(/\\(.)/g, "$1").replace(/''/g, "'");

describe("SPCS_GET_LOGS / SPCS_GET_EVENTS queries over the event table", function () {
  const window = { start: new Date("2026-12-01T05:00:00Z"), end: new Date("2026-12-02T05:00:00.250Z") };

  it("select SPCS's documented columns for one service within the window, oldest first", function () {
    const q = eventTableQuery("SPCS_GET_LOGS", { database: "DB", schema: "S", name: "ECHO" }, window);
    assert.match(q, /AS TIMESTAMP, .* AS INSTANCE_ID, .* AS CONTAINER_NAME, .* AS LOG, record_attributes AS RECORD_ATTRIBUTES FROM SNOWFLAKE\.TELEMETRY\.EVENTS WHERE/);
    assert.match(q, /record_type = 'LOG'/);
    assert.match(q, /"snow\.service\.name"::varchar = 'ECHO'/);
    assert.match(q, /timestamp >= '2026-12-01 05:00:00\.000'::TIMESTAMP_NTZ AND timestamp <= '2026-12-02 05:00:00\.250'::TIMESTAMP_NTZ ORDER BY timestamp$/);
    const e = eventTableQuery("SPCS_GET_EVENTS", { database: "DB", schema: "S", name: "ECHO" }, window);
    assert.match(e, /AS TIMESTAMP, .* AS INSTANCE_ID, .* AS CONTAINER_NAME, .* AS SEVERITY, .* AS EVENT_NAME, value AS EVENT_VALUE FROM/);
    assert.match(e, /record_type = 'EVENT'/);
  });

  it("a name of any characters (quoted identifiers) stays one string literal: the query's SQL never changes", function () {
    const template = eventTableQuery("SPCS_GET_LOGS", { database: "D", schema: "S", name: "N" }, window).replace(LITERAL, "?");
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (database, schema, name) => {
        const q = eventTableQuery("SPCS_GET_LOGS", { database, schema, name }, window);
        assert.equal(q.replace(LITERAL, "?"), template);
        const literals = q.match(LITERAL)!.map(decode);
        assert.deepEqual(literals.slice(0, 5), ["l", "LOG", database, schema, name]);
      }),
      { seed: 12, numRuns: 300 },
    );
    assert.equal(sqlString("a'b\\c"), "'a''b\\\\c'");
  });

  it("START_TIME / END_TIME: timestamps read in UTC; anything else is an error naming the argument", function () {
    assert.equal(parseTime("SPCS_GET_LOGS", "START_TIME", "2026-11-30 08:00:00").toISOString(), "2026-11-30T08:00:00.000Z");
    assert.equal(parseTime("SPCS_GET_LOGS", "START_TIME", "2026-11-30").toISOString(), "2026-11-30T00:00:00.000Z");
    assert.equal(parseTime("SPCS_GET_LOGS", "END_TIME", "2026-11-30T08:00:00+01:00").toISOString(), "2026-11-30T07:00:00.000Z");
    assert.throws(() => parseTime("SPCS_GET_LOGS", "END_TIME", "yesterday"), (e: unknown) => e instanceof SqlError && /END_TIME of SPCS_GET_LOGS/.test(e.message));
    const w = defaultWindow(Date.parse("2026-12-02T00:00:00Z"));
    assert.deepEqual([w.start.toISOString(), w.end.toISOString()], ["2026-12-01T00:00:00.000Z", "2026-12-02T00:00:00.000Z"]);
  });
});
