import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pluginLauncher } from "../../../provider/provision/language-plugins";

describe("pulumi-resource-spcs launcher", function () {
  it("runs the plugin entry with its arguments, whatever characters the paths hold", function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spcs launcher 'q' $(x) "));
    try {
      const entry = path.join(dir, "main.js");
      fs.writeFileSync(entry, "process.stdout.write(JSON.stringify(process.argv.slice(2)))");
      const launcher = path.join(dir, "pulumi-resource-spcs");
      fs.writeFileSync(launcher, pluginLauncher(process.execPath, entry), { mode: 0o755 });
      const r = spawnSync(launcher, ["127.0.0.1:4242", "--logtostderr"], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), ["127.0.0.1:4242", "--logtostderr"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
