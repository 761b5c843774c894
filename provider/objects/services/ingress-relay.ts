import { shellQuote } from "../../common/shell-quote";

/** What the ingress prints once every listener is up. */
export const INGRESS_LISTENING = "ingress: listening";
/** Connection attempts per client connection, RETRY_PAUSE apart: about 5 s without any READY instance. */
export const RELAY_ATTEMPTS = 20;
const RETRY_PAUSE = "0.25";
/**
 * Attempts once no instance carries the service's name ("bad address"): the service may be suspended, and
 * a resume by the platform agent (AUTO_RESUME) takes a few seconds; the request is held meanwhile.
 */
export const WAKE_ATTEMPTS = 240;
/** Where the ingress sees the platform's wake folder (agent/platform-agent.ts). */
export const WAKE_MOUNT = "/spcs-wake";
/** Seconds a connect (with its DNS lookup) may take before the next attempt resolves the name again. */
const CONNECT_TIMEOUT_SECONDS = 1;

/**
 * The ingress container's command: per public port, busybox `nc -ll -p PORT -e RELAY`, a persistent
 * listener that forks one RELAY per client connection (measured: concurrent clients are served at once,
 * children are reaped). RELAY gets the client socket as stdin/stdout and connects it to the service's DNS
 * name with `nc`, which resolves the name for that connection: Docker's DNS answers with the READY
 * instances in random order, which spreads connections over them.
 *
 * A connect that fails (no instance carries the name for a moment, as during the upgrade of a
 * one-instance service, or an instance that just left) is retried with a fresh lookup; only a failure to
 * connect is retried (nc's "bad address", "can't connect", "timed out"), never a connection that was
 * made, whose bytes are spent. busybox's `nc -e` takes a program without arguments, hence one script per
 * port, written at start.
 */
export function ingressRelayCommand(dnsName: string, ports: number[], service: string): string[] {
  const lines = ["set -e", "mkdir -p /relay"];
  for (const port of ports) {
    lines.push(`cat > /relay/${port} <<'EOF'\n${relayScript(dnsName, port, service)}EOF`, `chmod +x /relay/${port}`);
    // The listener never exits on its own; if it did, the loop opens the port again.
    lines.push(`(while :; do nc -ll -p ${port} -e /relay/${port}; sleep 1; done) &`);
  }
  // Docker's proxy accepts connections on the host port before the listener is up; the platform waits
  // for this line before it hands out the URL.
  lines.push(`until [ "$(netstat -ltn | grep -cE ':(${ports.join("|")}) ')" -ge ${ports.length} ]; do sleep 0.05; done`, `echo "${INGRESS_LISTENING}"`, "wait");
  return ["sh", "-c", lines.join("\n")];
}

function relayScript(dnsName: string, port: number, service: string): string {
  return `#!/bin/sh
i=1
max=${RELAY_ATTEMPTS}
while :; do
  { err=$(nc -w ${CONNECT_TIMEOUT_SECONDS} ${shellQuote(dnsName)} ${port} 2>&1 1>&3); rc=$?; } 3>&1
  [ $rc -eq 0 ] && exit 0
  case "$err" in *"bad address"*|*"can't connect"*|*"timed out"*) ;; *) exit $rc ;; esac
  # No instance carries the name: perhaps suspended. Ask the agent to resume it, and hold the request.
  case "$err" in *"bad address"*) if [ $max -ne ${WAKE_ATTEMPTS} ]; then touch ${shellQuote(`${WAKE_MOUNT}/${service}`)} 2>/dev/null; max=${WAKE_ATTEMPTS}; fi ;; esac
  if [ $i -ge $max ]; then echo ${shellQuote(`ingress: no instance of ${dnsName} answered on port ${port}:`)} "$err" >&2; exit $rc; fi
  i=$((i+1))
  sleep ${RETRY_PAUSE}
done
`;
}
