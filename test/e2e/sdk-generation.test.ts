import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { offlinePulumiEnv, pulumiCacheBin } from "../../provider/provision/pulumi-cli";

const REPO_ROOT = path.resolve(__dirname, "../../..");

/** Every file under `dir`, relative, with its bytes. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files.set(path.relative(dir, full), fs.readFileSync(full));
    }
  }
  return files;
}

/** The SDK's files in the checkout: committed or new, but not what its .gitignore ignores (a pip build's build/). */
function checkoutTree(dir: string): Map<string, Buffer> {
  const listed = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "."], { cwd: dir, encoding: "utf8" });
  assert.equal(listed.status, 0, listed.stderr);
  const files = new Map<string, Buffer>();
  for (const f of listed.stdout.split("\n").filter(Boolean)) if (fs.existsSync(path.join(dir, f))) files.set(f, fs.readFileSync(path.join(dir, f)));
  return files;
}

describe("e2e: schema.json and the generated SDKs", function () {
  it("the Pulumi CLI gets the schema from the plugin and binds it with no diagnostics", function () {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-get-schema-"));
    try {
      const bin = pulumiCacheBin();
      assert.ok(fs.existsSync(path.join(bin, "pulumi")), `no Pulumi CLI in ${bin}: run spcs platform up`);
      const r = spawnSync(path.join(bin, "pulumi"), ["package", "get-schema", path.join(REPO_ROOT, "scripts/pulumi-resource-spcs")], {
        cwd: work,
        env: offlinePulumiEnv(bin, { PULUMI_HOME: path.join(work, "pulumi-home") }),
        encoding: "utf8",
      });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr.trim(), "", "binding the schema printed diagnostics");
      const served = JSON.parse(r.stdout);
      const committed = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "schema.json"), "utf8"));
      assert.equal(served.name, "spcs");
      assert.deepEqual(Object.keys(served.resources).sort(), Object.keys(committed.resources).sort());
      assert.equal(served.resources["spcs:index:Service"].inputProperties.secrets.secret, true);
      assert.deepEqual(Object.keys(served.provider.inputProperties).sort(), ["account", "dockerHost", "home", "registry"]);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it("sdk/python, sdk/go and sdk/dotnet are what schema.json generates (run `npm run sdks` after changing it)", function () {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-sdks-"));
    try {
      const { generateSdks } = require(path.join(REPO_ROOT, "scripts/generate-sdks.js"));
      generateSdks(path.join(REPO_ROOT, "schema.json"), out);
      for (const lang of ["python", "go", "dotnet"]) {
        const fresh = tree(path.join(out, lang));
        const committed = checkoutTree(path.join(REPO_ROOT, "sdk", lang));
        assert.deepEqual([...committed.keys()].sort(), [...fresh.keys()].sort(), `sdk/${lang}: files differ`);
        const stale = [...fresh].filter(([f, bytes]) => !bytes.equals(committed.get(f)!)).map(([f]) => f);
        assert.deepEqual(stale, [], `sdk/${lang}: stale files`);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
