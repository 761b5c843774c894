import assert from "node:assert/strict";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { checkConfig, configLookup } from "../../../provider/plugin/plugin-config";

describe("plugin config", function () {
  it("accepts the four settings with working values, and the engine's own keys", function () {
    assert.deepEqual(checkConfig({ home: "/tmp/x", registry: "127.0.0.1:5000", dockerHost: "unix:///var/run/docker.sock", account: "MY_ACCOUNT", version: "0.1.0" }), []);
    assert.deepEqual(checkConfig({ dockerHost: "tcp://127.0.0.1:2375" }), []);
  });

  it("names an unknown key, suggests the setting it is one typo from, and lists the settings", function () {
    const [f] = checkConfig({ hom: "/tmp/x" });
    assert.equal(f.property, "hom");
    assert.match(f.reason, /spcs:hom is not a setting of the spcs provider \(did you mean spcs:home\?\)/);
    assert.match(f.reason, /spcs:home, spcs:registry, spcs:dockerHost, spcs:account/);
    assert.doesNotMatch(checkConfig({ colour: "x" })[0].reason, /did you mean/);
  });

  it("names a bad value, what was expected and the fix", function () {
    for (const [key, value] of [["registry", "nope"], ["registry", "127.0.0.1:99999"], ["dockerHost", "docker.example"], ["account", "1abc"], ["home", "  "]] as const) {
      const [f] = checkConfig({ [key]: value });
      assert.equal(f?.property, key, `${key}=${value}`);
      assert.match(f.reason, new RegExp(`^spcs:${key} is ${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, which is not .*; fix: pulumi config set spcs:${key} `));
    }
  });

  it("leaves values unknown during preview to the update, and takes an empty value as unset", function () {
    assert.deepEqual(checkConfig({ registry: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }), []);
    assert.deepEqual(checkConfig({ registry: "", home: "" }), []);
  });

  it("any registry host:port with a port in 1..65535 is valid, anything else is not (seeded)", function () {
    fc.assert(
      fc.property(fc.domain(), fc.integer({ min: -5, max: 70000 }), (host, port) => {
        const ok = checkConfig({ registry: `${host}:${port}` }).length === 0;
        assert.equal(ok, port >= 1 && port <= 65535);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it("gives the platform its spcs:* lookup, with ~/ expanded in home", function () {
    const get = configLookup({ home: "~/.spcs-x", registry: "127.0.0.1:5001" });
    assert.equal(get("spcs:home"), path.join(os.homedir(), ".spcs-x"));
    assert.equal(get("spcs:registry"), "127.0.0.1:5001");
    assert.equal(get("spcs:account"), undefined);
  });
});
