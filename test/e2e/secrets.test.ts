import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { homeFilter } from "../../provider/common/labels";
import { PulumiProgram } from "../support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Everything under a folder, as text, for searching. */
function readTree(dir: string): string {
  if (!fs.existsSync(dir)) return "";
  return fs.readdirSync(dir, { recursive: true }).map(String).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile()).map((f) => fs.readFileSync(f, "latin1")).join("\n");
}

/**
 * Service secrets through the real `pulumi` CLI: delivered as the env var and the files the spec asks
 * for, and found nowhere else: not in state (exported or on disk), the catalog, container labels, logs or
 * the CLI's output.
 */
describe("e2e: service secrets", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;
  const token = `tok-${randomBytes(12).toString("hex")}`;
  const password = `pw-${randomBytes(12).toString("hex")}`;
  const user = `user-${randomBytes(12).toString("hex")}`; // set as plain config: only the SDK makes it secret
  const outputs: string[] = [];

  before(async function () {
    tp = await startTestPlatform("e2e-secrets");
    program = PulumiProgram.create("test/fixtures/programs/secrets", tp);
    program.must(["config", "set", "--secret", "apiToken", token]);
    program.must(["config", "set", "--secret", "dbPassword", password]);
    program.must(["config", "set", "dbUser", user]);
  });
  after(async function () {
    program?.run(["destroy", "--yes"]);
    program?.dispose();
    await tp?.dispose();
  });

  it("delivers a GENERIC_STRING secret as an env var and a PASSWORD secret as files", async function () {
    const up = program.must(["up", "--yes"]);
    outputs.push(up.stdout, up.stderr);
    const url = program.outputs().url;
    assert.equal(await (await fetch(`${url}/token.sha`)).text(), sha256(token) + "\n");
    assert.equal(await (await fetch(`${url}/password.sha`)).text(), sha256(password) + "\n");
    assert.equal(await (await fetch(`${url}/username.txt`)).text(), user);
  });

  it("keeps the values out of state, the catalog, labels, logs and the CLI's output", async function () {
    const refreshed = program.must(["refresh", "--yes"]);
    const exported = program.must(["stack", "export"]).stdout;
    outputs.push(refreshed.stdout, refreshed.stderr, program.must(["stack", "output", "--json"]).stdout);
    // Pulumi keeps the user's plain config (dbUser) in the stack's own config block, by the user's
    // choice; what matters is that our resources' inputs and outputs never hold it in plaintext.
    const ours = JSON.stringify(JSON.parse(exported).deployment.resources.filter((r: { type: string }) => r.type.startsWith("pulumi-nodejs:dynamic/spcs:")));
    assert.ok(ours.includes("SECRET_READER") && ours.includes("ciphertext"), "our resources were read, with encrypted secrets");
    assert.ok(!ours.includes(user), "the plain-config secret value appears in our resources' state");
    const state = readTree(path.join(path.dirname(program.dir), "state")) + exported;
    assert.ok(state.includes("SECRET_READER"), "the state files were read");
    const catalog = readTree(tp.config.home).length > 0 ? ["catalog.db", "catalog.db-wal"].map((f) => path.join(tp.config.home, f)).filter(fs.existsSync).map((f) => fs.readFileSync(f, "latin1")).join("") : "";
    assert.ok(catalog.includes("SECRET_READER"), "the catalog was read");
    const containers = await tp.platform.docker.listContainers(homeFilter(tp.config.home));
    const labels = JSON.stringify(containers.map((c) => c.labels));
    const logs = (await Promise.all(containers.map((c) => tp.platform.docker.containerLogs(c.id, 1000)))).join("\n");
    assert.match(logs, /started with a token of \d+ characters/, "the logs were read");
    for (const [where, text] of Object.entries({ "CLI output": outputs.join("\n"), "state": state, catalog, labels, logs })) {
      for (const secret of [token, password]) assert.ok(!text.includes(secret), `a secret value appears in the ${where}`);
    }
    for (const [where, text] of Object.entries({ "CLI output": outputs.join("\n"), catalog, labels, logs })) {
      assert.ok(!text.includes(user), `the plain-config secret value appears in the ${where}`);
    }
  });

  it("rejects a spec that uses a secret it was not given, naming the secret and not its values", function () {
    const r = program.run(["preview"], {});
    assert.equal(r.code, 0);
    program.must(["config", "rm", "apiToken"]);
    const missing = program.run(["preview"]);
    assert.notEqual(missing.code, 0);
    assert.ok(!(missing.stdout + missing.stderr).includes(password));
    program.must(["config", "set", "--secret", "apiToken", token]);
  });

  it("keeps a secret rotated in the same update that suspends the service: it resumes with the new value", async function () {
    const rotated = `tok-${randomBytes(12).toString("hex")}`;
    program.must(["config", "set", "--secret", "apiToken", rotated]);
    program.must(["config", "set", "suspended", "true"]);
    program.must(["up", "--yes"]);
    assert.equal((await tp.platform.docker.listContainers(homeFilter(tp.config.home))).filter((c) => c.name.endsWith("-app")).length, 0, "suspended: no app container");
    program.must(["config", "set", "suspended", "false"]);
    program.must(["up", "--yes"]);
    assert.equal(await (await fetch(`${program.outputs().url}/token.sha`)).text(), sha256(rotated) + "\n", "the resumed container reads the value rotated while suspending");
    program.must(["config", "set", "--secret", "apiToken", token]);
  });
});
