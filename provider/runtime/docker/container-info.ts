import type Dockerode from "dockerode";
import { CONTAINER_STATES, type ContainerInfo, type ContainerState } from "../container-runtime";

/**
 * `docker inspect` of a container in the port's terms: the one place that reads Docker's State. Docker
 * reports a container waiting to restart as Running (and Restarting): it is not running its process.
 */
export function containerInfoOf(i: Dockerode.ContainerInspectInfo): ContainerInfo {
  const networks = i.NetworkSettings?.Networks ?? {};
  return {
    id: i.Id,
    name: i.Name.replace(/^\//, ""),
    labels: i.Config.Labels ?? {},
    state: stateOf(i.State),
    running: i.State.Running && !i.State.Restarting,
    exitCode: i.State.ExitCode,
    restartCount: i.RestartCount,
    startedAt: validTime(i.State.StartedAt),
    finishedAt: validTime(i.State.FinishedAt),
    oomKilled: i.State.OOMKilled,
    ipAddress: Object.values(networks)[0]?.IPAddress ?? "",
    networkAddresses: Object.fromEntries(Object.entries(networks).map(([n, e]) => [n, e.IPAddress])),
    networkAliases: Object.fromEntries(Object.entries(networks).map(([n, e]) => [n, e.Aliases ?? []])),
    imageId: i.Image,
    image: i.Config.Image,
  };
}

/** Docker's State.Status, checked against the states the port knows; an unknown one reads from the flags. */
function stateOf(s: Dockerode.ContainerInspectInfo["State"]): ContainerState {
  if ((CONTAINER_STATES as readonly string[]).includes(s.Status)) return s.Status as ContainerState;
  if (s.Restarting) return "restarting";
  if (s.Running) return "running";
  return s.Dead ? "dead" : "exited";
}

/** Docker's "zero" time means never. */
function validTime(t: string | undefined): string | undefined {
  return t && !t.startsWith("0001-") ? new Date(t).toISOString() : undefined;
}
