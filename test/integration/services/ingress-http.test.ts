import assert from "node:assert/strict";
import * as http from "node:http";
import * as net from "node:net";
import { upgradeService } from "../../../provider/objects/services/service-updates";
import { awaitServiceReady } from "../../../provider/objects/services/await-service-ready";
import type { RuntimeContainer, RuntimeSpec } from "../../../provider/model/runtime-spec";
import { createService, dropService } from "../../../provider/statements/services";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const ALLOWED = "https://app.example.com";

/**
 * `/cgi-bin/echo` answers with the request headers the service received (CGI's HTTP_* variables) and
 * sets CORS and Server headers of its own, which the ingress must strip or keep.
 */
const ECHO_CGI = "#!/bin/sh\nprintf 'Content-Type: text/plain\\r\\nAccess-Control-Allow-Origin: https://evil.example\\r\\nX-Powered-By: cgi\\r\\n\\r\\n'\nenv | grep '^HTTP_' | sort\n";
function echoContainer(extra: Partial<RuntimeContainer> = {}): RuntimeContainer {
  return {
    name: "web", image: APP_IMAGE, command: ["sh", "-c"],
    args: [`mkdir -p /www/cgi-bin && echo hello > /www/index.html && printf '%s' "$ECHO_CGI" > /www/cgi-bin/echo && chmod +x /www/cgi-bin/echo && exec httpd -f -p 8080 -h /www`],
    env: { ECHO_CGI }, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session",
    readinessProbe: { port: 8080, path: "/index.html", periodSeconds: 1, failureThreshold: 3 },
    ...extra,
  };
}

const withCors: RuntimeSpec = {
  containers: [echoContainer()],
  endpoints: [{
    name: "web", port: 8080, public: true, protocol: "HTTP",
    corsSettings: { "Access-Control-Allow-Origin": [ALLOWED], "Access-Control-Allow-Methods": ["GET", "POST"], "Access-Control-Allow-Headers": ["X-Custom"], "Access-Control-Expose-Headers": ["X-Trace"] },
  }],
  volumes: [],
  executeAsCaller: true,
};
const plain: RuntimeSpec = { containers: [echoContainer()], endpoints: [{ name: "web", port: 8080, public: true, protocol: "HTTP" }], volumes: [] };

/** Parses the echo's `HTTP_X=value` lines. */
async function echoed(res: Response): Promise<Record<string, string>> {
  const text = await res.text();
  return Object.fromEntries(text.trim().split("\n").filter(Boolean).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
}

/**
 * The ingress speaks HTTP as SPCS's does: the service sees the platform's user in Sf-Context-Current-User
 * (and a caller token with executeAsCaller), never what a client claims; corsSettings answer preflights
 * and decide the Access-Control-* headers; an idle connection is closed; a request waits for a READY
 * instance rather than reaching one that is not.
 */
describe("integration: the ingress's HTTP behaviour (headers, CORS, idle timeout, READY only)", function () {
  let tp: TestPlatform;
  const key = (name: string) => ({ database: "APP_DB", schema: "PUBLIC", name });
  const def = (name: string, spec: RuntimeSpec, instances = 1) => ({ key: key(name), computePool: "HTTP_POOL", spec, specDigest: "d", minInstances: instances, maxInstances: instances, minReadyInstances: instances, autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null });
  const urls: Record<string, string> = {};

  before(async function () {
    // A short idle timeout (SPCS's is 90 s) keeps the test short; the user is the platform's setting.
    tp = await startTestPlatform("it-ingress-http", { user: "ALICE", ingressIdleTimeoutSecs: 2 });
    seedPool(tp, "HTTP_POOL", 3);
    await seedAppImage(tp);
    for (const [name, spec] of [["CALLER", withCors], ["PLAIN", plain]] as const) {
      await createService(tp.platform, def(name, spec));
      urls[name] = `http://${(await awaitServiceReady(tp.platform, key(name), 60)).endpoints[0].ingressUrl}`;
    }
  });
  after(async function () {
    for (const s of tp?.platform.catalog.services.list() ?? []) await dropService(tp.platform, key(s.name), { ifExists: true });
    await tp?.dispose();
  });

  it("tells the service who calls: the platform's user, and the caller's token only with executeAsCaller", async function () {
    const spoof = { "Sf-Context-Current-User": "MALLORY", "Sf-Context-Current-User-Token": "forged", Authorization: 'Snowflake Token="pat-secret"', "X-Custom": "kept" };
    const caller = await echoed(await fetch(`${urls.CALLER}/cgi-bin/echo`, { headers: spoof }));
    assert.equal(caller.HTTP_SF_CONTEXT_CURRENT_USER, "ALICE");
    assert.match(caller.HTTP_SF_CONTEXT_CURRENT_USER_TOKEN ?? "", /^local-caller\.[A-Za-z0-9_-]+$/);
    const claims = JSON.parse(Buffer.from(caller.HTTP_SF_CONTEXT_CURRENT_USER_TOKEN.split(".")[1], "base64url").toString());
    assert.equal(claims.user, "ALICE");
    assert.equal(caller.HTTP_AUTHORIZATION, undefined, "the Snowflake token never reaches the service");
    assert.equal(caller.HTTP_X_CUSTOM, "kept");

    const other = await echoed(await fetch(`${urls.PLAIN}/cgi-bin/echo`, { headers: spoof }));
    assert.equal(other.HTTP_SF_CONTEXT_CURRENT_USER, "ALICE");
    assert.equal(other.HTTP_SF_CONTEXT_CURRENT_USER_TOKEN, undefined, "no caller token without executeAsCaller");
  });

  it("keeps hop-by-hop headers, and those a Connection header names, from the service", async function () {
    const { port } = new URL(urls.PLAIN);
    const text = await new Promise<string>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: Number(port), path: "/cgi-bin/echo", agent: false, headers: { Connection: "keep-alive, X-Hop", "X-Hop": "1", "Keep-Alive": "timeout=5", "Proxy-Connection": "keep-alive", "X-Custom": "kept" } });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (b: Buffer) => (body += b.toString())).on("end", () => resolve(body));
      });
      req.on("error", reject);
      req.end();
    });
    const seen = Object.fromEntries(text.trim().split("\n").map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
    for (const gone of ["HTTP_X_HOP", "HTTP_KEEP_ALIVE", "HTTP_PROXY_CONNECTION"]) assert.equal(seen[gone], undefined, `${gone}: ${text}`);
    assert.equal(seen.HTTP_X_CUSTOM, "kept");
    assert.equal(seen.HTTP_SF_CONTEXT_CURRENT_USER, "ALICE");
  });

  it("answers an allowed preflight itself, with SPCS's CORS headers", async function () {
    const res = await fetch(`${urls.CALLER}/cgi-bin/echo`, { method: "OPTIONS", headers: { Origin: ALLOWED, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "X-Custom" } });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-origin"), ALLOWED);
    assert.equal(res.headers.get("access-control-allow-methods"), "GET, POST");
    assert.equal(res.headers.get("access-control-allow-headers"), "X-Custom");
    assert.equal(res.headers.get("access-control-allow-credentials"), "true");
    assert.equal(res.headers.get("access-control-max-age"), "7200");
    assert.equal(res.headers.get("vary"), "Origin");
  });

  it("puts CORS headers on answers to allowed origins only, and drops the service's own", async function () {
    const allowed = await fetch(`${urls.CALLER}/cgi-bin/echo`, { headers: { Origin: ALLOWED } });
    assert.equal(allowed.headers.get("access-control-allow-origin"), ALLOWED);
    assert.equal(allowed.headers.get("access-control-allow-credentials"), "true");
    assert.match(allowed.headers.get("vary") ?? "", /Origin/);
    assert.match(allowed.headers.get("access-control-expose-headers") ?? "", /^X-Trace, X-Frame-Options/);
    assert.equal(allowed.headers.get("x-frame-options"), "DENY");
    assert.equal(allowed.headers.get("x-powered-by"), null, "SPCS's proxy strips X-Powered-By");
    await allowed.text();

    const stranger = await fetch(`${urls.CALLER}/cgi-bin/echo`, { headers: { Origin: "https://other.example.com" } });
    assert.equal(stranger.headers.get("access-control-allow-origin"), null);
    await stranger.text();
    const preflight = await fetch(`${urls.CALLER}/cgi-bin/echo`, { method: "OPTIONS", headers: { Origin: "https://other.example.com", "Access-Control-Request-Method": "POST" } });
    assert.equal(preflight.headers.get("access-control-allow-origin"), null, "a stranger's preflight is not allowed");
    await preflight.text();

    // Without corsSettings the service's own CORS headers pass.
    const plainRes = await fetch(`${urls.PLAIN}/cgi-bin/echo`, { headers: { Origin: ALLOWED } });
    assert.equal(plainRes.headers.get("access-control-allow-origin"), "https://evil.example");
    await plainRes.text();
  });

  it("refuses TRACE and CONNECT itself, as SPCS's proxy does", async function () {
    const { port } = new URL(urls.PLAIN);
    for (const method of ["TRACE", "CONNECT"]) {
      const [status, body] = await new Promise<[number, string]>((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port: Number(port), method, path: method === "CONNECT" ? "example.com:443" : "/index.html", headers: method === "CONNECT" ? { host: "example.com:443" } : {} });
        req.on("response", (res) => {
          let text = "";
          res.on("data", (b: Buffer) => (text += b.toString())).on("end", () => resolve([res.statusCode ?? 0, text]));
        });
        // Node hands a CONNECT's answer to "connect" whatever its status.
        req.on("connect", (res, socket) => {
          socket.destroy();
          resolve([res.statusCode ?? 0, ""]);
        });
        req.on("error", reject);
        req.end();
      });
      assert.equal(status, 405, method);
      if (method === "TRACE") assert.equal(body, "Method Not Allowed\n");
    }
  });

  it("passes a WebSocket upgrade through, with the caller's headers, and relays both ways", async function () {
    // Port 8081 answers any request with 101 (the accept of RFC 6455's sample key) and the
    // Sf-Context-Current-User it got, then echoes what comes.
    const upgrader = "#!/bin/sh\nuser=\nwhile IFS= read -r line; do line=$(printf '%s' \"$line\" | tr -d '\\r'); [ -z \"$line\" ] && break; case \"$line\" in Sf-Context-Current-User:*|sf-context-current-user:*) user=${line#*: };; esac; done\nprintf 'HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\\r\\nX-User: %s\\r\\n\\r\\n' \"$user\"\nexec cat\n";
    const ws: RuntimeSpec = {
      ...plain,
      containers: [echoContainer({ args: [`mkdir -p /www && echo hello > /www/index.html && printf '%s' "$UPGRADER" > /upgrade.sh && chmod +x /upgrade.sh && (nc -ll -p 8081 -e /upgrade.sh &) && exec httpd -f -p 8080 -h /www`], env: { ECHO_CGI, UPGRADER: upgrader } })],
      endpoints: [{ name: "web", port: 8080, public: true, protocol: "HTTP" }, { name: "ws", port: 8081, public: true, protocol: "HTTP" }],
    };
    await createService(tp.platform, def("SOCKETS", ws));
    const d = await awaitServiceReady(tp.platform, key("SOCKETS"), 60);
    const address = d.endpoints.find((e) => e.name === "ws")!.ingressUrl!;
    const [host, port] = address.split(":");
    const socket = net.connect(Number(port), host);
    let received = "";
    socket.on("data", (b) => (received += b.toString()));
    const until = async (re: RegExp) => {
      for (let i = 0; i < 100 && !re.test(received); i++) await new Promise((r) => setTimeout(r, 100));
      return received;
    };
    socket.write("GET /chat HTTP/1.1\r\nHost: ingress\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSf-Context-Current-User: MALLORY\r\n\r\n");
    assert.match(await until(/\r\n\r\n/), /^HTTP\/1\.1 101 Switching Protocols\r\n[\s\S]*X-User: ALICE\r\n/i);
    socket.write("ping over the tunnel\n");
    assert.match(await until(/ping over the tunnel\n/), /\r\n\r\nping over the tunnel\n$/);
    socket.destroy();
  });

  it("closes a connection that stays idle for the idle timeout", async function () {
    const { port } = new URL(urls.PLAIN);
    const socket = net.connect(Number(port), "127.0.0.1");
    let received = "";
    socket.on("data", (b) => (received += b.toString()));
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.write("GET /index.html HTTP/1.1\r\nHost: ingress\r\nConnection: keep-alive\r\n\r\n");
    // SPCS's 90 s would outlast this limit; the platform's 2 s does not.
    const outcome = await Promise.race([closed.then(() => "closed"), new Promise((r) => setTimeout(() => r("still open"), 30_000))]);
    socket.destroy();
    assert.match(received, /^HTTP\/1\.1 200 OK[\s\S]*\r\n\r\nhello\n$/, "the request was answered on the connection first");
    assert.equal(outcome, "closed");
  });

  it("sends requests only to READY instances: an upgraded instance gets none until it is READY", async function () {
    // Two instances, upgraded one at a time: one READY instance always serves, so no request waits.
    await createService(tp.platform, def("LATE", plain, 2));
    const url = `http://${(await awaitServiceReady(tp.platform, key("LATE"), 60)).endpoints[0].ingressUrl}`;
    // The new version answers "starting" at once and turns READY (answering "ready") 3 s later.
    const late: RuntimeSpec = {
      ...plain,
      containers: [echoContainer({
        args: ["mkdir -p /www && echo starting > /www/index.html && (sleep 3; echo ready > /www/index.html; touch /www/ready.txt) & exec httpd -f -p 8080 -h /www"],
        readinessProbe: { port: 8080, path: "/ready.txt", periodSeconds: 1, failureThreshold: 3 },
      })],
    };
    const answers = new Set<string>();
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const res = await fetch(`${url}/index.html`, { signal: AbortSignal.timeout(30_000) });
        answers.add((await res.text()).trim());
        if (answers.has("ready")) polling = false; // the new version answers: the upgrade is through
      }
    })();
    try {
      await upgradeService(tp.platform, key("LATE"), late, "d2", 60, () => undefined);
    } catch (e) {
      polling = false;
      await poller.catch(() => undefined);
      throw e;
    }
    await poller; // its last answer came from the new version
    assert.deepEqual([...answers].sort(), ["hello", "ready"], "no request reached the new instance before it was READY, and none failed");
  });
});
