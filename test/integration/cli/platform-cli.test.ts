import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runSpcs } from "../../support/spcs-cli";
import { platformEnv, startTestPlatform } from "../../support/test-platform";

const spcs = runSpcs;

describe("integration: spcs platform status", function () {
  let home: string;
  before(() => (home = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-cli-platform-"))));
  after(() => fs.rmSync(home, { recursive: true, force: true }));

  it("prints one row per part and exits 1 when a part is not ok (here: a registry nobody runs)", async function () {
    const r = await spcs({ SPCS_HOME: home }, "--registry", "127.0.0.1:1", "platform", "status");
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines[0], `Platform home: ${home}`);
    assert.deepEqual(lines[2].split("|").slice(1, -1).map((h) => h.trim()), ["name", "ok", "address/path", "version", "detail"]);
    assert.match(r.stdout, /\| registry +\| false \| 127\.0\.0\.1:1 +\|/);
  });

  it("--format json prints the PlatformStatus object", async function () {
    const r = await spcs({ SPCS_HOME: home }, "--registry", "127.0.0.1:1", "--format", "json", "platform", "status");
    assert.equal(r.code, 1);
    const status = JSON.parse(r.stdout);
    assert.equal(status.home, home);
    const registry = status.parts.find((p: { name: string }) => p.name === "registry");
    assert.deepEqual([registry.ok, registry.address], [false, "127.0.0.1:1"]);
    for (const p of status.parts) assert.equal(typeof p.ok, "boolean");
  });
});

describe("integration: spcs platform down", function () {
  it("stops the agent and the registry of its home (status then says so), and platform up starts them again", async function () {
    const tp = await startTestPlatform("cli-platform-down");
    try {
      const env = platformEnv(tp.config);
      const part = (out: string, name: string) => JSON.parse(out).parts.find((p: { name: string }) => p.name === name);
      const up = await spcs(env, "--format", "json", "platform", "status");
      assert.deepEqual([part(up.stdout, "agent").ok, part(up.stdout, "registry").ok], [true, true], up.stdout);
      const down = await spcs(env, "--format", "json", "platform", "down");
      assert.equal(down.code, 0, down.stderr);
      assert.deepEqual([part(down.stdout, "agent").ok, part(down.stdout, "registry").ok], [false, false], down.stdout);
      const again = await spcs(env, "--format", "json", "platform", "up");
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual([part(again.stdout, "agent").ok, part(again.stdout, "registry").ok], [true, true], again.stdout);
    } finally {
      await tp.dispose();
    }
  });
});
