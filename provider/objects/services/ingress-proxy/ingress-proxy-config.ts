/**
 * What a service's ingress is set up from: the platform builds it from the service's spec and the
 * platform's settings (ingress-settings.ts), haproxy-config.ts turns it into haproxy's configuration and
 * environment; a change makes a new container on the same ports (its digest is a label).
 */
export interface IngressProxyConfig {
  /** The service's DNS name: only READY instances carry it, so haproxy follows it (every 200 ms). */
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

/** What the ingress prints once every listener is up (ingress-lua.ts): the platform hands out the URL after it. */
export const INGRESS_LISTENING = "ingress: listening";
/** Where the ingress sees the platform's wake folder (agent/platform-agent.ts). */
export const WAKE_MOUNT = "/spcs-wake";
/** SPCS closes an ingress connection idle this long (service-network-communications). */
export const SPCS_INGRESS_IDLE_TIMEOUT_SECS = 90;
/** SERVICE_CALLER_TOKEN_VALIDITY_SECS's default. */
export const SPCS_CALLER_TOKEN_VALIDITY_SECS = 120;
