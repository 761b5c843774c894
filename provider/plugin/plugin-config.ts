/**
 * The provider's configuration (stack config `spcs:*`, or an explicit `new spcs.Provider(...)`'s inputs),
 * checked before any resource is touched: a key that is not a setting, or a value that cannot work, is an
 * error naming the key and the fix. The dynamic provider silently ignored both (a typo like `spcs:hom`
 * managed the default platform instead).
 */
import * as os from "node:os";
import * as path from "node:path";

export const SETTINGS = ["home", "registry", "dockerHost", "account"] as const;
export type Setting = (typeof SETTINGS)[number];

/** Keys the engine or the SDKs add to every provider's config; not settings of ours. */
const RESERVED = new Set(["version", "pluginDownloadURL"]);
/** pulumi.runtime.unknownValue: a setting computed from another resource's output, during preview. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface ConfigFailure {
  property: string;
  reason: string;
}

const RULES: Record<Setting, { ok: (v: string) => boolean; expect: string }> = {
  home: { ok: (v) => v.trim() !== "" && !v.includes("\0"), expect: "a directory path, e.g. ~/.spcs" },
  registry: { ok: (v) => /^[A-Za-z0-9.-]+:\d{1,5}$/.test(v) && Number(v.split(":")[1]) > 0 && Number(v.split(":")[1]) < 65536, expect: "host:port of the OCI registry, e.g. 127.0.0.1:5000" },
  dockerHost: { ok: (v) => /^(unix:\/\/\/\S+|npipe:\/\/\S+|(tcp|http|https):\/\/[A-Za-z0-9.-]+:\d{1,5}\/?)$/.test(v), expect: "unix:///var/run/docker.sock or tcp://host:port" },
  account: { ok: (v) => /^[A-Za-z][A-Za-z0-9_]{0,254}$/.test(v), expect: "an unquoted identifier, e.g. LOCAL_ACCOUNT" },
};

/** Every problem with one configuration, each naming its key as `spcs:<key>`. */
export function checkConfig(config: Record<string, unknown>): ConfigFailure[] {
  const failures: ConfigFailure[] = [];
  for (const [key, value] of Object.entries(config)) {
    // Empty is unset, as for the environment variables: generated SDKs pass SPCS_REGISTRY= through as "".
    if (RESERVED.has(key) || value === undefined || value === null || value === "" || value === UNKNOWN) continue;
    if (!(SETTINGS as readonly string[]).includes(key)) {
      const near = SETTINGS.find((s) => closeTo(key, s));
      failures.push({ property: key, reason: `spcs:${key} is not a setting of the spcs provider${near ? ` (did you mean spcs:${near}?)` : ""}; fix: use one of ${SETTINGS.map((s) => `spcs:${s}`).join(", ")}` });
      continue;
    }
    const rule = RULES[key as Setting];
    if (typeof value !== "string" || !rule.ok(value)) {
      failures.push({ property: key, reason: `spcs:${key} is ${JSON.stringify(value)}, which is not ${rule.expect}; fix: pulumi config set spcs:${key} <${rule.expect.split(",")[0]}>` });
    }
  }
  return failures;
}

/** The settings as the platform's config lookup reads them (`spcs:home` ...); `~/` expands to the home directory. */
export function configLookup(config: Record<string, unknown>): (key: string) => string | undefined {
  return (key) => {
    const v = config[key.replace(/^spcs:/, "")];
    if (typeof v !== "string" || v === UNKNOWN) return undefined;
    return key === "spcs:home" && v.startsWith("~/") ? path.join(os.homedir(), v.slice(2)) : v;
  };
}

/** One edit apart (a typo), case-insensitively. */
function closeTo(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return x.slice(i + (x.length >= y.length ? 1 : 0)) === y.slice(i + (y.length >= x.length ? 1 : 0));
}
