import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Catalog } from "../../provider/catalog/catalog";

/** Two processes creating pools in one catalog at once: every write lands, none fails with SQLITE_BUSY. */
describe("integration: the catalog shared by two processes", function () {
  it("serialises concurrent writers without losing or failing any write", async function () {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-catalog-"));
    const worker = (prefix: string) => `
      const { resolveConfig } = require(${JSON.stringify(path.resolve(__dirname, "../../provider/common/config.js"))});
      const { openPlatform } = require(${JSON.stringify(path.resolve(__dirname, "../../provider/platform/platform.js"))});
      const { createPool } = require(${JSON.stringify(path.resolve(__dirname, "../../provider/objects/compute-pools/compute-pools.js"))});
      const p = openPlatform(resolveConfig(() => undefined, { SPCS_HOME: ${JSON.stringify(home)} }));
      for (let i = 0; i < 100; i++) createPool(p, { name: "${prefix}_" + i, instanceFamily: "CPU_X64_XS", minNodes: 1, maxNodes: 1, autoResume: true, autoSuspendSecs: 3600, initiallySuspended: false, comment: null });
    `;
    const runWorker = (prefix: string) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ["-e", worker(prefix)], { stdio: ["ignore", "ignore", "pipe"] });
        let err = "";
        child.stderr.on("data", (d) => (err += d));
        child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`worker ${prefix} exited ${code}: ${err}`))));
      });
    await Promise.all([runWorker("A"), runWorker("B")]);
    const catalog = Catalog.open(path.join(home, "catalog.db"));
    try {
      const names = catalog.pools.list().map((p) => p.name);
      assert.equal(names.length, 200);
      assert.equal(names.filter((n) => n.startsWith("A_")).length, 100);
    } finally {
      catalog.close();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
