import type Dockerode from "dockerode";
import { CONTAINER_STATES, type ContainerState, type ListedContainer } from "../container-runtime";

/**
 * One entry of `GET /containers/json` (docker ps) in the port's terms. The list carries the state but
 * not the exit code as a field: it is in the human Status, "Exited (137) 2 seconds ago" or
 * "Restarting (1) Less than a second ago", the only place the list gives it.
 */
export function listedContainerOf(c: Dockerode.ContainerInfo): ListedContainer {
  const state = stateOf(c.State);
  const networks = c.NetworkSettings?.Networks ?? {};
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? "").replace(/^\//, ""),
    labels: c.Labels ?? {},
    state,
    running: state === "running",
    ...(state !== "running" && state !== "created" && exitCodeOf(c.Status) !== undefined && { exitCode: exitCodeOf(c.Status) }),
    image: c.Image,
    imageId: c.ImageID,
    networkAddresses: Object.fromEntries(Object.entries(networks).map(([n, e]) => [n, e.IPAddress ?? ""])),
  };
}

/** The exit code in a Status such as "Exited (1) 3 seconds ago"; undefined when it shows none. */
export function exitCodeOf(status: string | undefined): number | undefined {
  const m = /^(?:Exited|Restarting) \((-?\d+)\)/.exec(status ?? "");
  return m ? Number(m[1]) : undefined;
}

/** Docker's State, checked against the states the port knows; anything else counts as exited. */
function stateOf(s: string | undefined): ContainerState {
  return (CONTAINER_STATES as readonly string[]).includes(s ?? "") ? (s as ContainerState) : "exited";
}
