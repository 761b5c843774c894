/**
 * The line an instance's network container prints once its firewall is loaded: the runtime starts no
 * spec container before it (instance-runner.ts). Platform text, never from a spec.
 */
export const FIREWALL_APPLIED_LINE = "spcs-local: network rules applied";

/**
 * The network container's command: the firewall first (egress-firewall-script.ts, `set -e`: a failure ends
 * the container with the script's stderr before the line is printed), then the line, then what the
 * container does for the rest of its life: sleep, or supervise liveness probes (liveness-supervisor.ts).
 * It runs again at every start of the container, so a restarted namespace gets its table again before
 * anything in it can use the network.
 */
export function netnsCommand(firewallScript: string, supervisorScript: string | undefined): string[] {
  const program = supervisorScript ?? "exec sleep 2147483647\n";
  // The supervisor's loop must survive a failing `kill` or probe: `set -e` ends with the firewall.
  return ["sh", "-c", `${firewallScript}\nset +e\necho '${FIREWALL_APPLIED_LINE}'\n${program}`];
}
