import * as fs from "node:fs";
import * as path from "node:path";
import { ownerOnlyDir } from "../../common/owner-only";
import type { Mount } from "../../runtime/container-runtime";

/**
 * An instance's current firewall script, kept in the platform home: its network container runs it at every
 * start, so a restart loads the table the integrations allow now, also after a live change
 * (egress-firewall.ts rewrites it before reloading). The folder, not the file, is mounted, so a file
 * replaced by a rename is seen. Like every bind mount of the platform, it assumes the engine runs on this host.
 */
const DIR_IN_CONTAINER = "/spcs-firewall";

const dirOf = (home: string) => path.join(home, "firewall");
const fileName = (netnsName: string) => `${netnsName.replace(/[^a-z0-9._-]/gi, "_")}.sh`;

/** The mount that shows the scripts to a network container (read-only). */
export function firewallMount(home: string): Mount {
  return { source: ownerOnlyDir(dirOf(home)), target: DIR_IN_CONTAINER, readOnly: true };
}

/** Where the network container reads its script. */
export function firewallFileInContainer(netnsName: string): string {
  return path.posix.join(DIR_IN_CONTAINER, fileName(netnsName));
}

/** Replaced whole (a temporary file renamed over it): a start reading it at that moment reads one version. */
export function writeFirewallFile(home: string, netnsName: string, script: string): void {
  const file = path.join(ownerOnlyDir(dirOf(home)), fileName(netnsName));
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, script + "\n", { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function removeFirewallFile(home: string, netnsName: string): void {
  fs.rmSync(path.join(dirOf(home), fileName(netnsName)), { force: true });
}
