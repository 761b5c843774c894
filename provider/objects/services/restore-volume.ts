import { SpcsError, doesNotExist } from "../../common/errors";
import type { ServiceKey } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import { qualified, volumeName } from "../../model/service-naming";
import { resolveSnapshotName } from "../../model/snapshot-naming";
import { backupBeforeDelete, fillFromSnapshot, requireBlockVolume } from "../snapshots/snapshots";
import { resumeService } from "./service-lifecycle";

/**
 * ALTER SERVICE … RESTORE VOLUME "v" INSTANCES i[, …] FROM SNAPSHOT s (alter-service, block-storage-volume):
 * the service must be suspended; each named instance's volume is replaced by a copy of the snapshot (the
 * old one snapshotted first when snapshotOnDelete is true), and the service resumes.
 */
export async function restoreVolume(platform: Platform, key: ServiceKey, volume: string, instances: number[], snapshot: string): Promise<void> {
  const svc = platform.catalog.services.get(key);
  if (!svc) throw doesNotExist("Service", qualified(key));
  const v = requireBlockVolume(platform, key, volume);
  if (svc.status !== "SUSPENDED") {
    throw new SpcsError("service-not-suspended", `Service ${qualified(key)} is ${svc.status}; RESTORE VOLUME needs a suspended service.`, `suspend it first: ALTER SERVICE ${qualified(key)} SUSPEND (spcs alter service ${qualified(key)} suspend)`);
  }
  const known = platform.catalog.services.instances(key).map((i) => i.instanceId);
  const unknown = instances.filter((i) => !known.includes(i));
  if (unknown.length > 0 || instances.length === 0) {
    throw new SpcsError("invalid-instance", `Service ${qualified(key)} has no instance ${unknown.join(", ") || "(none named)"}; its instances are ${known.join(", ")}.`, `name instances from 0 to ${known.length - 1}`);
  }
  const from = resolveSnapshotName(snapshot, key);
  if (!platform.catalog.snapshots.get(from.database, from.schema, from.name)) throw doesNotExist("Snapshot", `${from.database}.${from.schema}.${from.name}`);
  for (const i of instances) {
    await backupBeforeDelete(platform, key, v, i);
    const target = volumeName(platform.config.home, key, i, v.name);
    await platform.docker.removeVolume(target);
    await fillFromSnapshot(platform, from, target);
  }
  await resumeService(platform, key);
}
