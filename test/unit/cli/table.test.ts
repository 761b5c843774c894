import assert from "node:assert/strict";
import { formatCell, renderProperties, renderTable, sqlColumnName } from "../../../provider/cli/table";
import { snowflakeTimestamp, sqlRow } from "../../../provider/cli/sql-row";

describe("cli table rendering", function () {
  it("derives SHOW's lower-case column names from camelCase keys, and leaves other keys alone", function () {
    assert.equal(sqlColumnName("name"), "name");
    assert.equal(sqlColumnName("minNodes"), "min_nodes");
    assert.equal(sqlColumnName("gpuMemoryGib"), "gpu_memory_gib");
    assert.equal(sqlColumnName("vcpu"), "vcpu");
    assert.equal(sqlColumnName("REPLICAS"), "REPLICAS");
    assert.equal(sqlColumnName("my-key"), "my-key");
  });

  it("prints timestamps in Snowflake's TIMESTAMP_LTZ form, in the local time zone", function () {
    const iso = "2024-11-29T20:12:47.310Z";
    const text = snowflakeTimestamp(iso);
    assert.match(text, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} [+-]\d{4}$/);
    // Read back with its offset, it is the same instant.
    const [, date, time, sign, hh, mm] = /^(\S+) (\S+) ([+-])(\d{2})(\d{2})$/.exec(text)!;
    assert.equal(new Date(`${date}T${time}${sign}${hh}:${mm}`).toISOString(), iso);
    assert.equal(formatCell(iso), text);
    assert.equal(formatCell("2024-11-29 not a time"), "2024-11-29 not a time");
  });

  it("keys JSON rows by SQL column name, nested rows too, with Snowflake's timestamps", function () {
    const row = sqlRow({ computePool: "P", createdOn: "2024-11-29T20:12:47.310Z", containers: [{ containerName: "main", startTime: null }], parameters: { REPLICAS: 2 } });
    assert.deepEqual(Object.keys(row), ["compute_pool", "created_on", "containers", "parameters"]);
    assert.equal(row.created_on, snowflakeTimestamp("2024-11-29T20:12:47.310Z"));
    assert.deepEqual(row.containers, [{ container_name: "main", start_time: null }]);
    assert.deepEqual(row.parameters, { REPLICAS: 2 });
  });

  it("prints booleans as true/false, null and undefined as empty, arrays comma-joined, newlines escaped", function () {
    assert.equal(formatCell(true), "true");
    assert.equal(formatCell(false), "false");
    assert.equal(formatCell(null), "");
    assert.equal(formatCell(undefined), "");
    assert.equal(formatCell(0), "0");
    assert.equal(formatCell(["a", "b"]), "a,b");
    assert.equal(formatCell("two\nlines"), "two\\nlines");
  });

  it("boxes rows like snow: aligned columns, lower-case headers, every line the same width", function () {
    const out = renderTable(
      [
        { name: "P1", minNodes: 1, autoResume: true, comment: null },
        { name: "A_MUCH_LONGER_POOL_NAME", minNodes: 10, autoResume: false, comment: "hi" },
      ],
      ["name", "minNodes", "autoResume", "comment"],
    );
    assert.equal(
      out,
      [
        "+----------------------------------------------------------------+",
        "| name                    | min_nodes | auto_resume | comment |",
        "|-------------------------+-----------+-------------+---------|",
        "| P1                      | 1         | true        |         |",
        "| A_MUCH_LONGER_POOL_NAME | 10        | false       | hi      |",
        "+----------------------------------------------------------------+",
        "",
      ]
        .join("\n")
        .replace(/^\+-+\+$/gm, "+" + "-".repeat(61) + "+"),
    );
    const widths = new Set(out.trimEnd().split("\n").map((l) => l.length));
    assert.equal(widths.size, 1, "every line of the box has the same width");
  });

  it("never truncates long values", function () {
    const long = "x".repeat(500);
    const out = renderTable([{ comment: long }], ["comment"]);
    assert.ok(out.includes(`| ${long} |`));
  });

  it("prints the header of an empty result when the columns are known, and '(no rows)' when not", function () {
    const out = renderTable([], ["name", "state"]);
    assert.deepEqual(out.trimEnd().split("\n").slice(1, 3), ["| name | state |", "|------+-------|"]);
    assert.equal(out.trimEnd().split("\n").length, 4);
    assert.equal(renderTable([]), "(no rows)\n");
  });

  it("takes a column's header as given when it has one, and the first row's keys when no columns are given", function () {
    assert.match(renderTable([{ where: "/x" }], [{ key: "where", header: "address/path" }]), /\| address\/path \|/);
    assert.match(renderTable([{ imageName: "app", tags: "v1" }]), /\| image_name \| tags \|/);
  });

  it("turns a DESCRIBE object on its side: one property / value line per key, in key order or the given order", function () {
    const lines = renderProperties({ name: "P1", autoResume: false, comment: null }).trimEnd().split("\n");
    assert.deepEqual(lines.slice(1, 3), ["| property    | value |", "|-------------+-------|"]);
    assert.deepEqual(lines.slice(3, 6), ["| name        | P1    |", "| auto_resume | false |", "| comment     |       |"]);
    assert.match(renderProperties({ a: 1, b: 2 }, ["b"]), /\| b +\| 2 +\|/);
    assert.doesNotMatch(renderProperties({ a: 1, b: 2 }, ["b"]), /\| a /);
  });
});
