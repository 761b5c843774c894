import assert from "node:assert/strict";
import fc from "fast-check";
import { isSpcsError } from "../../../../provider/common/errors";
import { haproxySetup, originList } from "../../../../provider/objects/services/ingress-proxy/haproxy-config";
import type { CorsConfig, IngressProxyConfig } from "../../../../provider/objects/services/ingress-proxy/ingress-proxy-config";

const base: IngressProxyConfig = { dnsName: "web.a1b2c3.svc.spcs.internal", service: "APP_DB.PUBLIC.WEB", endpoints: [{ port: 8080 }], user: "ALICE", executeAsCaller: false, callerTokenValiditySecs: 120, idleTimeoutSecs: 90 };
const cors: CorsConfig = { "Access-Control-Allow-Origin": ["https://app.example.com"], "Access-Control-Allow-Methods": ["GET"], "Access-Control-Allow-Headers": ["X-A"], "Access-Control-Expose-Headers": ["X-Trace"] };

function invalid(fn: () => unknown, field: RegExp): void {
  assert.throws(fn, (e: unknown) => isSpcsError(e) && e.code === "ingress-config-invalid" && /APP_DB\.PUBLIC\.WEB/.test(e.message) && field.test(e.message));
}

describe("ingress: the generated haproxy configuration", function () {
  it("routes each public port to the service's DNS name on Docker's DNS, and sets the idle timeout", function () {
    const { files, env } = haproxySetup({ ...base, endpoints: [{ port: 8080 }, { port: 9000 }], idleTimeoutSecs: 7 });
    const cfg = files["haproxy.cfg"];
    assert.match(cfg, /nameserver dns 127\.0\.0\.11:53/);
    for (const port of [8080, 9000]) {
      assert.match(cfg, new RegExp(`frontend ep_${port}\\n  bind :${port}\\n`));
      assert.match(cfg, new RegExp(`backend be_${port}\\n  balance roundrobin\\n  server-template i \\d+ web\\.a1b2c3\\.svc\\.spcs\\.internal:${port} init-addr none resolvers docker resolve-prefer ipv4\\n  server hold abns@spcs-hold-${port} backup\\n`));
      assert.match(cfg, new RegExp(`frontend hold_${port}\\n  bind abns@spcs-hold-${port}\\n  http-request lua\\.spcs_hold held_${port}\\n`));
    }
    assert.match(cfg, /timeout http-keep-alive 7s/);
    assert.match(cfg, /http-request lua\.spcs_connection_tokens if \{ req\.hdr\(connection\) /, "headers a Connection header names are dropped");
    assert.match(cfg, /http-request del-header Proxy-Connection\n/);
    assert.equal(env.SPCS_WAKE_FILE, "/spcs-wake/APP_DB.PUBLIC.WEB");
    assert.equal(env.SPCS_USER, "ALICE");
    assert.doesNotMatch(cfg, /spcs_caller_token/, "no caller token without executeAsCaller");
    assert.match(haproxySetup({ ...base, executeAsCaller: true }).files["haproxy.cfg"], /Sf-Context-Current-User-Token "%\[lua\.spcs_caller_token\]"/);
  });

  it("answers preflights and lists allowed origins normalised, one a line, in a file of their own", function () {
    const { files, env } = haproxySetup({ ...base, endpoints: [{ port: 8080, cors: { ...cors, "Access-Control-Allow-Origin": ["https://APP.example.com/", "https://b.example", "https://b.example//"] } }] });
    assert.equal(files["origins-8080.lst"], "https://app.example.com\nhttps://b.example\n");
    assert.match(files["haproxy.cfg"], /-m str -f \/ingress-config\/origins-8080\.lst/);
    assert.equal(env.SPCS_CORS_8080_METHODS, "GET");
    assert.equal(env.SPCS_CORS_8080_EXPOSE, "X-Trace, X-Frame-Options, Cross-Origin-Opener-Policy, Cross-Origin-Resource-Policy, X-Content-Type-Options, Cross-Origin-Embedder-Policy");
    const noLists = haproxySetup({ ...base, endpoints: [{ port: 8080, cors: { "Access-Control-Allow-Origin": ["https://a.example"] } }] }).files["haproxy.cfg"];
    assert.doesNotMatch(noLists, /Access-Control-Allow-Methods/, "no empty Allow-Methods on a preflight answer");
  });

  it("never turns user input into configuration text: the file is the same whatever the user, lists and origins say", function () {
    const text = fc.oneof(fc.string({ unit: "grapheme", maxLength: 30 }), fc.string({ unit: "binary", maxLength: 30 }));
    const reference = haproxySetup({ ...base, endpoints: [{ port: 8080, cors }] }).files["haproxy.cfg"];
    fc.assert(
      fc.property(text, fc.array(text, { minLength: 1, maxLength: 4 }), fc.array(text, { minLength: 1, maxLength: 3 }), (user, origins, methods) => {
        let setup;
        try {
          setup = haproxySetup({ ...base, user, endpoints: [{ port: 8080, cors: { ...cors, "Access-Control-Allow-Origin": origins, "Access-Control-Allow-Methods": methods } }] });
        } catch (e) {
          // Only a control character (it would end an HTTP header) is refused, with the field named.
          assert.ok(isSpcsError(e) && e.code === "ingress-config-invalid", String(e));
          assert.ok(/\p{Cc}/u.test(user + methods.join("")), String(e));
          return;
        }
        assert.equal(setup.files["haproxy.cfg"], reference);
        assert.equal(setup.env.SPCS_USER, user);
        for (const line of setup.files["origins-8080.lst"].split("\n").slice(0, -1)) assert.match(line, /^[^\s#][^\s]*$/u);
      }),
      { seed: 14, numRuns: 300 },
    );
  });

  it("refuses a DNS name, user or list that cannot be carried safely, naming the service and the field", function () {
    invalid(() => haproxySetup({ ...base, dnsName: "web.svc:80\n  server x 10.0.0.1" }), /DNS name/);
    invalid(() => haproxySetup({ ...base, dnsName: "web svc" }), /DNS name/);
    invalid(() => haproxySetup({ ...base, user: "ALICE\r\nX-Evil: 1" }), /user/);
    invalid(() => haproxySetup({ ...base, endpoints: [{ port: 8080, cors: { ...cors, "Access-Control-Allow-Headers": ["X-A\nX-B"] } }] }), /Access-Control-Allow-Headers/);
    invalid(() => haproxySetup({ ...base, endpoints: [{ port: 70000 }] }), /port/);
    invalid(() => haproxySetup({ ...base, idleTimeoutSecs: 0 }), /idleTimeoutSecs/);
    assert.throws(() => haproxySetup({ ...base, service: "A/B.C" }), /A\/B\.C: the service's name cannot name a wake file/);
    assert.equal(originList({ "Access-Control-Allow-Origin": ["  ", "https://a b", "#x", "https://ok.example"] }), "https://ok.example\n");
  });
});
