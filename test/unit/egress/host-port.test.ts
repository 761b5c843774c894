import assert from "node:assert/strict";
import fc from "fast-check";
import { egressPortAllowed, parseHostPort } from "../../../provider/objects/network-rules/host-port";

describe("network rule VALUE_LIST entries (HOST_PORT)", function () {
  it("reads host and host:port, 443 by default, host names lower-cased", function () {
    assert.deepEqual(parseHostPort("API.Example.com", "R"), { host: "api.example.com", port: 443 });
    assert.deepEqual(parseHostPort("api.example.com:8443", "R"), { host: "api.example.com", port: 8443 });
    assert.deepEqual(parseHostPort("10.1.2.3:22", "R"), { host: "10.1.2.3", port: 22 });
    assert.deepEqual(parseHostPort("0.0.0.0:80", "R"), { host: "0.0.0.0", port: 80 });
  });

  it("refuses ports SPCS services may not reach, wildcards and non-hosts, naming the entry, the rule and a fix", function () {
    assert.throws(() => parseHostPort("db.example.com:5", "DB.S.R"), /Invalid value 'db.example.com:5' in VALUE_LIST of network rule DB.S.R: port 5 is not allowed: services reach ports 22, 80, 443 and 1024-65535 only\.\n  fix: /);
    assert.throws(() => parseHostPort("*.example.com", "R"), /wildcards are not supported/);
    assert.throws(() => parseHostPort("http://x.com", "R"), /expected host or host:port/);
    assert.throws(() => parseHostPort("a b", "R"), /not a host name or IPv4 address/);
    assert.throws(() => parseHostPort("x.com:70000", "R"), /port 70000 is not allowed/);
    assert.throws(() => parseHostPort("999.1.1.1:443", "R"), /'999.1.1.1:443' in VALUE_LIST of network rule R: not an IPv4 address \(four parts, each 0-255\)/);
    assert.throws(() => parseHostPort("10.1.2", "R"), /not an IPv4 address/);
  });

  it("admits exactly 22, 80, 443 and 1024-65535", function () {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70000 }), (port) => {
        assert.equal(egressPortAllowed(port), port === 22 || port === 80 || port === 443 || (port >= 1024 && port <= 65535));
      }),
      { seed: 20261202, numRuns: 200 },
    );
  });

  it("never accepts an entry with shell or path characters as a host", function () {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }).filter((s) => /[^a-zA-Z0-9.:-]/.test(s.trim())), (s) => {
        assert.throws(() => parseHostPort(s, "R"));
      }),
      { seed: 20261202, numRuns: 200 },
    );
  });
});
