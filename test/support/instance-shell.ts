import { managedLabels } from "../../provider/common/labels";
import { baseImageRepo } from "../../provider/model/platform-images";
import { netnsContainerName } from "../../provider/model/service-naming";
import type { TestPlatform } from "./test-platform";

/**
 * Runs a busybox shell script inside one service instance's network namespace (its address, its DNS
 * search domain, its firewall), as a process of that instance would, and returns what it printed.
 */
export async function runInInstance(tp: TestPlatform, k: { database: string; schema: string; name: string }, instanceId: number, script: string, timeoutMs = 60_000): Promise<string> {
  const r = await tp.platform.docker.runToCompletion({
    image: `${baseImageRepo(tp.config)}:latest`,
    labels: managedLabels(tp.config.home, "validation-container", "instance-shell"),
    entrypoint: [""],
    cmd: ["sh", "-c", script],
    joinNetworkOf: netnsContainerName(tp.config.home, k, instanceId),
    timeoutMs,
  });
  if (r.timedOut) throw new Error(`script in ${k.name}/${instanceId} timed out: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** `timeout 3 wget` of a URL from inside an instance: the body's last line, or ERR (busybox's wget -T segfaults). */
export const fetchLine = (url: string) => `r=$(timeout 3 wget -q -O - ${url} 2>/dev/null) && echo "$r" | tail -n 1 || echo ERR`;
