import type { SqlResult } from "../sql-types";
import { alterComputePool, createComputePool, describeComputePool, dropComputePoolStatement, showComputePools } from "./exec-compute-pool";
import type { ExecContext } from "./exec-context";
import { alterCre, createCre, describeCre, dropCre, showCres } from "./exec-cre";
import { executeFunction } from "./exec-functions";
import { alterImageRepository, createImageRepository, describeImageRepository, dropImageRepository, showImageRepositories, showImagesStatement } from "./exec-image-repository";
import { executeJobStatement } from "./exec-job";
import { alterAccountParameters, showAccountParameters } from "./exec-parameters";
import { createServiceFunctionStatement, describeFunctionStatement, dropFunctionStatement } from "./exec-service-function";
import { alterServiceStatement, createServiceStatement, dropServiceStatement } from "./exec-service";
import { describeServiceStatement, showServiceDetail, showServicesStatement } from "./exec-service-show";
import { withStageSpecification } from "./stage-spec-source";
import { createSnapshotStatement, describeSnapshotStatement, dropSnapshotStatement, showSnapshotsStatement } from "./exec-snapshot";
import type { Statement } from "./statement-types";

/**
 * Runs one parsed statement on the platform. Undefined: the statement names no SPCS object after all (DROP
 * FUNCTION of a function that is not a service function) and goes to fakesnow.
 */
export async function executeStatement(ctx: ExecContext, parsed: Statement): Promise<SqlResult | undefined> {
  const st = withStageSpecification(ctx, parsed);
  switch (st.kind) {
    case "create-compute-pool":
      return createComputePool(ctx, st);
    case "alter-compute-pool":
      return alterComputePool(ctx, st);
    case "drop-compute-pool":
      return dropComputePoolStatement(ctx, st);
    case "show-compute-pools":
      return showComputePools(ctx, st);
    case "describe-compute-pool":
      return describeComputePool(ctx, st);
    case "create-image-repository":
      return createImageRepository(ctx, st);
    case "alter-image-repository":
      return alterImageRepository(ctx, st);
    case "drop-image-repository":
      return dropImageRepository(ctx, st);
    case "show-image-repositories":
      return showImageRepositories(ctx, st);
    case "describe-image-repository":
      return describeImageRepository(ctx, st);
    case "show-images":
      return showImagesStatement(ctx, st);
    case "create-service":
      return createServiceStatement(ctx, st);
    case "alter-service":
      return alterServiceStatement(ctx, st);
    case "drop-service":
      return dropServiceStatement(ctx, st);
    case "show-services":
      return showServicesStatement(ctx, st);
    case "describe-service":
      return describeServiceStatement(ctx, st);
    case "show-service-detail":
      return showServiceDetail(ctx, st);
    case "execute-job-service":
      return executeJobStatement(ctx, st);
    case "create-cre":
      return createCre(ctx, st);
    case "alter-cre":
      return alterCre(ctx, st);
    case "drop-cre":
      return dropCre(ctx, st);
    case "show-cres":
      return showCres(ctx, st);
    case "describe-cre":
      return describeCre(ctx, st);
    case "show-account-parameters":
      return showAccountParameters(ctx, st);
    case "alter-account-parameters":
      return alterAccountParameters(ctx, st);
    case "create-snapshot":
      return createSnapshotStatement(ctx, st);
    case "drop-snapshot":
      return dropSnapshotStatement(ctx, st);
    case "describe-snapshot":
      return describeSnapshotStatement(ctx, st);
    case "show-snapshots":
      return showSnapshotsStatement(ctx, st);
    case "function":
      return executeFunction(ctx, st);
    case "create-service-function":
      return createServiceFunctionStatement(ctx, st);
    case "drop-function":
      return dropFunctionStatement(ctx, st);
    case "describe-function":
      return describeFunctionStatement(ctx, st);
  }
}
