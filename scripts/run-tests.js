// Runs the compiled mocha suites given as folders under dist/test (unit, integration, e2e) in one mocha
// run, and ends with a plain "tests: N passed, N failed, N skipped" line that CI tooling can read.
const fs = require("node:fs");
const path = require("node:path");
const Mocha = require("mocha");

const root = path.join(__dirname, "..", "dist", "test");
const tiers = process.argv.slice(2).length ? process.argv.slice(2) : ["unit", "integration", "e2e"];
const mocha = new Mocha({ timeout: 600_000, reporter: "spec" });
for (const tier of tiers) {
  const dir = path.join(root, tier);
  if (!fs.existsSync(dir)) throw new Error(`no compiled tests in ${dir}: run npm run build first`);
  for (const f of fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith(".test.js")).sort()) mocha.addFile(path.join(dir, f));
}
const runner = mocha.run((failures) => {
  const s = runner.stats;
  console.log(`tests: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
  process.exitCode = failures ? 1 : 0;
});
