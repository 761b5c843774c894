import { SpcsError } from "../../common/errors";

/** One VALUE_LIST entry of a HOST_PORT rule, parsed. `host` is lower-case; `0.0.0.0` means any address. */
export interface HostPort {
  host: string;
  port: number;
}

/** A rule without a port allows 443, as SPCS's HOST_PORT rules do. */
export const DEFAULT_EGRESS_PORT = 443;

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const HOSTNAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`);
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** SPCS admits egress to these ports and to any port from 1024 up; CREATE fails for the others. */
export function egressPortAllowed(port: number): boolean {
  return port === 22 || port === 80 || port === 443 || (port >= 1024 && port <= 65535);
}

/**
 * Parses `host[:port]` as SPCS reads a HOST_PORT entry: a full host name or an IPv4 address (no
 * wildcard), and a port SPCS lets a service reach. `where` names the rule in the error.
 */
export function parseHostPort(entry: string, where: string): HostPort {
  const fail = (why: string) =>
    new SpcsError("invalid-value-list", `Invalid value '${entry}' in VALUE_LIST of network rule ${where}: ${why}.`, "write each entry as host or host:port, e.g. 'api.example.com' or 'api.example.com:8443'");
  const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(entry.trim());
  if (!m) throw fail("expected host or host:port");
  const host = m[1].toLowerCase();
  if (host.includes("*")) throw fail("wildcards are not supported for services; list each full host name");
  // Digits and dots only is an address, never a host name (RFC 1123 §2.1): each part must be 0-255, or
  // the firewall would refuse it only when a service using the rule starts.
  if (/^[\d.]+$/.test(host) && !IPV4.test(host)) throw fail("not an IPv4 address (four parts, each 0-255)");
  if (!HOSTNAME.test(host) && !IPV4.test(host)) throw fail("not a host name or IPv4 address");
  const port = m[2] === undefined ? DEFAULT_EGRESS_PORT : Number(m[2]);
  if (!egressPortAllowed(port)) throw fail(`port ${port} is not allowed: services reach ports 22, 80, 443 and 1024-65535 only`);
  return { host, port };
}
