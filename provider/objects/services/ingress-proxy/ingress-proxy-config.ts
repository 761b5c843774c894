/**
 * What the ingress proxy (ingress-proxy-main.ts, run by Node inside the service's ingress container) is
 * told at start, in the environment variable INGRESS_CONFIG_ENV as JSON. The platform builds it from the
 * service's spec and the platform's settings (ingress.ts); a change makes a new container on the same ports.
 *
 * This folder is copied into the ingress image as it is compiled: it imports Node's modules and its own
 * files only.
 */
export interface IngressProxyConfig {
  /** The service's DNS name: only READY instances carry it, so it is resolved for every request. */
  dnsName: string;
  /** `DB.SCHEMA.NAME`: the wake file a request to a suspended service leaves (AUTO_RESUME). */
  service: string;
  /** One listener per public endpoint port (the container port; Docker publishes it on 127.0.0.1). */
  endpoints: IngressEndpointConfig[];
  /** `Sf-Context-Current-User` on every request (the platform's local user). */
  user: string;
  /** `capabilities.securityContext.executeAsCaller`: also `Sf-Context-Current-User-Token`. */
  executeAsCaller: boolean;
  /** Seconds of caller token validity (SPCS: SERVICE_CALLER_TOKEN_VALIDITY_SECS, 120 by default). */
  callerTokenValiditySecs: number;
  /** A connection with no traffic either way for this long is closed (SPCS: 90 s). */
  idleTimeoutSecs: number;
}

export interface IngressEndpointConfig {
  port: number;
  cors?: CorsConfig;
}

/** An endpoint's `corsSettings`, as the spec writes them. */
export interface CorsConfig {
  "Access-Control-Allow-Origin": string[];
  "Access-Control-Allow-Methods"?: string[];
  "Access-Control-Allow-Headers"?: string[];
  "Access-Control-Expose-Headers"?: string[];
}

export const INGRESS_CONFIG_ENV = "SPCS_INGRESS_CONFIG";
/** What the proxy prints once every listener is up: the platform hands out the URL after it. */
export const INGRESS_LISTENING = "ingress: listening";
/** Where the ingress sees the platform's wake folder (agent/platform-agent.ts). */
export const WAKE_MOUNT = "/spcs-wake";
/** SPCS closes an ingress connection idle this long (service-network-communications). */
export const SPCS_INGRESS_IDLE_TIMEOUT_SECS = 90;
/** SERVICE_CALLER_TOKEN_VALIDITY_SECS's default. */
export const SPCS_CALLER_TOKEN_VALIDITY_SECS = 120;
