import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { egressFirewallScript } from "../../../provider/objects/workloads/egress-firewall-script";
import { FIREWALL_APPLIED_LINE, netnsCommand } from "../../../provider/objects/workloads/netns-command";

/**
 * The network container's command, run by sh on a script file with a stand-in `chroot` (what would call the host's
 * iptables-restore): the line that lets spec containers start comes only after the table loaded, and the
 * container's program runs only then.
 */
function run(restoreExit: number, supervisor: string | undefined): { status: number | null; stdout: string; stderr: string; table: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "netns-cmd-"));
  const complaint = restoreExit ? 'echo "iptables-restore: line 3 failed" >&2\n' : "";
  fs.writeFileSync(path.join(dir, "chroot"), `#!/bin/sh\ncat > ${dir}/table\n${complaint}exit ${restoreExit}\n`, { mode: 0o755 });
  // The script file in a folder with a space: its path is quoted in the command.
  fs.mkdirSync(path.join(dir, "fire wall"));
  const file = path.join(dir, "fire wall", "x.sh");
  fs.writeFileSync(file, egressFirewallScript("172.20.0.0/16", [], { ports: ["8080"] }, []));
  const [sh, flag, script] = netnsCommand(file, supervisor);
  const r = spawnSync(sh, [flag, script], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, encoding: "utf8" });
  const table = fs.existsSync(path.join(dir, "table")) ? fs.readFileSync(path.join(dir, "table"), "utf8") : "";
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, table };
}

describe("network container command", function () {
  it("loads the table, then prints the line, then runs the container's program (which may fail without ending it)", function () {
    const r = run(0, "false\necho supervising\n");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.table, /:OUTPUT DROP/);
    assert.deepEqual(r.stdout.trim().split("\n"), [FIREWALL_APPLIED_LINE, "supervising"]);
  });

  it("ends with the loader's status and words, before the line, when the table cannot be loaded", function () {
    const r = run(4, "echo supervising\n");
    assert.equal(r.status, 4);
    assert.equal(r.stdout.includes(FIREWALL_APPLIED_LINE), false);
    assert.equal(r.stdout.includes("supervising"), false);
    assert.match(r.stderr, /iptables-restore: line 3 failed/);
  });

  it("sleeps (exec, so the init process signals it directly) when there is no supervisor", function () {
    const [, , script] = netnsCommand("/spcs-firewall/x.sh", undefined);
    assert.match(script, /\nexec sleep 2147483647\n$/);
    assert.equal(spawnSync("sh", ["-n", "-c", script]).status, 0);
  });
});
