/**
 * How what the engine holds differs from a deployed service, one record per difference. DESCRIBE
 * observes these (objects/services/describe-service.ts, ingress.ts) and the repair acts on them by kind
 * and instance (service-updates.ts repairService); people see them as `driftLine`, which is the text of
 * the Service's `drift` output and of what `pulumi refresh` and `spcs describe service` show.
 */
export type Drift =
  /** The container that holds an instance's network (its address, its DNS names) is gone. */
  | { kind: "network-container-missing"; instanceId: number }
  | { kind: "container-removed"; instanceId: number; container: string }
  /** Exited and not restarting: stopped by hand (the restart policy restarts every other exit). */
  | { kind: "container-stopped"; instanceId: number; container: string }
  | { kind: "image-changed"; instanceId: number; container: string; image: string; pinned: string }
  /** `found` undefined: the container carries no spec digest at all. */
  | { kind: "spec-digest-changed"; instanceId: number; container: string; found?: string; expected: string }
  /** Containers labelled with the service but an instance id it does not have. */
  | { kind: "extra-instance"; instanceId: number }
  | { kind: "ingress-removed" }
  | { kind: "ingress-stopped" }
  | { kind: "ingress-ports-changed" }
  /** Made for other settings (corsSettings, executeAsCaller, the platform's user or idle timeout), or by an older release. */
  | { kind: "ingress-settings-changed" };

export type DriftKind = Drift["kind"];

/** The instance a drift record is about; undefined for the service's ingress. */
export function driftInstance(d: Drift): number | undefined {
  return "instanceId" in d ? d.instanceId : undefined;
}

export function isIngressDrift(d: Drift): boolean {
  return d.kind === "ingress-removed" || d.kind === "ingress-stopped" || d.kind === "ingress-ports-changed" || d.kind === "ingress-settings-changed";
}

/** The one line a person reads for a drift record. */
export function driftLine(d: Drift): string {
  switch (d.kind) {
    case "network-container-missing":
      return `instance ${d.instanceId}: its network container is missing`;
    case "container-removed":
      return `instance ${d.instanceId}, container ${d.container}: removed`;
    case "container-stopped":
      return `instance ${d.instanceId}, container ${d.container}: stopped`;
    case "image-changed":
      return `instance ${d.instanceId}, container ${d.container}: runs image ${d.image}, not the pinned ${d.pinned}`;
    case "spec-digest-changed":
      return `instance ${d.instanceId}, container ${d.container}: carries spec digest ${d.found ?? "none"}, not ${d.expected}`;
    case "extra-instance":
      return `instance ${d.instanceId}: not part of the service`;
    case "ingress-removed":
      return "ingress: removed";
    case "ingress-stopped":
      return "ingress: stopped";
    case "ingress-ports-changed":
      return "ingress: publishes other ports than the service's public endpoints";
    case "ingress-settings-changed":
      return "ingress: made for other settings than the service's and the platform's";
  }
}
