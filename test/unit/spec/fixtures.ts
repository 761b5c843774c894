/**
 * Reads the spec corpus under test/fixtures/specs. Each fixture is a YAML file whose leading comment
 * lines say how to run it and what to expect:
 *
 *   # kind: job                       run as a job service (default: service)
 *   # instances: MIN MAX               the statement's MIN_INSTANCES and MAX_INSTANCES
 *   # using: KEY=VALUE                a template value (repeatable; everything after the first '=')
 *   # expect: CODE PATH LINE:COL      an error (invalid/ fixtures list every error)
 *   # expect-warning: CODE PATH LINE:COL
 *
 * PATH is the diagnostic's path, or '-' for the document itself. Lines are counted in the whole file,
 * header included, exactly as an editor shows them. valid/NAME.yaml has valid/NAME.canonical.yaml next
 * to it: the expected `spcs spec normalize` output (a `# specDigest: sha256:…` line, then the canonical YAML).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { AnalyzeOptions, SpecDiagnostic } from "../../../provider/spec";

export const FIXTURE_ROOT = path.resolve(__dirname, "../../../../test/fixtures/specs");

export interface Expectation {
  severity: "error" | "warning";
  code: string;
  path: string;
  line: number;
  column: number;
}

export interface Fixture {
  name: string;
  file: string;
  text: string;
  options: AnalyzeOptions;
  expect: Expectation[];
}

const EXPECT = /^#\s*expect(-warning)?:\s*(\S+)\s+(\S+)\s+(\d+):(\d+)\s*$/;

export function readFixture(file: string): Fixture {
  const text = fs.readFileSync(file, "utf8");
  const options: AnalyzeOptions = {};
  const expect: Expectation[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("#")) break;
    const m = EXPECT.exec(line);
    if (m) {
      expect.push({ severity: m[1] ? "warning" : "error", code: m[2], path: m[3] === "-" ? "" : m[3], line: Number(m[4]), column: Number(m[5]) });
      continue;
    }
    const kind = /^#\s*kind:\s*(service|job)\s*$/.exec(line);
    if (kind) options.kind = kind[1] as "service" | "job";
    const instances = /^#\s*instances:\s*(\d+)\s+(\d+)\s*$/.exec(line);
    if (instances) options.instances = { min: Number(instances[1]), max: Number(instances[2]) };
    const using = /^#\s*using:\s?(.*)$/.exec(line);
    if (using) {
      const eq = using[1].indexOf("=");
      (options.using ??= {})[using[1].slice(0, eq)] = using[1].slice(eq + 1);
    }
  }
  return { name: path.basename(file, ".yaml"), file, text, options, expect };
}

export function listFixtures(dir: "valid" | "invalid"): Fixture[] {
  const full = path.join(FIXTURE_ROOT, dir);
  return fs
    .readdirSync(full)
    .filter((f) => f.endsWith(".yaml") && !f.endsWith(".canonical.yaml"))
    .sort()
    .map((f) => readFixture(path.join(full, f)));
}

/** A diagnostic in the shape of an expectation, for whole-list comparison. */
export function asExpectation(d: SpecDiagnostic): Expectation {
  return { severity: d.severity, code: d.code, path: d.path, line: d.line, column: d.column };
}

export function expectationLine(e: Expectation): string {
  return `# expect${e.severity === "warning" ? "-warning" : ""}: ${e.code} ${e.path || "-"} ${e.line}:${e.column}`;
}

export function canonicalFile(f: Fixture): string {
  return f.file.replace(/\.yaml$/, ".canonical.yaml");
}
