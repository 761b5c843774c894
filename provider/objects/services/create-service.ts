import { SpcsError, doesNotExist } from "../../common/errors";
import { blockVolumes } from "../../model/block-volumes";
import { readRuntimeSpec } from "../../model/stored-runtime-spec";
import { backupBeforeDelete } from "../snapshots/snapshots";
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
    // A create that failed part-way leaves nothing, block volumes included: nothing was stored in them yet.
    drop: (key) => dropService(platform, key, { ifExists: true, force: true, backup: false }),
  });
}

/** How DROP SERVICE treats block volumes. */
export interface DropOptions {
  ifExists?: boolean;
  /** DROP SERVICE … FORCE: needed to drop a service with block volumes, which it deletes. */
  force?: boolean;
  /** snapshotOnDelete applies (default): a SYS_BACKUP_ON_DELETE snapshot of each block volume first. */
  backup?: boolean;
}

/**
 * DROP SERVICE of a service: its ingress, then every container and the catalog rows; frees capacity for
 * waiting work. A service with block volumes needs FORCE (SPCS refuses the drop otherwise); with it, each
 * block volume whose snapshotOnDelete is true is snapshotted (SYS_BACKUP_ON_DELETE…) before it is deleted.
 */
export async function dropService(platform: Platform, key: ServiceKey, opts: DropOptions = {}): Promise<boolean> {
  const svc = platform.catalog.services.get(key);
  if (!svc) {
    if (opts.ifExists) return false;
    throw doesNotExist("Service", qualified(key));
  }
  const spec = readRuntimeSpec(svc);
  const blocks = blockVolumes(spec);
  if (blocks.length > 0 && !opts.force) {
    throw new SpcsError("block-volumes-need-force", `Service ${qualified(key)} has block volumes (${blocks.map((v) => `"${v.name}"`).join(", ")}); DROP SERVICE without FORCE does not delete them.`, `drop it with FORCE (DROP SERVICE ${qualified(key)} FORCE, spcs drop service ${qualified(key)} --force), which deletes the block volumes${blocks.some((v) => v.snapshotOnDelete) ? " after a SYS_BACKUP_ON_DELETE snapshot of each" : ""}`);
  }
  await removeIngress(platform, key);
  if (opts.backup !== false) {
    for (const i of platform.catalog.services.instances(key)) for (const v of blocks) await backupBeforeDelete(platform, key, v, i.instanceId);
  }
  await removeWorkload(platform, svc);
  return true;
}
