/**
 * THE definition of the service specification language (reference §1): one zod schema, built once at
 * module load. It checks structure only: which keys exist (strict objects, so typos are caught), their
 * types, enums, number ranges, per-service list limits and string formats. Rules that relate several
 * fields (references, combinations, uniqueness) live in rules/*, because a schema cannot say them well.
 *
 * The published JSON Schema (service-spec.schema.json) is generated from this definition; nothing else
 * describes the language. The schema describes the document as written, so it also accepts the singular
 * `container:` / `endpoint:` / `volume:` spellings that Snowflake's own samples use.
 */
import { z } from "zod";
import {
  ABSOLUTE_PATH_PATTERN,
  FORMATS,
  HTTP_PATH_PATTERN,
  IMAGE_PATTERN,
  NAME_PATTERN,
  PERMISSION_PATTERN,
  PORT_RANGE_PATTERN,
  ROLE_NAME_PATTERN,
  STAGE_NAME_PATTERN,
  VOLUME_SOURCE_PATTERN,
  withFormat,
} from "./formats";
import { CPU_PATTERN, MEMORY_PATTERN } from "./quantities";
import { CACHE_DURATION_PATTERN, RETENTION_PATTERN } from "./durations";

/** Per-service limits (reference §7). */
/**
 * Block volume limits as SPCS documents them for AWS (block-storage-volume): the emulator has no cloud, and
 * it takes AWS's ranges (the narrowest documented for iops), so a spec that passes here passes on AWS.
 */
export const BLOCK_LIMITS = { sizeGi: { min: 1, max: 16384 }, iops: { min: 3000, max: 16000 }, throughputMiBs: { min: 125, max: 1000 } } as const;

export const LIMITS = { containers: 20, endpoints: 100, volumes: 20, blockVolumes: 3, stageVolumes: 20, legacyStageVolumes: 5, secrets: 50 } as const;

export const PROTOCOLS = ["HTTP", "HTTPS", "TCP"] as const;
export const LOG_LEVELS = ["INFO", "ERROR", "NONE"] as const;
export const METRIC_GROUPS = ["system", "system_limits", "status", "network", "storage"] as const;
export const SECRET_KEYS = ["username", "password", "secret_string", "access_token"] as const;
export const ENCRYPTIONS = ["SNOWFLAKE_SSE", "SNOWFLAKE_FULL"] as const;

const name = (what: string) => withFormat(z.string().regex(NAME_PATTERN), FORMATS.name, `${what} name: lowercase letters, digits and '-', starting with a letter, at most 63 characters.`);
const absolutePath = (description: string) => withFormat(z.string().regex(ABSOLUTE_PATH_PATTERN), FORMATS.absolutePath, description);
const port = () => z.number().int().min(1).max(65535);
const positiveInt = () => z.number().int().min(1);
const scalar = () => z.union([z.string(), z.number(), z.boolean()]);

const cpu = () =>
  withFormat(z.union([z.number().min(0), z.string().regex(CPU_PATTERN)]), FORMATS.cpu, "vCPUs as a number (0.5, 2) or millicores as a string ('500m').");
const memory = (description = "Bytes with a unit: M, Mi, G, Gi (also k, Ki), e.g. '512Mi', '2G'.") => withFormat(z.string().regex(MEMORY_PATTERN), FORMATS.memory, description);

const probe = (period: number) =>
  z.strictObject({
    port: port().describe("Port the HTTP GET is sent to; need not be an endpoint."),
    path: withFormat(z.string().regex(HTTP_PATH_PATTERN), FORMATS.httpPath, "HTTP path; only status 200 counts as success."),
    periodSeconds: positiveInt().optional().describe(`Seconds between probes. Default ${period}.`),
    failureThreshold: positiveInt().optional().describe("Consecutive failures before the probe counts as failed. Default 3."),
  });

const resourceSet = z.strictObject({
  cpu: cpu().optional(),
  memory: memory().optional(),
  "nvidia.com/gpu": z.number().int().min(0).optional().describe("Whole GPUs; requests and limits must be equal."),
});
const resources = z.strictObject({
  requests: resourceSet.optional().describe("What the container is guaranteed; summed per node for placement."),
  limits: resourceSet.optional().describe("The most the container may use; defaults to the node's capacity."),
});

const secret = z.strictObject({
  snowflakeSecret: z
    .union([z.string().min(1), z.strictObject({ objectName: z.string().min(1).optional(), objectReference: z.string().min(1).optional() })])
    .describe("The secret: a name (shorthand for objectName), {objectName} or {objectReference}."),
  envVarName: z.string().min(1).optional().describe("Environment variable that receives the key named by secretKeyRef."),
  secretKeyRef: z.enum(SECRET_KEYS).optional().describe("Which key of the secret goes into envVarName."),
  directoryPath: absolutePath("Directory that receives one file per key of the secret.").optional(),
});

const sessionTokenConfig = z.strictObject({
  path: absolutePath("Absolute directory for the token file (<path>/token).").optional(),
  permission: withFormat(z.string().regex(PERMISSION_PATTERN), FORMATS.permission, 'Quoted octal mode of the token file, default "0644"; only with path.').optional(),
  mountConnectionConfig: z.boolean().optional().describe("Also write connections.toml next to the token and set SNOWFLAKE_HOME. Default false."),
});

const container = z
  .strictObject({
    name: name("Container"),
    image: withFormat(z.string().regex(IMAGE_PATTERN), FORMATS.image, "Image path, e.g. /db/schema/repo/image:tag."),
    command: z.array(scalar()).optional().describe("Replaces the image ENTRYPOINT."),
    args: z.array(scalar()).optional().describe("Replaces the image CMD."),
    env: z.record(z.string(), scalar()).optional().describe("Environment variables; values are passed as strings."),
    readinessProbe: probe(5).optional(),
    livenessProbe: probe(10).optional(),
    volumeMounts: z
      .array(z.strictObject({ name: z.string().describe("A volume declared in spec.volumes."), mountPath: absolutePath("Absolute directory in the container.") }))
      .optional(),
    resources: resources.optional(),
    secrets: z.array(secret).optional(),
    mountSessionToken: z.boolean().optional().describe("Mount the service user's OAuth token file. Default true."),
    sessionTokenConfig: sessionTokenConfig.optional(),
  })
  .meta({ id: "Container" });

const corsList = () => z.array(z.string());
const endpoint = z
  .strictObject({
    name: name("Endpoint"),
    port: port().optional().describe("Listening port; give port or portRange."),
    portRange: withFormat(z.string().regex(PORT_RANGE_PATTERN), FORMATS.portRange, "'<start>-<end>'; only with protocol TCP and not public.").optional(),
    public: z.boolean().optional().describe("Reachable from the internet (HTTP only). Default false."),
    protocol: z.enum(PROTOCOLS).optional().describe("Default HTTP."),
    corsSettings: z
      .strictObject({
        "Access-Control-Allow-Origin": corsList().describe("Origins allowed to call the endpoint, e.g. [https://app.example.com]; never '*'."),
        "Access-Control-Allow-Methods": corsList().optional(),
        "Access-Control-Allow-Headers": corsList().optional(),
        "Access-Control-Expose-Headers": corsList().optional(),
      })
      .optional(),
  })
  .meta({ id: "Endpoint" });

const volume = z
  .strictObject({
    name: name("Volume"),
    source: withFormat(z.string().regex(VOLUME_SOURCE_PATTERN), FORMATS.volumeSource, "local, memory, block, stage, or the deprecated '@stage/path'."),
    size: memory("Required for memory (e.g. 2G) and block (whole Gi, e.g. 10Gi) volumes.").optional(),
    uid: z.number().int().min(0).max(4294967294).optional().describe("Owner uid of files; legacy '@stage' volumes only."),
    gid: z.number().int().min(0).max(4294967294).optional().describe("Owner gid of files; legacy '@stage' volumes only."),
    blockConfig: z
      .strictObject({
        initialContents: z.strictObject({ fromSnapshot: z.string().min(1) }).optional(),
        iops: z.number().int().min(BLOCK_LIMITS.iops.min).max(BLOCK_LIMITS.iops.max).optional().describe("Peak I/O operations per second (AWS: 3000–16000, default 3000)."),
        throughput: z.number().int().min(BLOCK_LIMITS.throughputMiBs.min).max(BLOCK_LIMITS.throughputMiBs.max).optional().describe("Peak throughput in MiB/s (AWS: 125–1000, default 125)."),
        encryption: z.enum(ENCRYPTIONS).optional(),
        snapshotOnDelete: z.boolean().optional().describe("Default true for services, false for jobs."),
        snapshotDeleteAfter: withFormat(z.string().regex(RETENTION_PATTERN), FORMATS.retention, "'<hours>h' or '<days>d'. Default 7d.").optional(),
      })
      .optional(),
    stageConfig: z
      .strictObject({
        name: withFormat(z.string().regex(STAGE_NAME_PATTERN), FORMATS.stageName, 'Quoted stage (or folder), e.g. "@db.schema.stage/folder".'),
        metadataCache: withFormat(z.string().regex(CACHE_DURATION_PATTERN), FORMATS.cacheDuration).optional(),
        resources: resources.optional().describe("Resources of the stage-mount sidecar."),
      })
      .optional(),
  })
  .meta({ id: "Volume" });

const metricCondition = z.strictObject({
  metricCondition: z.strictObject({
    metricName: z.string().min(1),
    aggregationType: z.enum(["min", "max", "avg"]),
    stabilizationPeriodSecs: z.number().int().min(0).optional(),
    targetScaling: z.strictObject({ targetValue: z.number() }).optional(),
  }),
});

const listOf = <T extends z.ZodType>(item: T, max: number, min = 0) => {
  const list = z.array(item).max(max);
  return (min ? list.min(min) : list).optional();
};

const spec = z
  .strictObject({
    containers: listOf(container, LIMITS.containers, 1).describe(`Application containers (1 to ${LIMITS.containers}).`),
    container: listOf(container, LIMITS.containers, 1).describe("Singular spelling of containers, used by Snowflake's samples."),
    endpoints: listOf(endpoint, LIMITS.endpoints).describe("Network ports the service exposes."),
    endpoint: listOf(endpoint, LIMITS.endpoints).describe("Singular spelling of endpoints."),
    volumes: listOf(volume, LIMITS.volumes).describe("Volumes the containers can mount."),
    volume: listOf(volume, LIMITS.volumes).describe("Singular spelling of volumes."),
    logExporters: z.strictObject({ eventTableConfig: z.strictObject({ logLevel: z.enum(LOG_LEVELS).optional().describe("Default INFO.") }).optional() }).optional(),
    platformMonitor: z.strictObject({ metricConfig: z.strictObject({ groups: z.array(z.enum(METRIC_GROUPS)) }).optional() }).optional(),
    resourceManagement: z
      .strictObject({
        autoScalingPolicies: z
          .strictObject({
            scaleUp: z.strictObject({ anyConditions: z.array(metricCondition).optional() }).optional(),
            scaleDown: z.strictObject({ allConditions: z.array(metricCondition).optional() }).optional(),
            suspend: z.strictObject({ allConditions: z.array(metricCondition).optional() }).optional(),
          })
          .optional(),
      })
      .optional(),
  })
  // Exactly one spelling of the container list; zod cannot say this, the JSON Schema can.
  .meta({ oneOf: [{ required: ["containers"] }, { required: ["container"] }] });

export const ServiceSpecSchema = z
  .strictObject({
    spec: spec.describe("The service: containers (required), endpoints, volumes and logging/monitoring settings."),
    capabilities: z
      .strictObject({
        securityContext: z
          .strictObject({
            executeAsCaller: z.boolean().optional().describe("Pass the caller's token to ingress requests. Default false."),
            enableCustomCredentials: z.boolean().optional().describe("Allow customer credentials over the internal network. Default false."),
          })
          .optional(),
      })
      .optional(),
    serviceRoles: z
      .array(
        z.strictObject({
          name: withFormat(z.string().regex(ROLE_NAME_PATTERN), FORMATS.roleName),
          endpoints: z.array(z.string()).min(1).describe("Endpoints this role grants USAGE on."),
        }),
      )
      .optional(),
  })
  .meta({ title: "Snowpark Container Services service specification" });

/** The document as written (singular or plural spellings, raw values), after a successful parse. */
export type RawServiceSpec = z.infer<typeof ServiceSpecSchema>;
export type RawContainer = z.infer<typeof container>;
export type RawEndpoint = z.infer<typeof endpoint>;
export type RawVolume = z.infer<typeof volume>;
export type RawResources = z.infer<typeof resources>;
