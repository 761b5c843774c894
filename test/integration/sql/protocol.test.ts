import * as assert from "node:assert/strict";
import * as http from "node:http";
import { gzipSync } from "node:zlib";
import { startSqlTestEndpoint, type SqlTestEndpoint } from "../../support/sql-test-endpoint";

interface Reply {
  status: number;
  body: { success: boolean; code?: string | null; message?: string | null; data?: Record<string, any> | null };
}

/** One raw HTTP call, as the connectors make it (gzip bodies as connector 4.x sends them). */
function call(address: string, method: string, path: string, body?: unknown, token?: string): Promise<Reply> {
  const [host, port] = address.split(":");
  const payload = body === undefined ? undefined : gzipSync(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host, port: Number(port), method, path, headers: { ...(payload && { "Content-Type": "application/json", "Content-Encoding": "gzip" }), ...(token && { Authorization: `Snowflake Token="${token}"` }) } },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Reply["body"] }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

describe("SQL endpoint: the connector protocol over raw HTTP", function () {
  this.timeout(120_000);
  let t: SqlTestEndpoint;
  let token: string;
  let master: string;
  const query = (sqlText: string, extra: Record<string, unknown> = {}) => call(t.address, "POST", `/queries/v1/query-request?requestId=${Math.random()}`, { sqlText, ...extra }, token);

  before(async () => {
    t = await startSqlTestEndpoint({ syncWaitMs: 400, pollWaitMs: 200 });
    const login = await call(t.address, "POST", "/session/v1/login-request?databaseName=RAWDB&schemaName=PUBLIC&roleName=sysadmin", { data: { LOGIN_NAME: "raw", PASSWORD: "pw", SESSION_PARAMETERS: {} } });
    assert.equal(login.body.success, true, JSON.stringify(login.body));
    token = login.body.data!.token as string;
    master = login.body.data!.masterToken as string;
  });
  after(async () => t?.dispose());

  it("logs in with what connector 5.x requires: a master token, validities and a session id", async () => {
    const login = await call(t.address, "POST", "/session/v1/login-request?databaseName=RAWDB", { data: { LOGIN_NAME: "other", SESSION_PARAMETERS: {} } });
    const d = login.body.data!;
    assert.equal(typeof d.masterToken, "string");
    assert.notEqual(d.masterToken, d.token);
    assert.equal(d.validityInSeconds, 3600);
    assert.equal(typeof d.sessionId, "number");
    assert.equal(d.sessionInfo.databaseName, "RAWDB");
  });

  it("answers a long statement 333334 with a getResultUrl, then the rows when polled", async () => {
    const first = await query("call test$slow(1200)");
    assert.equal(first.body.code, "333334");
    const url = first.body.data!.getResultUrl as string;
    assert.equal(url, `/queries/${first.body.data!.queryId}/result`);
    const monitored = await call(t.address, "GET", `/monitoring/queries//${first.body.data!.queryId}`, undefined, token);
    assert.equal(monitored.body.data!.queries[0].status, "RUNNING");
    let r = await call(t.address, "GET", url, undefined, token);
    for (let i = 0; i < 50 && r.body.code === "333334"; i++) r = await call(t.address, "GET", url, undefined, token);
    assert.equal(r.body.success, true);
    assert.deepEqual(r.body.data!.rowset, [["slept 1200"]]);
    assert.equal(r.body.data!.returned, 1);
    assert.equal(r.body.data!.statementTypeId, 0x1000);
  });

  it("encodes SPCS rows as JSON rowsets: booleans \"1\"/\"0\", fixed with its scale, timestamps as epoch.fraction", async () => {
    const r = await query("show test widgets");
    assert.equal(r.body.data!.queryResultFormat, "json");
    assert.deepEqual(r.body.data!.rowset, [["W1", "3", "9.50", "1", "0", "1796119200.250000000"]]);
    assert.deepEqual(
      r.body.data!.rowtype.map((c: { name: string; type: string }) => `${c.name}:${c.type}`),
      ["name:text", "size:fixed", "price:fixed", "enabled:boolean", "disabled:boolean", "created_on:timestamp_ltz"],
    );
    assert.equal(r.body.data!.statementTypeId, 0x4400);
    assert.equal(r.body.data!.total, 1);
  });

  it("answers errors in Snowflake's envelope", async () => {
    const r = await query("describe widget ghost");
    assert.equal(r.status, 200);
    assert.equal(r.body.success, false);
    assert.equal(r.body.code, "002003");
    assert.equal(r.body.message, "Widget 'GHOST' does not exist or not authorized.");
    assert.deepEqual([r.body.data!.errorCode, r.body.data!.sqlState], ["002003", "02000"]);
    const unknown = await call(t.address, "POST", "/queries/v1/query-request", { sqlText: "select 1" }, "not-a-token");
    assert.equal(unknown.body.code, "390104");
  });

  it("serves token-request (RENEW and ISSUE), heartbeat and telemetry, which fakesnow lacks", async () => {
    const renew = await call(t.address, "POST", "/session/token-request", { oldSessionToken: token, requestType: "RENEW" }, master);
    assert.equal(renew.body.data!.sessionToken, token);
    const issue = await call(t.address, "POST", "/session/token-request", { oldSessionToken: token, requestType: "ISSUE" }, master);
    const issued = issue.body.data!.sessionToken as string;
    assert.notEqual(issued, token);
    assert.equal(issue.body.data!.validityInSecondsST, 3600);
    const viaIssued = await call(t.address, "POST", "/queries/v1/query-request", { sqlText: "show test session" }, issued);
    assert.deepEqual(viaIssued.body.data!.rowset, [["RAW", "SYSADMIN", "RAWDB", "PUBLIC"]]);
    assert.equal((await call(t.address, "POST", "/session/heartbeat", {}, token)).body.success, true);
    assert.equal((await call(t.address, "POST", "/telemetry/send", { logs: [] }, token)).body.success, true);
  });

  it("cancels a running statement on abort-request: its poll answers 000604", async () => {
    const requestId = "abort-me";
    const first = await call(t.address, "POST", `/queries/v1/query-request?requestId=${requestId}`, { sqlText: "call test$slow(3000)" }, token);
    assert.equal(first.body.code, "333334");
    await call(t.address, "POST", "/queries/v1/abort-request", { sqlText: "call test$slow(3000)", requestId }, token);
    const r = await call(t.address, "GET", first.body.data!.getResultUrl as string, undefined, token);
    assert.deepEqual([r.body.success, r.body.code], [false, "000604"]);
  });

  it("runs a statement resent under the same requestId (a client's retry) once, and answers both", async () => {
    const sqlText = "call test$slow(700)";
    const ran = () => t.seen.filter((s) => s === sqlText).length;
    const before = ran();
    const [a, b] = await Promise.all([
      call(t.address, "POST", "/queries/v1/query-request?requestId=retry-1", { sqlText }, token),
      call(t.address, "POST", "/queries/v1/query-request?requestId=retry-1&retry=true", { sqlText }, token),
    ]);
    assert.equal(ran() - before, 1);
    assert.equal(a.body.data!.queryId, b.body.data!.queryId);
  });

  it("survives clients that disconnect mid-statement, and keeps serving", async () => {
    const [host, port] = t.address.split(":");
    for (const sqlText of ["call test$slow(300)", "select 1", "create table gone (x int)"]) {
      await new Promise<void>((resolve) => {
        const req = http.request({ host, port: Number(port), method: "POST", path: "/queries/v1/query-request", headers: { Authorization: `Snowflake Token="${token}"`, "Content-Type": "application/json" } });
        req.on("error", () => resolve());
        req.write(JSON.stringify({ sqlText }));
        req.end();
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 50);
      });
    }
    // A body cut off half-way, then the socket closed.
    await new Promise<void>((resolve) => {
      const req = http.request({ host, port: Number(port), method: "POST", path: "/queries/v1/query-request", headers: { Authorization: `Snowflake Token="${token}"`, "Content-Length": "1000" } });
      req.on("error", () => resolve());
      req.write('{"sqlText": "sel');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    await new Promise((r) => setTimeout(r, 800));
    const after = await query("select 41 + 1 as answer");
    assert.equal(after.body.success, true, JSON.stringify(after.body));
    assert.equal(after.body.data!.total, 1);
    const spcs = await query("show test widgets");
    assert.equal(spcs.body.data!.rowset[0][0], "W1");
  });

  it("logs out on POST /session?delete=true: the token stops working", async () => {
    const login = await call(t.address, "POST", "/session/v1/login-request?databaseName=RAWDB", { data: { LOGIN_NAME: "bye", SESSION_PARAMETERS: {} } });
    const tok = login.body.data!.token as string;
    assert.equal((await call(t.address, "POST", "/session?delete=true", {}, tok)).body.success, true);
    const r = await call(t.address, "POST", "/queries/v1/query-request", { sqlText: "show test widgets" }, tok);
    assert.equal(r.body.code, "390104");
  });
});
