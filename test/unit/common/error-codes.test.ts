import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { SPCS_ERROR_CODES } from "../../../provider/common/error-codes";
import { SpcsError, isSpcsError } from "../../../provider/common/errors";
import { withFix } from "../../../provider/common/fix";

// Compiled to dist/test/unit/common: the sources are read from the checkout.
const PROVIDER = path.resolve(__dirname, "../../../../provider");

function sources(dir: string): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return p.endsWith(".ts") ? [{ file: path.relative(PROVIDER, p), text: fs.readFileSync(p, "utf8") }] : [];
  });
}

/** `new SpcsError("code", …)` and `super("code", …)` in subclasses such as JobTimeout, across line breaks. */
const USE = /(?:SpcsError|super)\(\s*"([^"]+)"/g;

describe("the error-code registry", function () {
  const files = sources(PROVIDER);
  const used = new Map<string, string[]>();
  for (const { file, text } of files) for (const m of text.matchAll(USE)) used.set(m[1], [...(used.get(m[1]) ?? []), file]);

  it("finds the codes provider/ uses (the scan itself works)", function () {
    assert.ok(used.size >= 40, `only ${used.size} codes found`);
    assert.deepEqual(used.get("job-timeout"), ["objects/jobs/await-job.ts"]);
  });

  it("lists every code used in provider/", function () {
    const missing = [...used].filter(([code]) => !(code in SPCS_ERROR_CODES)).map(([code, where]) => `${code} (${where.join(", ")})`);
    assert.deepEqual(missing, [], "add these codes to provider/common/error-codes.ts");
  });

  it("lists no code that nothing uses", function () {
    assert.deepEqual(Object.keys(SPCS_ERROR_CODES).filter((code) => !used.has(code)), []);
  });

  it("gives every code a kebab-case name and a one-line meaning", function () {
    for (const [code, meaning] of Object.entries(SPCS_ERROR_CODES)) {
      assert.match(code, /^[a-z]+(-[a-z]+)*$/, code);
      assert.match(meaning, /^[A-Z`].*\.$/, code);
      assert.ok(!meaning.includes("\n"), code);
    }
  });

  it("writes the fix only through withFix: no hand-made `fix:` or `. Fix:` text in provider/", function () {
    const handMade = files.filter(({ file, text }) => file !== "common/fix.ts" && !file.startsWith("spec/") && /\\n {2}fix:|\. Fix: /.test(text)).map((f) => f.file);
    assert.deepEqual(handMade, []);
  });
});

describe("withFix", function () {
  it("appends the fix in each surface's shape", function () {
    assert.equal(withFix("Service X is suspended", "resume it", "error"), "Service X is suspended\n  fix: resume it");
    assert.equal(withFix("JobService replicas: invalid value '0'", "use 1 or more", "check"), "JobService replicas: invalid value '0'. Fix: use 1 or more.");
    assert.equal(withFix("port out of range", "use 1 to 65535", "diagnostic"), "port out of range (use 1 to 65535)");
  });

  it("punctuates a check failure once: no double period, a fix's own ? or . kept", function () {
    assert.equal(withFix("Invalid compute pool name: a-b.", "use an unquoted identifier", "check"), "Invalid compute pool name: a-b. Fix: use an unquoted identifier.");
    assert.equal(withFix("Invalid instance family X", "did you mean CPU_X64_XS?", "check"), "Invalid instance family X. Fix: did you mean CPU_X64_XS?");
    assert.equal(withFix("Image name cannot be derived", "set name, e.g. app.", "check"), "Image name cannot be derived. Fix: set name, e.g. app.");
  });

  it("leaves the message alone without a fix", function () {
    for (const surface of ["error", "check", "diagnostic"] as const) assert.equal(withFix("plain", undefined, surface), "plain");
  });
});

describe("SpcsError", function () {
  it("prints its reason and fix as the CLI shows them, and keeps both apart for other surfaces", function () {
    const e = new SpcsError("service-suspended", "Service A.B.C is suspended.", "resume it: spcs alter service A.B.C resume");
    assert.equal(e.message, "Service A.B.C is suspended.\n  fix: resume it: spcs alter service A.B.C resume");
    assert.equal(e.reason, "Service A.B.C is suspended.");
    assert.equal(e.code, "service-suspended");
    assert.ok(isSpcsError(e));
  });
});
