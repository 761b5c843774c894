/**
 * The normalised model of a service specification: what `analyzeSpec` returns as `spec`, and the shape
 * of the canonical form. Compared with the document as written: lists are always plural and present,
 * documented defaults are filled in, env values and command/args are strings, quantities use the
 * canonical units of quantities.ts (cpu `"500m"`, memory `"512Mi"`), durations those of durations.ts, and
 * the `snowflakeSecret: name` shorthand is expanded. Keys appear in the order of the reference.
 */
import type { ENCRYPTIONS, LOG_LEVELS, METRIC_GROUPS, PROTOCOLS, SECRET_KEYS } from "./spec-schema";

export type Protocol = (typeof PROTOCOLS)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];
export type MetricGroup = (typeof METRIC_GROUPS)[number];
export type SecretKey = (typeof SECRET_KEYS)[number];
export type Encryption = (typeof ENCRYPTIONS)[number];

export interface Probe {
  port: number;
  path: string;
  /** Default 5 for readiness, 10 for liveness. */
  periodSeconds: number;
  /** Default 3. */
  failureThreshold: number;
}

export interface ResourceSet {
  /** Millicores, e.g. "500m". */
  cpu?: string;
  /** Canonical memory text, e.g. "512Mi" (see quantities.ts). */
  memory?: string;
  "nvidia.com/gpu"?: number;
}

export interface Resources {
  requests?: ResourceSet;
  limits?: ResourceSet;
}

export interface VolumeMount {
  name: string;
  mountPath: string;
}

export interface Secret {
  snowflakeSecret: { objectName: string } | { objectReference: string };
  envVarName?: string;
  secretKeyRef?: SecretKey;
  directoryPath?: string;
}

export interface SessionTokenConfig {
  path?: string;
  /** Default "0644" when path is given. */
  permission?: string;
  /** Default false. */
  mountConnectionConfig: boolean;
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  /** Sorted by name; values always strings. */
  env: Record<string, string>;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  volumeMounts: VolumeMount[];
  resources?: Resources;
  secrets: Secret[];
  /** Default true. */
  mountSessionToken: boolean;
  sessionTokenConfig?: SessionTokenConfig;
}

export interface CorsSettings {
  "Access-Control-Allow-Origin": string[];
  "Access-Control-Allow-Methods"?: string[];
  "Access-Control-Allow-Headers"?: string[];
  "Access-Control-Expose-Headers"?: string[];
}

export interface Endpoint {
  name: string;
  port?: number;
  portRange?: string;
  /** Default false. */
  public: boolean;
  /** Default HTTP. */
  protocol: Protocol;
  corsSettings?: CorsSettings;
}

export interface BlockConfig {
  initialContents?: { fromSnapshot: string };
  iops?: number;
  throughput?: number;
  encryption?: Encryption;
  /** Default true for services, false for jobs. */
  snapshotOnDelete: boolean;
  /** Default "7d". */
  snapshotDeleteAfter: string;
}

export interface StageConfig {
  name: string;
  metadataCache?: string;
  /** Sidecar resources; defaults requests cpu 0m / memory 512Mi, limits cpu 500m / memory 1Gi. */
  resources: { requests: ResourceSet; limits: ResourceSet };
}

export interface Volume {
  name: string;
  /** local, memory, block, stage, or a legacy "@stage/path". */
  source: string;
  size?: string;
  uid?: number;
  gid?: number;
  blockConfig?: BlockConfig;
  stageConfig?: StageConfig;
}

export interface MetricCondition {
  metricCondition: {
    metricName: string;
    aggregationType: "min" | "max" | "avg";
    stabilizationPeriodSecs?: number;
    targetScaling?: { targetValue: number };
  };
}

export interface ResourceManagement {
  autoScalingPolicies?: {
    scaleUp?: { anyConditions?: MetricCondition[] };
    scaleDown?: { allConditions?: MetricCondition[] };
    suspend?: { allConditions?: MetricCondition[] };
  };
}

export interface ServiceRole {
  name: string;
  endpoints: string[];
}

export interface ServiceSpec {
  spec: {
    containers: Container[];
    endpoints: Endpoint[];
    volumes: Volume[];
    logExporters?: { eventTableConfig: { logLevel: LogLevel } };
    platformMonitor?: { metricConfig: { groups: MetricGroup[] } };
    resourceManagement?: ResourceManagement;
  };
  capabilities: { securityContext: { executeAsCaller: boolean; enableCustomCredentials: boolean } };
  serviceRoles: ServiceRole[];
}
