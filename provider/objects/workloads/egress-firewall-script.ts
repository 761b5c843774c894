import { shellQuote } from "../../common/shell-quote";
import type { HostPort } from "../network-rules/host-port";

/**
 * The script that gives an instance's network namespace its filter: run by the instance's network
 * container as its first act at every start (netns-command.ts), and by the live re-application helper
 * (egress-firewall.ts).
 * It resolves each allowed host there (through the instance's own DNS, so a name means what it means to
 * the service), then loads one iptables filter table atomically (`iptables-restore`): loopback, replies,
 * and the platform's internal network pass; each allowed address:port passes (TCP); everything else is
 * dropped, as SPCS drops denied egress packets. `0.0.0.0` allows any address on its port.
 *
 * With `inbound`, the same table filters what reaches the instance (SPCS §6.1: only declared endpoints
 * accept traffic from other services and instances): loopback (containers of one instance talk over
 * localhost), replies, the platform itself (the network's gateway: readiness probes, the host's tools)
 * and TCP to the spec's endpoint ports and port ranges pass; everything else is dropped. One table,
 * loaded atomically, because iptables-restore replaces the whole table.
 *
 * The iptables binary is the engine host's (mounted read-only at /host): Docker itself needs it there,
 * so no image has to carry one. Host names and ports are quoted: a VALUE_LIST is user input.
 */
export function egressFirewallScript(internalSubnet: string, allowed: readonly HostPort[], inbound?: InboundRules, resolvConfs: readonly string[] = HOST_RESOLV_CONFS): string {
  // Numbers only (checked here, not trusted from the caller): it goes into the script unquoted.
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(internalSubnet)) throw new Error(`refusing an internal subnet that is not IPv4 CIDR: ${internalSubnet}`);
  const lines = [
    "set -e",
    // busybox nslookup prints the server first, then `Name:` and the answers; IPv6 answers are skipped.
    // The trailing dot makes the name absolute: the instance's search domain (its schema's service
    // domain) is for service names, and busybox nslookup would try only the searched form.
    `ips() { case "$1" in *[!0-9.]*) nslookup "$1." 2>/dev/null | awk '/^Name:/{n=1} n && /^Address:/{print $2}' | grep -v ':' | sort -u || true ;; *) echo "$1" ;; esac; }`,
    "{",
    "echo '*filter'",
    `echo ':INPUT ${inbound ? "DROP" : "ACCEPT"} [0:0]'`,
    "echo ':FORWARD ACCEPT [0:0]'",
    "echo ':OUTPUT DROP [0:0]'",
    "echo '-A OUTPUT -o lo -j ACCEPT'",
    "echo '-A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT'",
    `echo '-A OUTPUT -d ${internalSubnet} -j ACCEPT'`,
    // DNS to the engine's upstream resolvers: Docker's embedded DNS forwards the names it does not own
    // from inside the instance's namespace, so without this an allowed host could not even be resolved
    // by the service. Only when something is allowed: without integrations there is no route out.
    ...(allowed.length ? [`for ns in $(cat ${resolvConfs.map(shellQuote).join(" ")} 2>/dev/null | awk '$1 == "nameserver" && $2 !~ /^127\\./ && $2 !~ /:/ {print $2}' | sort -u); do echo "-A OUTPUT -p udp -d $ns --dport 53 -j ACCEPT"; echo "-A OUTPUT -p tcp -d $ns --dport 53 -j ACCEPT"; done`] : []),
    ...allowed.map((hp) =>
      hp.host === "0.0.0.0"
        ? `echo ${shellQuote(`-A OUTPUT -p tcp --dport ${hp.port} -j ACCEPT`)}`
        : `for ip in $(ips ${shellQuote(hp.host)}); do echo "-A OUTPUT -p tcp -d $ip --dport ${hp.port} -j ACCEPT"; done`,
    ),
    ...(inbound ? inboundLines(inbound) : []),
    "echo COMMIT",
    // Without COMMIT (a line above failed) iptables-restore changes nothing and fails.
    "} | chroot /host iptables-restore",
  ];
  return lines.join("\n");
}

/**
 * Where the engine host keeps the resolvers Docker forwards to (seen under /host in the network container and the helper): its
 * resolv.conf, or systemd-resolved's upstream list when resolv.conf names only the local stub.
 */
export const HOST_RESOLV_CONFS = ["/host/etc/resolv.conf", "/host/run/systemd/resolve/resolv.conf"];

/** Who may open connections to an instance: the platform (its gateway address) and the endpoints' ports. */
export interface InboundRules {
  /** The platform network's gateway (the engine host): readiness probes come from it. */
  platform?: string;
  /** Endpoint ports, `8080` or a range `9000:9010` (iptables' form of a spec's `9000-9010`). */
  ports: readonly string[];
}

function inboundLines(inbound: InboundRules): string[] {
  const rules = ["-A INPUT -i lo -j ACCEPT", "-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT"];
  if (inbound.platform) rules.push(`-A INPUT -s ${inbound.platform} -j ACCEPT`);
  for (const p of inbound.ports) rules.push(`-A INPUT -p tcp --dport ${p} -j ACCEPT`);
  // Numbers and addresses only (checked here, not trusted from the caller), so nothing needs quoting.
  for (const r of rules) if (!/^[-A-Za-z0-9 .,:]+$/.test(r)) throw new Error(`refusing an inbound rule with unexpected text: ${r}`);
  return rules.map((r) => `echo '${r}'`);
}
