import { shellQuote } from "../../common/shell-quote";
import type { RuntimeContainer } from "../../model/runtime-spec";

/**
 * Set in every container of an instance that has liveness probes, so the supervisor can find a
 * container's processes in the instance's shared process namespace. Not a Snowflake variable.
 */
export const CONTAINER_MARKER_ENV = "SPCS_LOCAL_CONTAINER";

/** Whether an instance of this spec needs the supervisor (and a shared process namespace). */
export function needsLivenessSupervisor(containers: readonly Pick<RuntimeContainer, "livenessProbe">[]): boolean {
  return containers.some((c) => c.livenessProbe !== undefined);
}

/**
 * The program of an instance's network container when some container has a liveness probe: SPCS's
 * kubelet, for one instance. The local platform has no daemon, so the supervisor lives in the instance:
 * it shares the network namespace (probes go to 127.0.0.1, as SPCS's do to the container) and the process
 * namespace of the spec containers. Every second it sends the probes that are due (HTTP GET; busybox wget
 * fails on anything but a 2xx, and SPCS counts only 200); after failureThreshold consecutive failures it
 * kills the container's processes (found by CONTAINER_MARKER_ENV), the container exits, and the restart
 * policy starts it again: restartCount grows, as in SPCS. Counting starts again after a restart.
 * (Busybox's `wget -T` crashes on Debian's build, so `timeout` bounds each probe.)
 */
export function livenessSupervisorScript(containers: readonly Pick<RuntimeContainer, "name" | "livenessProbe">[]): string {
  const probed = containers.filter((c) => c.livenessProbe);
  const lines = [
    "kill_container() {",
    "  for p in /proc/[0-9]*; do",
    `    if tr '\\0' '\\n' < "$p/environ" 2>/dev/null | grep -qxF "${CONTAINER_MARKER_ENV}=$1"; then kill -9 "\${p#/proc/}" 2>/dev/null; fi`,
    "  done",
    "}",
    "trap 'exit 0' TERM INT",
    ...probed.map((_, i) => `fails_${i}=0`),
    "t=0",
    "while true; do",
    ...probed.flatMap((c, i) => {
      const p = c.livenessProbe!;
      const url = shellQuote(`http://127.0.0.1:${p.port}${p.path}`);
      // Every value from the spec is one quoted word: a probe path such as `/x"$(cmd)"` stays text.
      const message = shellQuote(`liveness probe failing at path: ${p.path}, port: ${p.port}: restarting container ${c.name}`);
      return [
        `  if [ $((t % ${p.periodSeconds})) -eq 0 ]; then`,
        `    if timeout 2 wget -q -O /dev/null ${url}; then fails_${i}=0; else fails_${i}=$((fails_${i} + 1)); fi`,
        `    if [ "$fails_${i}" -ge ${p.failureThreshold} ]; then echo ${message}; kill_container ${shellQuote(c.name)}; fails_${i}=0; fi`,
        "  fi",
      ];
    }),
    "  sleep 1 & wait $!",
    "  t=$((t + 1))",
    "done",
  ];
  return lines.join("\n") + "\n";
}
