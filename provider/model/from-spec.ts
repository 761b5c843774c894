import { canonicalYaml } from "../spec/normalize-spec";
import { cpuMillicores, memoryBytes } from "../spec/quantities";
import { retentionHours } from "../spec/durations";
import type { ResourceSet, ServiceSpec } from "../spec/service-spec";
import type { Resources } from "./resources";
import type { RuntimeSecret, RuntimeSpec, RuntimeVolume } from "./runtime-spec";

/** Where SPCS mounts the session token when `sessionTokenConfig.path` is not set. */
export const DEFAULT_SESSION_TOKEN_DIR = "/snowflake/session";

/** The runner's view of a validated, normalised specification (see spec/service-spec.ts). */
export function runtimeSpecOf(model: ServiceSpec): RuntimeSpec {
  const s = model.spec;
  return {
    containers: s.containers.map((c) => ({
      name: c.name,
      image: c.image,
      command: c.command,
      args: c.args,
      env: c.env,
      readinessProbe: c.readinessProbe,
      livenessProbe: c.livenessProbe,
      resources: { requests: resources(c.resources?.requests), limits: resources(c.resources?.limits) },
      volumeMounts: c.volumeMounts,
      mountSessionToken: c.mountSessionToken,
      sessionTokenPath: c.sessionTokenConfig?.path ?? DEFAULT_SESSION_TOKEN_DIR,
      sessionTokenPermission: c.sessionTokenConfig?.permission,
      mountConnectionConfig: c.sessionTokenConfig?.mountConnectionConfig,
      secrets: c.secrets.map((s) => ({
        objectName: ("objectName" in s.snowflakeSecret ? s.snowflakeSecret.objectName : s.snowflakeSecret.objectReference).toUpperCase(),
        envVarName: s.envVarName,
        secretKeyRef: s.secretKeyRef as RuntimeSecret["secretKeyRef"],
        directoryPath: s.directoryPath,
      })),
    })),
    endpoints: s.endpoints.map((e) => ({
      name: e.name, port: e.port, portRange: e.portRange, public: e.public, protocol: e.protocol as RuntimeSpec["endpoints"][number]["protocol"],
      ...(e.public && e.corsSettings ? { corsSettings: e.corsSettings } : {}),
    })),
    ...(model.capabilities.securityContext.executeAsCaller ? { executeAsCaller: true } : {}),
    // The legacy `@stage/path` source is a stage volume too.
    volumes: s.volumes.map((v) => ({
      name: v.name,
      source: (v.source.startsWith("@") ? "stage" : v.source) as RuntimeVolume["source"],
      size: v.size,
      ...(v.source.startsWith("@") ? { stage: v.source } : v.stageConfig?.name ? { stage: v.stageConfig.name } : {}),
      ...(v.source === "block" && v.blockConfig && {
        fromSnapshot: v.blockConfig.initialContents?.fromSnapshot,
        snapshotOnDelete: v.blockConfig.snapshotOnDelete,
        snapshotDeleteAfterHours: retentionHours(v.blockConfig.snapshotDeleteAfter),
        encryption: v.blockConfig.encryption ?? "SNOWFLAKE_SSE",
      }),
    })),
    // Only when the spec has logExporters, so specs without it keep the runtime form they had.
    ...(s.logExporters && { logLevel: s.logExporters.eventTableConfig.logLevel }),
    specText: canonicalYaml(model),
  };
}

function resources(r: ResourceSet | undefined): Partial<Resources> | undefined {
  if (!r) return undefined;
  const out: Partial<Resources> = {};
  if (r.cpu !== undefined) out.cpuMilli = cpuMillicores(r.cpu);
  if (r.memory !== undefined) out.memoryBytes = memoryBytes(r.memory);
  if (r["nvidia.com/gpu"] !== undefined) out.gpus = r["nvidia.com/gpu"];
  return out;
}
