import { LABEL_SERVICE, homeFilter } from "../../common/labels";
import type { ServiceKey } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import type { ListedContainer } from "../../runtime/container-runtime";
import { qualified } from "../../model/service-naming";

/**
 * Every container of one workload (its instances' containers, network containers and ingress) with its
 * state, in one engine call, however many replicas it has: what a wait reads each round to learn whether
 * anything changed before it inspects containers one by one.
 */
export function workloadContainerStates(platform: Platform, key: ServiceKey): Promise<ListedContainer[]> {
  return platform.docker.listContainerStates([...homeFilter(platform.config.home), `${LABEL_SERVICE}=${qualified(key)}`]);
}

/**
 * The containers' names and states as one string: equal strings mean nothing started, exited,
 * appeared or went away in between (whatever order the engine listed them in).
 */
export function stateSignature(containers: Pick<ListedContainer, "name" | "state" | "exitCode">[]): string {
  return containers
    .map((c) => `${c.name}=${c.state}${c.exitCode === undefined ? "" : `(${c.exitCode})`}`)
    .sort()
    .join(" ");
}
