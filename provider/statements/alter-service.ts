import { doesNotExist } from "../common/errors";
import type { ServiceKey } from "../catalog/service-store";
import type { Platform } from "../platform/platform";
import type { RuntimeSpec } from "../model/runtime-spec";
import { qualified } from "../model/service-naming";
import { driftLine } from "../model/drift";
import { ensureIngress } from "../objects/services/ingress";
import { resumeService, suspendService } from "../objects/services/service-lifecycle";
import { repairService, restartService, scaleService, setServiceProperties, upgradeService } from "../objects/services/service-updates";
import { applyExternalAccess } from "../objects/workloads/external-access";
import { requireIntegrations } from "../objects/external-access-integrations/allowed-egress";
import { storedServiceSecrets, writeServiceSecrets, type SecretValue } from "../objects/workloads/secret-store";
import { readRuntimeSpec } from "../model/stored-runtime-spec";
import { requireSameBlockVolumes } from "../model/block-volumes";

/** What a service should be after ALTER SERVICE; a property left undefined keeps its current value. */
export interface ServiceTarget {
  suspended?: boolean;
  /** ALTER SERVICE ... FROM SPECIFICATION: a rolling upgrade when the digest differs from the current one. */
  spec?: { spec: RuntimeSpec; specDigest: string };
  minInstances?: number;
  maxInstances?: number;
  minReadyInstances?: number;
  autoResume?: boolean;
  /** AUTO_SUSPEND_SECS: idle seconds before the platform suspends the service; 0 never. */
  autoSuspendSecs?: number;
  externalAccessIntegrations?: string[] | null;
  queryWarehouse?: string | null;
  comment?: string | null;
  /** The values of the Snowflake secrets the spec references; new values restart the instances. */
  secrets?: Record<string, SecretValue>;
  /** How long each replaced instance may take to become READY. */
  readyTimeoutSeconds: number;
  /** Drift repaired by this call, and instances replaced. */
  progress?: (line: string) => void;
}

/**
 * ALTER SERVICE, declaratively: brings a service from what the catalog and the engine hold to `target`,
 * in SPCS's order, and changes only what differs:
 *  1. SUSPEND (then only properties and secret values change: instances read them when they resume)
 *     or RESUME;
 *  2. repair: what DESCRIBE reports as drift (a container removed, stopped or altered by hand);
 *  3. the ingress, which may have come back on its own (an engine restart): the URL answers afterwards;
 *  4. SET of the properties that need no container change;
 *  5. external access (egress) when the integrations changed;
 *  6. scale (MIN_INSTANCES / MAX_INSTANCES);
 *  7. secret values written, and
 *  8. a rolling restart for new secret values, or a rolling upgrade for a new specification.
 * The Pulumi Service's update and the CLI's `alter service` call this; nothing else orders these steps.
 */
export async function alterService(platform: Platform, key: ServiceKey, target: ServiceTarget): Promise<void> {
  const svc = platform.catalog.services.get(key);
  if (!svc) throw doesNotExist("Service", qualified(key));
  const progress = target.progress ?? (() => undefined);
  requireIntegrations(platform, target.externalAccessIntegrations);
  // Refused before anything changes: SPCS fixes a service's block volumes at create.
  if (target.spec) requireSameBlockVolumes(readRuntimeSpec(svc), target.spec.spec, qualified(key));
  const props = { minReadyInstances: target.minReadyInstances, autoResume: target.autoResume, autoSuspendSecs: target.autoSuspendSecs, externalAccessIntegrations: target.externalAccessIntegrations, queryWarehouse: target.queryWarehouse, comment: target.comment };
  const secretsChanged = target.secrets !== undefined && canonical(target.secrets) !== canonical(storedServiceSecrets(platform.config.home, key) ?? null);
  if (target.suspended) {
    await suspendService(platform, key);
    setServiceProperties(platform, key, props);
    // A rotation while suspending is kept: the instances read the new values when they start again.
    if (secretsChanged) writeServiceSecrets(platform.config.home, key, target.secrets!);
    return;
  }
  if (target.suspended === false) await resumeService(platform, key);
  for (const d of await repairService(platform, key)) progress(`Service ${qualified(key)}: repaired drift: ${driftLine(d)}`);
  const row = platform.catalog.services.get(key)!;
  await ensureIngress(platform, row, readRuntimeSpec(row));
  setServiceProperties(platform, key, props);
  if (target.externalAccessIntegrations !== undefined && canonical(target.externalAccessIntegrations) !== canonical(svc.externalAccessIntegrations)) await applyExternalAccess(platform, key);
  const min = target.minInstances ?? svc.minInstances;
  const max = target.maxInstances ?? svc.maxInstances;
  if (min !== svc.minInstances || max !== svc.maxInstances) await scaleService(platform, key, min, max);
  if (secretsChanged) writeServiceSecrets(platform.config.home, key, target.secrets!);
  // An upgrade interrupted after the new spec was recorded (isUpgrading still set, or instances on another
  // digest) is finished by the next ALTER with that spec: the digests alone would say there is nothing to do.
  const unfinished = svc.isUpgrading || platform.catalog.services.instances(key).some((i) => i.specDigest !== svc.specDigest);
  const upgrade = target.spec !== undefined && (target.spec.specDigest !== svc.specDigest || unfinished);
  if (secretsChanged && !upgrade) await restartService(platform, key, target.readyTimeoutSeconds, progress);
  if (upgrade) await upgradeService(platform, key, target.spec!.spec, target.spec!.specDigest, target.readyTimeoutSeconds, progress);
}

/** JSON with object keys sorted, so two values compare equal whatever order their keys came in. */
const canonical = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
