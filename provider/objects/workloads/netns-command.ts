import { shellQuote } from "../../common/shell-quote";

/**
 * The line an instance's network container prints once its firewall is loaded: the runtime starts no
 * spec container before it (instance-runner.ts). Platform text, never from a spec.
 */
export const FIREWALL_APPLIED_LINE = "spcs-local: network rules applied";

/**
 * The network container's command: the firewall script first (egress-firewall-script.ts, kept in a file
 * the platform rewrites on live changes: firewall-file.ts; `set -e`, so a failure ends the container with
 * the script's status and stderr before the line), then the line, then what the container does for the
 * rest of its life: sleep, or supervise liveness probes (liveness-supervisor.ts). It runs again at every
 * start of the container, so a restarted namespace gets its table again before anything in it can use
 * the network.
 */
export function netnsCommand(firewallScriptFile: string, supervisorScript: string | undefined): string[] {
  const program = supervisorScript ?? "exec sleep 2147483647\n";
  return ["sh", "-c", `sh ${shellQuote(firewallScriptFile)} || exit $?\necho '${FIREWALL_APPLIED_LINE}'\n${program}`];
}
