import { resolveConfig, type ConfigLookup, type PlatformConfig } from "../common/config";
import { openPlatform, type Platform } from "./platform";

/**
 * The platform a provider process talks to. `configure` runs once per provider process with the stack
 * config; calls that arrive without it (tests, the CLI) fall back to the environment.
 */
let configured: PlatformConfig | undefined;

export function configurePlatform(stackConfig: ConfigLookup): PlatformConfig {
  return (configured = resolveConfig(stackConfig));
}

export function currentPlatform(): Platform {
  return openPlatform(configured ?? resolveConfig());
}
