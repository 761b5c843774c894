import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { haproxyPackagesDir } from "../../../provider/common/tools-cache";
import { CONFIG_MOUNT, HAPROXY_CFG, LUA_PATH, haproxySetup } from "../../../provider/objects/services/ingress-proxy/haproxy-config";
import { INGRESS_LUA } from "../../../provider/objects/services/ingress-proxy/ingress-lua";
import type { IngressProxyConfig } from "../../../provider/objects/services/ingress-proxy/ingress-proxy-config";
import { ensureHaproxyPackages } from "../../../provider/provision/haproxy-packages";

const base: IngressProxyConfig = { dnsName: "web.a1b2c3.svc.spcs.internal", service: "APP_DB.PUBLIC.WEB", endpoints: [{ port: 8080 }], user: "ALICE", executeAsCaller: false, callerTokenValiditySecs: 120, idleTimeoutSecs: 90 };

/**
 * haproxy from the packages `platform up` unpacks (the same binary the ingress image holds) checks each
 * generated configuration with `-c`: what the unit tests say about the text, haproxy itself accepts.
 */
describe("integration: haproxy accepts the ingress configuration it is given", function () {
  let dir: string;
  before(async function () {
    await ensureHaproxyPackages(() => undefined);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-haproxy-check-"));
    fs.writeFileSync(path.join(dir, "ingress.lua"), INGRESS_LUA);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function check(config: IngressProxyConfig): { ok: boolean; output: string } {
    const setup = haproxySetup(config);
    for (const f of fs.readdirSync(dir)) if (f !== "ingress.lua") fs.rmSync(path.join(dir, f));
    for (const [file, text] of Object.entries(setup.files)) {
      // The image's paths, pointed at this folder.
      fs.writeFileSync(path.join(dir, file), text.split(`${CONFIG_MOUNT}/`).join(`${dir}/`).split(LUA_PATH).join(path.join(dir, "ingress.lua")));
    }
    const root = path.join(haproxyPackagesDir(), "root");
    const res = spawnSync(path.join(root, "usr/sbin/haproxy"), ["-c", "-f", path.join(dir, HAPROXY_CFG)], { encoding: "utf8", env: { ...process.env, ...setup.env, LD_LIBRARY_PATH: path.join(root, "usr/lib/x86_64-linux-gnu") } });
    const output = `${res.stdout}${res.stderr}`;
    return { ok: res.status === 0 && !/WARNING|ALERT/.test(output), output };
  }

  it("with CORS, a caller token and several endpoints: valid, and without a warning", function () {
    for (const config of [
      base,
      { ...base, executeAsCaller: true, endpoints: [{ port: 8080, cors: { "Access-Control-Allow-Origin": ["https://app.example.com"], "Access-Control-Allow-Methods": ["GET", "POST"], "Access-Control-Allow-Headers": ["X-A"], "Access-Control-Expose-Headers": ["X-Trace"] } }, { port: 9000 }] },
      { ...base, endpoints: [{ port: 80, cors: { "Access-Control-Allow-Origin": ["https://a.example"] } }] },
    ]) {
      const { ok, output } = check(config);
      assert.ok(ok, output);
    }
  });

  it("whatever users and origins say, the configuration stays valid", function () {
    const text = fc.string({ unit: "grapheme", maxLength: 20 }).filter((s) => !/\p{Cc}/u.test(s));
    fc.assert(
      fc.property(text, fc.array(text, { minLength: 1, maxLength: 3 }), (user, origins) => {
        const { ok, output } = check({ ...base, user, executeAsCaller: true, endpoints: [{ port: 8080, cors: { "Access-Control-Allow-Origin": origins, "Access-Control-Allow-Methods": origins } }] });
        assert.ok(ok, output);
      }),
      { seed: 14, numRuns: 15 },
    );
  });
});
