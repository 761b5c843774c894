/**
 * Canonical form and digest. Two documents that mean the same thing normalise to the same model, and so
 * the same `specDigest`: comments, key order, quoting, flow vs block style, singular vs plural list
 * names, equivalent quantities (`1Gi`/`1024Mi`, `0.5`/`500m`), equivalent durations (`90s`/`1m30s`),
 * unquoted vs quoted env values, the secret-name shorthand and spelled-out defaults make no difference.
 * List order is kept: it is part of what the author wrote (and of what SPCS shows back).
 */
import { createHash } from "node:crypto";
import { stringify } from "yaml";
import { cacheDurationSeconds, formatCacheDuration, formatRetention, retentionHours } from "./durations";
import { canonicalCpu, canonicalMemory } from "./quantities";
import type { RawContainer, RawEndpoint, RawResources, RawServiceSpec, RawVolume } from "./spec-schema";
import type { Container, Endpoint, Probe, ResourceSet, Resources, ServiceSpec, Volume } from "./service-spec";

type Kind = "service" | "job";

/** Drops undefined fields so the model, its JSON and its YAML agree exactly. */
function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function resourceSet(s: NonNullable<RawResources["requests"]> | undefined): ResourceSet | undefined {
  if (!s) return undefined;
  const out = compact<ResourceSet>({
    cpu: s.cpu === undefined ? undefined : canonicalCpu(s.cpu),
    memory: s.memory === undefined ? undefined : canonicalMemory(s.memory),
    "nvidia.com/gpu": s["nvidia.com/gpu"],
  });
  return Object.keys(out).length ? out : undefined;
}

function resources(r: RawResources | undefined): Resources | undefined {
  if (!r) return undefined;
  const out = compact<Resources>({ requests: resourceSet(r.requests), limits: resourceSet(r.limits) });
  return Object.keys(out).length ? out : undefined;
}

function probe(p: { port: number; path: string; periodSeconds?: number; failureThreshold?: number } | undefined, period: number): Probe | undefined {
  return p && { port: p.port, path: p.path, periodSeconds: p.periodSeconds ?? period, failureThreshold: p.failureThreshold ?? 3 };
}

const strings = (list: (string | number | boolean)[] | undefined): string[] | undefined => list?.map(String);

function container(c: RawContainer): Container {
  const env: Record<string, string> = {};
  for (const key of Object.keys(c.env ?? {}).sort()) env[key] = String(c.env![key]);
  const token = c.sessionTokenConfig;
  return compact<Container>({
    name: c.name,
    image: c.image,
    command: strings(c.command),
    args: strings(c.args),
    env,
    readinessProbe: probe(c.readinessProbe, 5),
    livenessProbe: probe(c.livenessProbe, 10),
    volumeMounts: (c.volumeMounts ?? []).map((m) => ({ name: m.name, mountPath: m.mountPath })),
    resources: resources(c.resources),
    secrets: (c.secrets ?? []).map((s) =>
      compact({
        snowflakeSecret: typeof s.snowflakeSecret === "string" ? { objectName: s.snowflakeSecret } : s.snowflakeSecret.objectName !== undefined ? { objectName: s.snowflakeSecret.objectName } : { objectReference: s.snowflakeSecret.objectReference! },
        envVarName: s.envVarName,
        secretKeyRef: s.secretKeyRef,
        directoryPath: s.directoryPath,
      }),
    ),
    mountSessionToken: c.mountSessionToken ?? true,
    sessionTokenConfig: token && compact({ path: token.path, permission: token.permission ?? (token.path !== undefined ? "0644" : undefined), mountConnectionConfig: token.mountConnectionConfig ?? false }),
  });
}

function endpoint(e: RawEndpoint): Endpoint {
  const cors = e.corsSettings;
  return compact<Endpoint>({
    name: e.name,
    port: e.port,
    portRange: e.portRange,
    public: e.public ?? false,
    protocol: e.protocol ?? "HTTP",
    corsSettings: cors && compact({ ...cors }),
  });
}

/** The stage-mount sidecar's documented defaults (reference §1.8), overridden field by field. */
const STAGE_SIDECAR = { requests: { cpu: "0m", memory: "512Mi" }, limits: { cpu: "500m", memory: "1Gi" } };

function volume(v: RawVolume, kind: Kind): Volume {
  const block = v.blockConfig;
  const stage = v.stageConfig;
  const isBlock = v.source === "block";
  return compact<Volume>({
    name: v.name,
    source: v.source,
    size: v.size === undefined ? undefined : canonicalMemory(v.size),
    uid: v.uid,
    gid: v.gid,
    blockConfig: isBlock
      ? compact({
          initialContents: block?.initialContents && { fromSnapshot: block.initialContents.fromSnapshot },
          iops: block?.iops,
          throughput: block?.throughput,
          encryption: block?.encryption,
          snapshotOnDelete: block?.snapshotOnDelete ?? kind === "service",
          snapshotDeleteAfter: formatRetention(retentionHours(block?.snapshotDeleteAfter ?? "7d")!),
        })
      : undefined,
    stageConfig: stage && {
      ...compact({ name: stage.name, metadataCache: stage.metadataCache === undefined ? undefined : formatCacheDuration(cacheDurationSeconds(stage.metadataCache)!) }),
      resources: {
        requests: { ...STAGE_SIDECAR.requests, ...resourceSet(stage.resources?.requests) },
        limits: { ...STAGE_SIDECAR.limits, ...resourceSet(stage.resources?.limits) },
      },
    },
  });
}

/** Strips undefined fields from a plain JSON-like tree (for pass-through sections). */
function clean<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** The normalised model of a document the schema and rules accepted. */
export function normalizeSpec(raw: RawServiceSpec, kind: Kind = "service"): ServiceSpec {
  const s = raw.spec;
  const groups = s.platformMonitor?.metricConfig?.groups ?? [];
  return {
    spec: compact({
      containers: (s.containers ?? s.container ?? []).map(container),
      endpoints: (s.endpoints ?? s.endpoint ?? []).map(endpoint),
      volumes: (s.volumes ?? s.volume ?? []).map((v) => volume(v, kind)),
      logExporters: s.logExporters && { eventTableConfig: { logLevel: s.logExporters.eventTableConfig?.logLevel ?? "INFO" } },
      platformMonitor: groups.length ? { metricConfig: { groups: [...groups] } } : undefined,
      resourceManagement: s.resourceManagement && clean(s.resourceManagement),
    }),
    capabilities: {
      securityContext: {
        executeAsCaller: raw.capabilities?.securityContext?.executeAsCaller ?? false,
        enableCustomCredentials: raw.capabilities?.securityContext?.enableCustomCredentials ?? false,
      },
    },
    serviceRoles: (raw.serviceRoles ?? []).map((r) => ({ name: r.name, endpoints: [...r.endpoints] })),
  };
}

/** JSON with object keys sorted at every level and no whitespace: the text the digest is taken over. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** sha256 hex of the canonical JSON, like the 64-hex `spec_digest` SPCS shows. */
export function specDigest(spec: ServiceSpec): string {
  return createHash("sha256").update(canonicalJson(spec)).digest("hex");
}

/**
 * The canonical form as YAML, in the model's key order. The collections normalisation always fills in
 * (env, volumeMounts, secrets, endpoints, volumes, serviceRoles) are left out when empty: SPCS rejects an
 * empty collection (rules/empty-lists.ts), and reading the text back fills them in again, so the text
 * validates and gives the same model and digest.
 */
export function canonicalYaml(spec: ServiceSpec): string {
  const bare = <T extends object>(o: T, keys: string[]): T => {
    const out = { ...o } as Record<string, unknown>;
    for (const k of keys) {
      const v = out[k];
      if ((Array.isArray(v) && v.length === 0) || (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0)) delete out[k];
    }
    return out as T;
  };
  const text = bare({ ...spec, spec: bare({ ...spec.spec, containers: spec.spec.containers.map((c) => bare(c, ["env", "volumeMounts", "secrets"])) }, ["endpoints", "volumes"]) }, ["serviceRoles"]);
  return stringify(text, { lineWidth: 0 });
}
