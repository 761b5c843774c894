import { createHash } from "node:crypto";
import { DEFAULT_USER, type PlatformConfig } from "../../common/config";
import type { ServiceRow } from "../../catalog/service-store";
import { readPlatformState } from "../../platform/platform";
import type { RuntimeSpec } from "../../model/runtime-spec";
import { qualified } from "../../model/service-naming";
import { ingressImageRecipe } from "./ingress-image";
import { SPCS_CALLER_TOKEN_VALIDITY_SECS, SPCS_INGRESS_IDLE_TIMEOUT_SECS, type IngressProxyConfig } from "./ingress-proxy/ingress-proxy-config";

/**
 * What the service's ingress proxy is told: the service's name and public endpoints with their
 * corsSettings, executeAsCaller from the spec, and the platform's local user and idle timeout. Those two
 * come from this process's settings (`spcs:user` / SPCS_USER, `spcs:ingressIdleTimeoutSecs` /
 * SPCS_INGRESS_IDLE_TIMEOUT_SECS), else from what `spcs platform up` was given (platform.json), else
 * LOCAL_USER (the SQL endpoint's name for a client without a login name) and SPCS's 90 s.
 */
export function ingressProxyConfig(platform: PlatformConfig, svc: Pick<ServiceRow, "databaseName" | "schemaName" | "name" | "dnsName">, spec: RuntimeSpec): IngressProxyConfig {
  const recorded = readPlatformState(platform.home).ingress ?? {};
  const byPort = new Map<number, IngressProxyConfig["endpoints"][number]>();
  for (const e of spec.endpoints) {
    if (!e.public || e.port === undefined || byPort.has(e.port)) continue;
    byPort.set(e.port, { port: e.port, ...(e.corsSettings ? { cors: e.corsSettings } : {}) });
  }
  return {
    dnsName: svc.dnsName,
    service: qualified({ database: svc.databaseName, schema: svc.schemaName, name: svc.name }),
    endpoints: [...byPort.values()].sort((a, b) => a.port - b.port),
    user: platform.user ?? recorded.user ?? DEFAULT_USER,
    executeAsCaller: spec.executeAsCaller ?? false,
    callerTokenValiditySecs: SPCS_CALLER_TOKEN_VALIDITY_SECS,
    idleTimeoutSecs: platform.ingressIdleTimeoutSecs ?? recorded.idleTimeoutSecs ?? SPCS_INGRESS_IDLE_TIMEOUT_SECS,
  };
}

/** A short digest of the settings and of the proxy's image, for the container's label: a new proxy remakes it too. */
export function ingressConfigDigest(config: IngressProxyConfig): string {
  return createHash("sha256").update(JSON.stringify(config)).update(ingressImageRecipe()).digest("hex").slice(0, 16);
}
