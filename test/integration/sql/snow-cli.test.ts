import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { runClient, snowCli, snowHome, type PythonClient } from "../../support/sql-clients";
import { startSqlTestEndpoint, type SqlTestEndpoint } from "../../support/sql-test-endpoint";

describe("SQL endpoint: snow (snowflake-cli 3.30.0)", function () {
  this.timeout(600_000);
  let t: SqlTestEndpoint;
  let client: PythonClient;
  let home: string;
  const snow = (query: string) => runClient(client.snow!, ["sql", "-q", query], { env: { SNOWFLAKE_HOME: home } });

  before(async () => {
    client = snowCli();
    t = await startSqlTestEndpoint();
    home = snowHome(t.address);
  });
  after(async () => {
    await t?.dispose();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it("runs plain SQL on fakesnow: create table, insert, and select prints the row", async () => {
    const r = await snow("create table fruit (id int, name varchar); insert into fruit values (7, 'kiwi'); select id, name from fruit where id = 7");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Table FRUIT successfully created\./);
    assert.match(r.stdout, /\|\s*7\s*\|\s*kiwi\s*\|/);
  });

  it("prints an SPCS statement's rows with lower-case columns and SPCS values", async () => {
    const r = await snow("show test widgets");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\|\s*name\s*\|\s*size\s*\|\s*price\s*\|\s*enabled\s*\|\s*disabled\s*\|\s*created_on\s*\|/);
    assert.match(r.stdout, /\|\s*W1\s*\|\s*3\s*\|\s*9\.50\s*\|\s*True\s*\|\s*False\s*\|\s*2026-12-01 10:00:00\.250000\+00:00\s*\|/);
    assert.ok(t.seen.some((s) => /show test widgets/i.test(s)), "the executor was asked");
  });

  it("reports bad SQL with Snowflake's syntax error code", async () => {
    const r = await snow("selec nothing frm nowhere");
    assert.equal(r.code, 1);
    assert.match(r.stderr + r.stdout, /001003 \(42000\)/);
  });

  it("reports an executor's SqlError as its code, SQLSTATE and message", async () => {
    const r = await snow("describe widget nope");
    assert.equal(r.code, 1);
    assert.match((r.stderr + r.stdout).replace(/[│\s]+/g, " "), /002003 \(02000\): [0-9a-f-]{36}: Widget 'NOPE' does not exist or not authorized\./);
  });

  it("issues a registry token (`snow spcs image-registry token`: ALTER SESSION, then token-request ISSUE)", async () => {
    const r = await runClient(client.snow!, ["spcs", "image-registry", "token", "--format", "json"], { env: { SNOWFLAKE_HOME: home } });
    assert.equal(r.code, 0, r.stderr);
    const token = JSON.parse(r.stdout) as { token: string; expires_in: number };
    assert.match(token.token, /^[A-Za-z0-9_-]{40,}$/);
    assert.equal(token.expires_in, 3600);
  });
});
