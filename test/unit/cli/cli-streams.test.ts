import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runWithoutPlatform } from "./usage-harness";

const MAIN = path.resolve(__dirname, "../../../provider/cli/main.js");
const SPEC = "spec:\n  containers:\n  - name: main\n    image: /db/s/r/app:1\n";
const sh = (script: string, env: NodeJS.ProcessEnv = {}) => spawnSync("sh", ["-c", script], { encoding: "utf8", timeout: 60_000, env: { ...process.env, ...env } });

/** The CLI's streams and messages (issue 13, item 10): EPIPE ends quietly, one line per message, bounded input. */
describe("spcs: closed pipes, one-line messages, bounded input", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-cli-streams-"));
    // 1,500 files: about 150 KB of output, more than a pipe holds, so writes fail once `head` has gone.
    for (let i = 0; i < 1500; i++) fs.writeFileSync(path.join(dir, `f${i}.yaml`), SPEC);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a reader that goes away (| head -c1) ends the command quietly: no stack trace, its own exit code", function () {
    const r = sh(`{ node ${MAIN} spec validate ${dir}/f*.yaml 2>${dir}/stderr; echo $? >${dir}/status; } | head -c1`);
    assert.equal(r.stdout, "/");
    assert.equal(fs.readFileSync(`${dir}/stderr`, "utf8"), "");
    assert.equal(fs.readFileSync(`${dir}/status`, "utf8").trim(), "0");
  });

  it("spcs show services | head -1 prints the header and no stack trace", function () {
    const home = path.join(dir, "home");
    const r = sh(`node ${MAIN} --home ${home} show services | head -1`);
    assert.equal(r.stderr, "");
    assert.match(r.stdout, /^\S.*\n$/);
  });

  it("spcs spec validate /dev/zero ends with a clear error in bounded time", function () {
    const started = Date.now();
    const r = spawnSync(process.execPath, [MAIN, "spec", "validate", "/dev/zero"], { encoding: "utf8", timeout: 20_000 });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /cannot read \/dev\/zero: the file is larger than 1048576 bytes, the limit for a specification/);
    assert.ok(Date.now() - started < 15_000);
  });

  it("a newline in a message is escaped: input cannot print a forged diagnostic line", async function () {
    const r = await runWithoutPlatform("describe", "service", "A\n/etc/app.yaml:1:1: error spec/fake: forged\u001b[2J");
    assert.equal(r.code, 2);
    const lines = r.stderr.trimEnd().split("\n");
    assert.deepEqual(lines, ["error: expected a service as DB.SCHEMA.NAME, got 'A\\n/etc/app.yaml:1:1: error spec/fake: forged\\u001b[2J'", "(add --help for usage)"]);
  });
});
