import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { connectionsToml, containerTokenMount, writeSessionToken } from "../../../../provider/objects/workloads/session-token";
import type { RuntimeContainer } from "../../../../provider/model/runtime-spec";
import { serviceForToken } from "../../../../provider/sql/server/oauth-login";

const KEY = { database: "APP_DB", schema: "PUBLIC", name: "READER" };
const container = (over: Partial<RuntimeContainer> = {}): RuntimeContainer => ({ name: "main", image: "/a/b/c/d:1", env: {}, resources: {}, volumeMounts: [], mountSessionToken: true, sessionTokenPath: "/snowflake/session", ...over });

/** What Python's own TOML reader (the one the connector uses) makes of a text. */
function pythonToml(text: string): Record<string, unknown> {
  const r = spawnSync("python3", ["-c", "import json, sys, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))"], { input: text, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe("service session tokens", function () {
  let home: string;
  beforeEach(() => (home = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-token-"))));
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it("one token per service, accepted as that service's identity until its folder is removed", function () {
    const dir = writeSessionToken(home, KEY);
    const token = fs.readFileSync(path.join(dir, "token"), "utf8");
    assert.equal(writeSessionToken(home, KEY), dir);
    assert.equal(fs.readFileSync(path.join(dir, "token"), "utf8"), token, "a second instance keeps the service's token");
    assert.equal(fs.statSync(path.join(dir, "token")).mode & 0o777, 0o600);
    assert.deepEqual(serviceForToken(home, token + "\n"), { service: "APP_DB.PUBLIC.READER", database: "APP_DB", schema: "PUBLIC" });
    assert.equal(serviceForToken(home, token.slice(0, -1) + "x"), undefined);
    assert.equal(serviceForToken(home, ""), undefined);
    fs.rmSync(dir, { recursive: true });
    assert.equal(serviceForToken(home, token), undefined, "refused after the drop");
  });

  it("each container mounts the token with its permission, and connections.toml only with mountConnectionConfig", function () {
    const plain = containerTokenMount(home, KEY, 0, "ACC", container());
    assert.deepEqual(plain.env, {});
    assert.equal(fs.statSync(path.join(plain.dir, "token")).mode & 0o777, 0o644);
    assert.ok(!fs.existsSync(path.join(plain.dir, "connections.toml")));
    const withConfig = containerTokenMount(home, KEY, 0, "ACC", container({ name: "side", sessionTokenPath: "/tok", sessionTokenPermission: "0640", mountConnectionConfig: true }));
    assert.deepEqual(withConfig.env, { SNOWFLAKE_HOME: "/tok" });
    assert.equal(fs.statSync(path.join(withConfig.dir, "token")).mode & 0o777, 0o640);
    assert.equal(fs.statSync(path.join(withConfig.dir, "connections.toml")).mode & 0o777, 0o640);
    assert.equal(fs.readFileSync(path.join(withConfig.dir, "token"), "utf8"), fs.readFileSync(path.join(plain.dir, "token"), "utf8"));
    assert.deepEqual(pythonToml(fs.readFileSync(path.join(withConfig.dir, "connections.toml"), "utf8")), {
      default: { host: "snowflake.spcs.internal", port: 80, protocol: "http", account: "ACC", authenticator: "oauth", token_file_path: "/tok/token", database: "APP_DB", schema: "PUBLIC" },
    });
    // A later start (an upgrade turned the config off) writes in place: the folder a running container mounts stays.
    const inode = fs.statSync(withConfig.dir).ino;
    const again = containerTokenMount(home, KEY, 0, "ACC", container({ name: "side", sessionTokenPath: "/tok" }));
    assert.equal(again.dir, withConfig.dir);
    assert.equal(fs.statSync(again.dir).ino, inode);
    assert.ok(!fs.existsSync(path.join(again.dir, "connections.toml")));
    assert.equal(fs.statSync(path.join(again.dir, "token")).mode & 0o777, 0o644);
  });

  it("connections.toml reads back any quoted database, schema and account name unchanged", function () {
    // One Python run for every sample: a run per sample costs over a second on a busy machine.
    const name = fc.string({ unit: "binary", minLength: 1, maxLength: 20 }).filter((s) => !/[\0-\x1f\x7f\ud800-\udfff]/.test(s));
    const samples = fc.sample(fc.tuple(name, name, name), { seed: 12, numRuns: 100 });
    const texts = samples.map(([database, schema, account]) => connectionsToml(account, { database, schema, name: "S" }, "/snowflake/session/token"));
    const r = spawnSync("python3", ["-c", "import json, sys, tomllib; print(json.dumps([tomllib.loads(t)['default'] for t in json.load(sys.stdin)]))"], { input: JSON.stringify(texts), encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const parsed = JSON.parse(r.stdout) as Record<string, unknown>[];
    samples.forEach(([database, schema, account], i) => assert.deepEqual([parsed[i].database, parsed[i].schema, parsed[i].account], [database, schema, account]));
  });
});
