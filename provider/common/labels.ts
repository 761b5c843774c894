/**
 * Every Docker label key the platform writes, in one place. Labels are the source of truth for which
 * containers, networks and volumes belong to the platform, so that drift detection and clean-up can find
 * them by label even when the catalog has lost track of them.
 */
export const LABEL_PREFIX = "com.pulumi-spcs";
export const LABEL_MANAGED = `${LABEL_PREFIX}.managed`;
export const LABEL_HOME = `${LABEL_PREFIX}.home`;
export const LABEL_KIND = `${LABEL_PREFIX}.kind`;
export const LABEL_NAME = `${LABEL_PREFIX}.name`;
export const LABEL_POOL = `${LABEL_PREFIX}.compute-pool`;
export const LABEL_SERVICE = `${LABEL_PREFIX}.service`;
export const LABEL_INSTANCE = `${LABEL_PREFIX}.instance`;
export const LABEL_CONTAINER = `${LABEL_PREFIX}.container`;
export const LABEL_SPEC_DIGEST = `${LABEL_PREFIX}.spec-digest`;
/** On an ingress container: what it publishes, `{"<endpoint port>": <host port>}`. */
export const LABEL_INGRESS_PORTS = `${LABEL_PREFIX}.ingress-ports`;
/** A digest of the ingress proxy's settings (ingress-settings.ts): another digest means the ingress is remade. */
export const LABEL_INGRESS_CONFIG = `${LABEL_PREFIX}.ingress-config`;

/** Kinds of platform-owned Docker objects. */
export type ManagedKind = "base-image" | "service-container" | "service-ingress" | "service-network" | "service-volume" | "job-container" | "runtime-image" | "validation-container" | "egress-firewall" | "snapshot-volume" | "volume-copy";

/**
 * The labels stamped on every Docker object the platform creates. `home` scopes objects to one platform
 * home, so two homes (for example a test run and a user's platform) never touch each other's objects.
 */
export function managedLabels(home: string, kind: ManagedKind, name: string): Record<string, string> {
  return { [LABEL_MANAGED]: "true", [LABEL_HOME]: home, [LABEL_KIND]: kind, [LABEL_NAME]: name };
}

/** A Docker API label filter matching everything a platform home owns. */
export function homeFilter(home: string): string[] {
  return [`${LABEL_MANAGED}=true`, `${LABEL_HOME}=${home}`];
}
