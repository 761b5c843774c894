import { doesNotExist } from "../../common/errors";
import type { ServiceKey, ServiceRow } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import type { RuntimeSpec } from "../../model/runtime-spec";
import { qualified } from "../../model/service-naming";
import { createWorkload, removeWorkload, type ServiceDefinition } from "../workloads/create-workload";
import { ensureIngress, removeIngress } from "./ingress";

/**
 * CREATE SERVICE: the workload (createWorkload), then its ingress, whose URL stays for the service's life.
 * Fails, leaving nothing behind, on the grounds createWorkload lists.
 */
export async function createService(platform: Platform, def: ServiceDefinition): Promise<ServiceRow> {
  return createWorkload(platform, def, {
    started: (row) => ensureIngress(platform, row, def.spec),
    drop: (key) => dropService(platform, key, { ifExists: true }),
  });
}

/** DROP SERVICE of a service: its ingress, then every container and the catalog rows; frees capacity for waiting work. */
export async function dropService(platform: Platform, key: ServiceKey, opts: { ifExists?: boolean } = {}): Promise<boolean> {
  const svc = platform.catalog.services.get(key);
  if (!svc) {
    if (opts.ifExists) return false;
    throw doesNotExist("Service", qualified(key));
  }
  await removeIngress(platform, key);
  await removeWorkload(platform, svc);
  return true;
}
