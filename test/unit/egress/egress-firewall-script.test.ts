import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { egressFirewallScript, type InboundRules } from "../../../provider/objects/workloads/egress-firewall-script";

/**
 * Runs the script with stand-ins for busybox's `nslookup` and for `chroot`, which prints the
 * table iptables-restore would load: what the instance's namespace would get.
 */
function loadedTable(internalSubnet: string, allowed: { host: string; port: number }[], names: Record<string, string[]>, inbound?: InboundRules, resolvConf = ""): { status: number | null; table: string; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "egress-fw-"));
  fs.writeFileSync(path.join(dir, "resolv.conf"), resolvConf);
  const write = (name: string, body: string) => fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  write("nslookup", [
    "echo 'Server:		127.0.0.11'; echo 'Address:	127.0.0.11:53'; echo",
    // The script asks for absolute names (a trailing dot).
    "case \"$1\" in *.) ;; *) echo \"** relative name $1\"; exit 1 ;; esac",
    "case \"${1%.}\" in",
    ...Object.entries(names).map(([n, ips]) => `${n}) echo 'Non-authoritative answer:'; echo 'Name:	${n}'; ${ips.map((ip) => `echo 'Address: ${ip}';`).join(" ")} ;;`),
    "*) echo \"** server can't find $1: NXDOMAIN\"; exit 1 ;;",
    "esac",
  ].join("\n"));
  write("chroot", `[ "$1" = /host ] && [ "$2" = iptables-restore ] && cat > ${dir}/table`);
  const r = spawnSync("sh", ["-c", egressFirewallScript(internalSubnet, allowed, inbound, [path.join(dir, "resolv.conf"), path.join(dir, "absent.conf")])], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, encoding: "utf8" });
  const table = fs.existsSync(path.join(dir, "table")) ? fs.readFileSync(path.join(dir, "table"), "utf8") : "";
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: r.status, table, stderr: r.stderr };
}

describe("egress firewall script", function () {
  it("drops by default and allows loopback, replies, the internal network and each resolved host:port", function () {
    const r = loadedTable("172.20.0.0/16", [{ host: "api.example.com", port: 8443 }, { host: "10.9.8.7", port: 22 }, { host: "0.0.0.0", port: 80 }, { host: "gone.example.com", port: 443 }], {
      "api.example.com": ["192.0.2.10", "192.0.2.11", "2001:db8::1"],
    });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.table.trim().split("\n"), [
      "*filter",
      ":INPUT ACCEPT [0:0]",
      ":FORWARD ACCEPT [0:0]",
      ":OUTPUT DROP [0:0]",
      "-A OUTPUT -o lo -j ACCEPT",
      "-A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT",
      "-A OUTPUT -d 172.20.0.0/16 -j ACCEPT",
      "-A OUTPUT -p tcp -d 192.0.2.10 --dport 8443 -j ACCEPT",
      "-A OUTPUT -p tcp -d 192.0.2.11 --dport 8443 -j ACCEPT",
      "-A OUTPUT -p tcp -d 10.9.8.7 --dport 22 -j ACCEPT",
      "-A OUTPUT -p tcp --dport 80 -j ACCEPT",
      "COMMIT",
    ]);
  });

  it("with something allowed, lets DNS through to the host's upstream resolvers only (not its loopback stub, not IPv6)", function () {
    const conf = "# generated\nsearch corp.example\nnameserver 127.0.0.53\nnameserver 192.0.2.53\nnameserver 2001:db8::53\nnameserver 198.51.100.53\n";
    const r = loadedTable("172.20.0.0/16", [{ host: "10.9.8.7", port: 443 }], {}, undefined, conf);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.table.split("\n").filter((l) => l.includes("--dport 53")), [
      "-A OUTPUT -p udp -d 192.0.2.53 --dport 53 -j ACCEPT",
      "-A OUTPUT -p tcp -d 192.0.2.53 --dport 53 -j ACCEPT",
      "-A OUTPUT -p udp -d 198.51.100.53 --dport 53 -j ACCEPT",
      "-A OUTPUT -p tcp -d 198.51.100.53 --dport 53 -j ACCEPT",
    ]);
    const none = loadedTable("172.20.0.0/16", [], {}, undefined, conf);
    assert.equal(none.table.includes("--dport 53"), false, "nothing allowed, no route out: no DNS rule either");
  });

  it("with inbound rules, accepts connections only from the platform and on the endpoints' ports", function () {
    const r = loadedTable("172.20.0.0/16", [], {}, { platform: "172.20.0.1", ports: ["8080", "9000:9010"] });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.table.trim().split("\n"), [
      "*filter",
      ":INPUT DROP [0:0]",
      ":FORWARD ACCEPT [0:0]",
      ":OUTPUT DROP [0:0]",
      "-A OUTPUT -o lo -j ACCEPT",
      "-A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT",
      "-A OUTPUT -d 172.20.0.0/16 -j ACCEPT",
      "-A INPUT -i lo -j ACCEPT",
      "-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT",
      "-A INPUT -s 172.20.0.1 -j ACCEPT",
      "-A INPUT -p tcp --dport 8080 -j ACCEPT",
      "-A INPUT -p tcp --dport 9000:9010 -j ACCEPT",
      "COMMIT",
    ]);
  });

  it("refuses inbound rule text that is not a port or an address", function () {
    assert.throws(() => egressFirewallScript("172.20.0.0/16", [], { ports: ["80'; reboot; '"] }), /unexpected text/);
  });

  it("refuses an internal subnet that is not IPv4 CIDR (it goes into the table unquoted)", function () {
    assert.throws(() => egressFirewallScript("172.20.0.7", [], { ports: [] }), /not IPv4 CIDR/);
    assert.throws(() => egressFirewallScript("172.20.0.0/16'; reboot; '", [], { ports: [] }), /not IPv4 CIDR/);
  });

  it("treats a host as text, never as a command", function () {
    const script = egressFirewallScript("172.20.0.0/16", [{ host: "$(touch /tmp/pwned-egress);x", port: 443 }]);
    assert.equal(spawnSync("sh", ["-n", "-c", script]).status, 0);
    assert.match(script, /ips '\$\(touch \/tmp\/pwned-egress\);x'/);
  });
});
