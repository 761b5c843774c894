import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { httpAnswers } from "../../../provider/provision/fakesnow";
import { platformDown, platformUp } from "../../../provider/provision/provision";
import { runClient, snowCli } from "../../support/sql-clients";
import { platformEnv, startTestPlatform, type TestPlatform } from "../../support/test-platform";

const CLI_MAIN = path.join(__dirname, "..", "..", "..", "provider", "cli", "main.js");
const PROVISION = path.join(__dirname, "..", "..", "..", "provider", "provision", "sql-endpoint.js");

describe("SQL endpoint: spcs platform up", function () {
  this.timeout(900_000);
  let tp: TestPlatform;
  let sqlState: () => { fakesnow: { pid: number; address: string }; endpoint: { pid: number; address: string } };
  let snowHome: string;

  before(async () => {
    snowCli();
    tp = await startTestPlatform("sql", { sql: true });
    sqlState = () => JSON.parse(fs.readFileSync(path.join(tp.config.home, "sql", "state.json"), "utf8"));
    snowHome = path.join(tp.config.home, "sql", "snow");
  });
  after(async () => tp?.dispose());

  it("lists a part named sql with its address in `spcs platform status --format json`, and the address answers", async () => {
    const r = await runClient(process.execPath, [CLI_MAIN, "--format", "json", "platform", "status"], { env: platformEnv(tp.config) });
    const sql = (JSON.parse(r.stdout) as { parts: { name: string; ok: boolean; address: string }[] }).parts.find((p) => p.name === "sql");
    assert.ok(sql, r.stdout);
    assert.equal(sql.ok, true, JSON.stringify(sql));
    assert.match(sql.address, /^127\.0\.0\.1:\d+$/);
    assert.equal(sql.address, sqlState().endpoint.address);
    assert.equal(await httpAnswers(sql.address), true);
  });

  it("writes a snow connection (chmod 600) that `snow sql` uses out of the box", async () => {
    const file = path.join(snowHome, "config.toml");
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.match(fs.readFileSync(file, "utf8"), new RegExp(`port = ${sqlState().endpoint.address.split(":")[1]}\\n`));
    const r = await runClient(snowCli().snow!, ["sql", "-q", "create table notes (msg varchar); insert into notes values ('hello from fakesnow'); select msg from notes"], { env: { SNOWFLAKE_HOME: snowHome } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\|\s*hello from fakesnow\s*\|/);
  });

  it("changes nothing on a second platform up: same processes, same address, same snow config", async () => {
    const before = sqlState();
    const config = path.join(snowHome, "config.toml");
    const mtime = fs.statSync(config).mtimeMs;
    const lines: string[] = [];
    const status = await platformUp(tp.config, (l) => lines.push(l), { runtimeImage: false });
    assert.deepEqual(sqlState(), before);
    assert.equal(fs.statSync(config).mtimeMs, mtime);
    assert.equal(status.parts.find((p) => p.name === "sql")?.address, before.endpoint.address);
    assert.deepEqual(lines.filter((l) => /starting|installing/.test(l)), []);
  });

  it("keeps fakesnow's tables across a restart, and the processes outlive the process that started them", async () => {
    const old = sqlState();
    for (const pid of [old.endpoint.pid, old.fakesnow.pid]) process.kill(pid, "SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    const script = `require(${JSON.stringify(PROVISION)}).ensureSqlEndpoint(${JSON.stringify(tp.config)}, () => undefined).then((s) => console.log(JSON.stringify(s)))`;
    const r = await runClient(process.execPath, ["-e", script]);
    assert.equal(r.code, 0, r.stderr);
    const now = sqlState();
    assert.notEqual(now.endpoint.pid, old.endpoint.pid);
    assert.equal(await httpAnswers(now.endpoint.address), true, "the endpoint answers after its starter exited");
    const q = await runClient(snowCli().snow!, ["sql", "-q", "select msg from notes"], { env: { SNOWFLAKE_HOME: snowHome } });
    assert.equal(q.code, 0, q.stderr);
    assert.match(q.stdout, /hello from fakesnow/);
  });

  it("platform down stops the endpoint and fakesnow", async () => {
    const s = sqlState();
    await platformDown(tp.config);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await httpAnswers(s.endpoint.address), false);
    assert.equal(await httpAnswers(s.fakesnow.address), false);
  });
});
