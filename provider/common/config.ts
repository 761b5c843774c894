import * as os from "node:os";
import * as path from "node:path";

/**
 * Where the local platform lives. Resolved once per provider process (in `configure`) or per CLI run, from
 * the stack config `spcs:*` first and the environment second, and passed explicitly from then on: nothing
 * reads the environment deeper down, and nothing of it is captured into serialized provider code.
 */
export interface PlatformConfig {
  /** Platform home: the catalog, the registry's storage, stage directories, logs. */
  readonly home: string;
  /** Docker Engine API address; undefined means dockerode's default (DOCKER_HOST or the local socket). */
  readonly dockerHost?: string;
  /** `host:port` of the OCI distribution registry. */
  readonly registry: string;
  /** The account name the platform reports (SNOWFLAKE_ACCOUNT, registry host naming). */
  readonly account: string;
  /** The user a public endpoint's requests come from (`Sf-Context-Current-User`), as written (SPCS gives the login name, upper-case unless quoted); DEFAULT_USER when unset. */
  readonly user?: string;
  /** Seconds an ingress connection may stay idle (SPCS: 90); tests shorten it. */
  readonly ingressIdleTimeoutSecs?: number;
}

export const DEFAULT_REGISTRY = "127.0.0.1:5000";
export const DEFAULT_ACCOUNT = "LOCAL_ACCOUNT";
/** The SQL endpoint's login name when a client gives none: one local user throughout. */
export const DEFAULT_USER = "LOCAL_USER";

/** Stack config keys (namespace `spcs`) and the environment variables that stand in for them. */
export const CONFIG_KEYS = {
  home: { config: "spcs:home", env: "SPCS_HOME" },
  dockerHost: { config: "spcs:dockerHost", env: "DOCKER_HOST" },
  registry: { config: "spcs:registry", env: "SPCS_REGISTRY" },
  account: { config: "spcs:account", env: "SPCS_ACCOUNT" },
  user: { config: "spcs:user", env: "SPCS_USER" },
  ingressIdleTimeoutSecs: { config: "spcs:ingressIdleTimeoutSecs", env: "SPCS_INGRESS_IDLE_TIMEOUT_SECS" },
} as const;

export type ConfigLookup = (key: string) => string | undefined;

export function resolveConfig(stackConfig: ConfigLookup = () => undefined, env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const pick = (k: keyof typeof CONFIG_KEYS): string | undefined => {
    const v = stackConfig(CONFIG_KEYS[k].config) ?? env[CONFIG_KEYS[k].env];
    return v === undefined || v === "" ? undefined : v;
  };
  const config: PlatformConfig = {
    home: path.resolve(pick("home") ?? path.join(os.homedir(), ".spcs")),
    dockerHost: pick("dockerHost"),
    registry: pick("registry") ?? DEFAULT_REGISTRY,
    account: (pick("account") ?? DEFAULT_ACCOUNT).toUpperCase(),
  };
  // Optional settings appear only when given, so a config reads (and compares) the same as before they existed.
  const user = pick("user");
  const idle = idleTimeout(pick("ingressIdleTimeoutSecs"));
  return { ...config, ...(user && { user }), ...(idle && { ingressIdleTimeoutSecs: idle }) };
}

function idleTimeout(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${CONFIG_KEYS.ingressIdleTimeoutSecs.config} (${CONFIG_KEYS.ingressIdleTimeoutSecs.env}) must be a whole number of seconds of at least 1, not '${v}'`);
  return n;
}

/** The variables that carry a platform's settings to a process it starts (the agent, the SQL endpoint). */
export function configEnv(config: PlatformConfig): Record<string, string> {
  return {
    SPCS_HOME: config.home,
    SPCS_REGISTRY: config.registry,
    SPCS_ACCOUNT: config.account,
    ...(config.dockerHost && { DOCKER_HOST: config.dockerHost }),
    ...(config.user && { SPCS_USER: config.user }),
    ...(config.ingressIdleTimeoutSecs && { SPCS_INGRESS_IDLE_TIMEOUT_SECS: String(config.ingressIdleTimeoutSecs) }),
  };
}

/** Files and folders under the platform home. */
export function homePaths(home: string) {
  return {
    catalog: path.join(home, "catalog.db"),
    registryRoot: path.join(home, "registry"),
    registryStorage: path.join(home, "registry", "storage"),
    registryConfig: path.join(home, "registry", "config.yml"),
    state: path.join(home, "platform.json"),
    logs: path.join(home, "log"),
    stages: path.join(home, "stages"),
  };
}
