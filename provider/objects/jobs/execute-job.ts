import { randomUUID } from "node:crypto";
import { nowIso } from "../../common/time";
import type { PinnedImage, ServiceKey, ServiceRow } from "../../catalog/service-store";
import type { Platform } from "../../platform/platform";
import type { RuntimeSpec } from "../../model/runtime-spec";
import type { SecretValue } from "../workloads/secret-store";
import { createWorkload } from "../workloads/create-workload";
import { dropJob } from "./cancel-job";

/** EXECUTE JOB SERVICE's properties, resolved (defaults filled, names upper-case). */
export interface JobDefinition {
  key: ServiceKey;
  computePool: string;
  spec: RuntimeSpec;
  specDigest: string;
  replicas: number;
  async: boolean;
  externalAccessIntegrations: string[] | null;
  queryWarehouse: string | null;
  comment: string | null;
  secrets?: Record<string, SecretValue>;
  /** `cre@NAME`, already resolved into `pin` by the caller. */
  runtimeEnvironment: string | null;
  /** Pins a container's image; the default resolves the spec's tag in the registry now. */
  pin?: (container: RuntimeSpec["containers"][number]) => Promise<PinnedImage>;
}

/**
 * EXECUTE JOB SERVICE: records the job (a `services` row with is_job, its replicas as instances, and a
 * job-history row) and starts the replicas that fit the pool; the rest wait PENDING. Containers never
 * restart. Returns at once: `awaitJobEnd` is the synchronous part. Fails, leaving nothing behind, on the
 * same grounds as CREATE SERVICE (missing pool, unpinnable image, replicas that could never fit).
 */
export async function executeJobService(platform: Platform, def: JobDefinition): Promise<ServiceRow> {
  const queryId = randomUUID();
  return createWorkload(
    platform,
    {
      key: def.key, computePool: def.computePool, spec: def.spec, specDigest: def.specDigest,
      minInstances: def.replicas, maxInstances: def.replicas, minReadyInstances: def.replicas, autoResume: true,
      externalAccessIntegrations: def.externalAccessIntegrations, queryWarehouse: def.queryWarehouse, comment: def.comment, secrets: def.secrets,
    },
    {
      pin: def.pin,
      drop: (key) => dropJob(platform, key, { ifExists: true }),
      job: {
        isAsync: def.async,
        record: (row) => {
          platform.catalog.jobs.insert({
            databaseName: row.databaseName, schemaName: row.schemaName, name: row.name, replicas: def.replicas,
            runtimeEnvironment: def.runtimeEnvironment, queryId, startedOn: null, completedOn: null, message: null,
          });
          platform.catalog.jobs.insertHistory({
            queryId, name: row.name, databaseName: row.databaseName, schemaName: row.schemaName, createdTime: row.createdOn || nowIso(),
            completedTime: null, deletedTime: null, status: "PENDING", message: null, instanceStatuses: {}, computePoolName: row.computePool,
            owner: row.owner, ownerRoleType: "ROLE",
            parameters: { REPLICAS: def.replicas, ASYNC: def.async, QUERY_WAREHOUSE: def.queryWarehouse, EXTERNAL_ACCESS_INTEGRATIONS: def.externalAccessIntegrations, COMMENT: def.comment, RUNTIME_ENVIRONMENT: def.runtimeEnvironment },
          });
        },
      },
    },
  );
}
