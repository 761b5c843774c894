import assert from "node:assert/strict";
import { allowedOrigin, applyCors, isPreflight, preflightHeaders } from "../../../provider/objects/services/ingress-proxy/cors";
import type { CorsConfig, IngressProxyConfig } from "../../../provider/objects/services/ingress-proxy/ingress-proxy-config";
import { callerToken, requestHeaders, responseHeaders } from "../../../provider/objects/services/ingress-proxy/sf-context-headers";

const config: IngressProxyConfig = { dnsName: "svc.x.svc.spcs.internal", service: "DB.S.SVC", endpoints: [{ port: 8080 }], user: "ALICE", executeAsCaller: false, callerTokenValiditySecs: 120, idleTimeoutSecs: 90 };
const cors: CorsConfig = { "Access-Control-Allow-Origin": ["https://app.example.com"], "Access-Control-Expose-Headers": ["X-Trace"] };

describe("ingress proxy: SPCS's request and response headers", function () {
  it("speaks for the caller: its user replaces whatever the client claimed, the Snowflake token is stripped", function () {
    const out = requestHeaders(config, { "sf-context-current-user": "MALLORY", authorization: 'Snowflake Token="pat"', "x-sf-spcs-authorization": "x", connection: "keep-alive, x-hop", "x-hop": "1", accept: "*/*" }, false);
    assert.deepEqual(out, { accept: "*/*", "Sf-Context-Current-User": "ALICE" });
  });

  it("keeps other Authorization schemes, and adds a caller token only with executeAsCaller", function () {
    assert.equal(requestHeaders(config, { authorization: "Bearer abc" }, false).authorization, "Bearer abc");
    const out = requestHeaders({ ...config, executeAsCaller: true }, {}, false);
    const token = String(out["Sf-Context-Current-User-Token"]);
    const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString());
    assert.equal(claims.user, "ALICE");
    assert.notEqual(callerToken(config), callerToken(config), "unique per request");
    assert.equal(JSON.parse(Buffer.from(callerToken(config, 1_000_000).split(".")[1], "base64url").toString()).exp, 1000 + 120);
  });

  it("passes an upgrade on, and strips hop-by-hop and revealing response headers", function () {
    assert.deepEqual(requestHeaders(config, { connection: "Upgrade", upgrade: "websocket" }, true), { connection: "Upgrade", upgrade: "websocket", "Sf-Context-Current-User": "ALICE" });
    const out = responseHeaders({ server: "httpd", "x-powered-by": "php", "transfer-encoding": "chunked", "content-type": "text/plain", "x-frame-options": "SAMEORIGIN" });
    assert.equal(out["content-type"], "text/plain");
    for (const gone of ["server", "x-powered-by", "transfer-encoding", "x-frame-options"]) assert.equal(out[gone], undefined, gone);
    assert.equal(out["X-Frame-Options"], "DENY");
  });
});

describe("ingress proxy: corsSettings", function () {
  it("allows only listed origins, and knows a preflight", function () {
    assert.equal(allowedOrigin(cors, { origin: "https://app.example.com" }), "https://app.example.com");
    assert.equal(allowedOrigin(cors, { origin: "https://APP.example.com/" }), "https://APP.example.com/");
    assert.equal(allowedOrigin(cors, { origin: "https://evil.example.com" }), undefined);
    assert.equal(allowedOrigin(undefined, { origin: "https://app.example.com" }), undefined);
    assert.equal(isPreflight("OPTIONS", { origin: "o", "access-control-request-method": "POST" }), true);
    assert.equal(isPreflight("OPTIONS", { origin: "o" }), false);
  });

  it("answers a preflight with the origin echoed, credentials and a two-hour max age", function () {
    const h = preflightHeaders({ ...cors, "Access-Control-Allow-Methods": ["GET", "PUT"] }, "https://app.example.com");
    assert.equal(h["Access-Control-Allow-Origin"], "https://app.example.com");
    assert.equal(h["Access-Control-Allow-Methods"], "GET, PUT");
    assert.equal(h["Access-Control-Allow-Headers"], undefined);
    assert.equal(h["Access-Control-Max-Age"], "7200");
    assert.equal(h["Access-Control-Allow-Credentials"], "true");
  });

  it("replaces the service's CORS headers, and merges Vary", function () {
    const h: Record<string, string> = { "access-control-allow-origin": "*", vary: "Accept-Encoding", "content-type": "text/plain" };
    applyCors(cors, "https://app.example.com", h);
    assert.equal(h["access-control-allow-origin"], undefined);
    assert.equal(h["Access-Control-Allow-Origin"], "https://app.example.com");
    assert.equal(h.vary, "Accept-Encoding, Origin");
    assert.match(h["Access-Control-Expose-Headers"], /^X-Trace, X-Frame-Options, /);
    const stranger: Record<string, string> = { "access-control-allow-origin": "*" };
    applyCors(cors, undefined, stranger);
    assert.deepEqual(stranger, {});
    const untouched: Record<string, string> = { "access-control-allow-origin": "*" };
    applyCors(undefined, undefined, untouched);
    assert.deepEqual(untouched, { "access-control-allow-origin": "*" });
  });
});
