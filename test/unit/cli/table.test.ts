import assert from "node:assert/strict";
import { formatCell, renderProperties, renderTable, sqlColumnName } from "../../../provider/cli/table";

describe("cli table rendering", function () {
  it("derives SQL column names from camelCase keys", function () {
    assert.equal(sqlColumnName("name"), "NAME");
    assert.equal(sqlColumnName("minNodes"), "MIN_NODES");
    assert.equal(sqlColumnName("gpuMemoryGib"), "GPU_MEMORY_GIB");
    assert.equal(sqlColumnName("vcpu"), "VCPU");
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

  it("boxes rows like snow: aligned columns, UPPER_SNAKE headers, every line the same width", function () {
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
        "| NAME                    | MIN_NODES | AUTO_RESUME | COMMENT |",
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
    assert.deepEqual(out.trimEnd().split("\n").slice(1, 3), ["| NAME | STATE |", "|------+-------|"]);
    assert.equal(out.trimEnd().split("\n").length, 4);
    assert.equal(renderTable([]), "(no rows)\n");
  });

  it("takes a column's header as given when it has one, and the first row's keys when no columns are given", function () {
    assert.match(renderTable([{ where: "/x" }], [{ key: "where", header: "ADDRESS/PATH" }]), /\| ADDRESS\/PATH \|/);
    assert.match(renderTable([{ imageName: "app", tags: "v1" }]), /\| IMAGE_NAME \| TAGS \|/);
  });

  it("turns a DESCRIBE object on its side: one PROPERTY / VALUE line per key, in key order or the given order", function () {
    const lines = renderProperties({ name: "P1", autoResume: false, comment: null }).trimEnd().split("\n");
    assert.deepEqual(lines.slice(1, 3), ["| PROPERTY    | VALUE |", "|-------------+-------|"]);
    assert.deepEqual(lines.slice(3, 6), ["| NAME        | P1    |", "| AUTO_RESUME | false |", "| COMMENT     |       |"]);
    assert.match(renderProperties({ a: 1, b: 2 }, ["b"]), /\| B +\| 2 +\|/);
    assert.doesNotMatch(renderProperties({ a: 1, b: 2 }, ["b"]), /\| A /);
  });
});
