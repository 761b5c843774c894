import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../../../provider/cli/main";

/** The CLI in-process against a home that must never be created: usage errors touch no platform. */
export async function runWithoutPlatform(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = path.join(os.tmpdir(), `spcs-cli-usage-${process.pid}-${Math.random().toString(36).slice(2)}`);
  let stdout = "";
  let stderr = "";
  const code = await runCli(["--home", home, ...argv], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env: {} });
  assert.equal(fs.existsSync(home), false, `'${argv.join(" ")}' must not open the platform`);
  return { code, stdout, stderr };
}

/** One test per command line: exit 2, the expected message on stderr, nothing on stdout, no stack trace. */
export function itExitsWithUsageError(cases: [string[], RegExp][]): void {
  for (const [argv, message] of cases) {
    it(`exits 2 for: spcs ${argv.join(" ")}`, async function () {
      const r = await runWithoutPlatform(...argv);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, "");
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    });
  }
}
