import type { Resources } from "./resources";

/**
 * What the service runner needs from a validated, normalised specification: plain data, in the
 * scheduler's units. `from-spec.ts` builds it from the spec module's canonical form; tests build it
 * directly.
 */
export interface RuntimeContainer {
  name: string;
  /** As written in the spec: `/db/schema/repo/image:tag`, or with the registry host. */
  image: string;
  command?: string[];
  args?: string[];
  env: Record<string, string>;
  readinessProbe?: { port: number; path: string; periodSeconds: number; failureThreshold: number };
  /** Restarts the container after failureThreshold consecutive failures (see liveness-supervisor.ts). */
  livenessProbe?: { port: number; path: string; periodSeconds: number; failureThreshold: number };
  resources: { requests?: Partial<Resources>; limits?: Partial<Resources> };
  volumeMounts: { name: string; mountPath: string }[];
  mountSessionToken: boolean;
  sessionTokenPath: string;
  /** sessionTokenConfig.permission: the token file's octal mode, "0644" by default. */
  sessionTokenPermission?: string;
  /** sessionTokenConfig.mountConnectionConfig: connections.toml next to the token, SNOWFLAKE_HOME set to it. */
  mountConnectionConfig?: boolean;
  /** References only: which Snowflake secret goes where. Values never enter the spec or the catalog. */
  secrets?: RuntimeSecret[];
}

export interface RuntimeSecret {
  /** The Snowflake secret's name, upper-case. */
  objectName: string;
  envVarName?: string;
  secretKeyRef?: "username" | "password" | "secret_string" | "access_token";
  directoryPath?: string;
}

export interface RuntimeEndpoint {
  name: string;
  port?: number;
  portRange?: string;
  public: boolean;
  protocol: "HTTP" | "HTTPS" | "TCP";
  /** Public endpoints: what the ingress answers to browsers of other origins (spec `corsSettings`). */
  corsSettings?: RuntimeCorsSettings;
}

/** `corsSettings` as the spec writes it: lists per Access-Control-* header; the origin list is required. */
export interface RuntimeCorsSettings {
  "Access-Control-Allow-Origin": string[];
  "Access-Control-Allow-Methods"?: string[];
  "Access-Control-Allow-Headers"?: string[];
  "Access-Control-Expose-Headers"?: string[];
}

export interface RuntimeVolume {
  name: string;
  source: "local" | "memory" | "block" | "stage";
  size?: string;
  /** A stage volume's stage and folder (`stageConfig.name`, or the legacy `@stage/path` source). Absent in rows stored before stages were shared. */
  stage?: string;
  /** A block volume's `blockConfig`: the snapshot new volumes start from, as written (resolved against the service's schema). */
  fromSnapshot?: string;
  /** A block volume: take a SYS_BACKUP_ON_DELETE snapshot before the volume is deleted. Absent in rows stored before snapshots: false. */
  snapshotOnDelete?: boolean;
  /** How long that snapshot is kept, in hours (snapshotDeleteAfter; default 7 days). */
  snapshotDeleteAfterHours?: number;
  /** The encryption SHOW SNAPSHOTS reports for snapshots of it. */
  encryption?: string;
}

export interface RuntimeSpec {
  containers: RuntimeContainer[];
  endpoints: RuntimeEndpoint[];
  volumes: RuntimeVolume[];
  /** `capabilities.securityContext.executeAsCaller`: the ingress passes the caller's token. Absent: false. */
  executeAsCaller?: boolean;
  /**
   * logExporters.eventTableConfig.logLevel: which container output goes to the event table (INFO: stdout
   * and stderr, ERROR: stderr). Absent (no logExporters, and every row stored before it was kept): none.
   */
  logLevel?: "INFO" | "ERROR" | "NONE";
  /**
   * The specification the service was made from, in canonical YAML (spec/normalize-spec.ts): what
   * DESCRIBE SERVICE shows. Kept because the runtime form above drops what the runner does not use
   * (serviceRoles, enableCustomCredentials, a secret's case…): read back, this text gives the same model and
   * specDigest, which is what `pulumi import` needs to rebuild a program's `spec` with no diff. Absent
   * in rows stored before it was kept.
   */
  specText?: string;
}
