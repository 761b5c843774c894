import assert from "node:assert/strict";
import * as fs from "node:fs";
import { runSpecCli } from "../../../provider/spec";
import { listFixtures, type Fixture } from "./fixtures";

/** Every fixture of the corpus through `spcs spec validate`, as a user runs it on the file. */
function validate(f: Fixture): { code: number; out: string } {
  let out = "";
  const using = Object.entries(f.options.using ?? {}).flatMap(([k, v]) => ["--using", `${k}=${v}`]);
  const kind = f.options.kind === "job" ? ["--kind", "job"] : [];
  if (f.options.instances) kind.push("--min-instances", String(f.options.instances.min), "--max-instances", String(f.options.instances.max));
  const code = runSpecCli(["validate", f.file, ...using, ...kind], { stdout: (s) => (out += s), stderr: (s) => (out += s), readFile: (p) => fs.readFileSync(p, "utf8") });
  return { code, out };
}

describe("spcs spec validate over the corpus", function () {
  it("exits 0 for every valid fixture", function () {
    const failed = listFixtures("valid").map((f) => ({ f, r: validate(f) })).filter(({ r }) => r.code !== 0).map(({ f, r }) => `${f.name}: ${r.out}`);
    assert.deepEqual(failed, []);
  });

  it("exits 1 for every invalid fixture, printing each expected error as file:line:col: error CODE", function () {
    const mismatches: string[] = [];
    for (const f of listFixtures("invalid")) {
      const r = validate(f);
      const missing = f.expect.filter((e) => e.severity === "error").filter((e) => !r.out.includes(`${f.file}:${e.line}:${e.column}: error ${e.code}:`));
      if (r.code !== 1 || missing.length) mismatches.push(`${f.name}: exit ${r.code}, missing ${missing.map((e) => `${e.code} ${e.line}:${e.column}`).join(", ")}`);
    }
    assert.deepEqual(mismatches, []);
  });
});
