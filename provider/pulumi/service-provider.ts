import { ResourceInitError, SpcsError, isSpcsError } from "../common/errors";
import { autoName, qualifiedName } from "../common/identifiers";
import { isUnknown } from "../common/unknown";
import type { ServiceKey } from "../catalog/service-store";
import { currentPlatform } from "../platform/current-platform";
import type { Platform } from "../platform/platform";
import { DEFAULT_READY_TIMEOUT_SECONDS, awaitServiceReady, alterService, createService, describeService, dropService, type SecretValue, type ServiceDescription, suspendService } from "../statements/services";
import { describeServiceSpecText } from "../statements/service-spec-text";
import { runtimeSpecOf } from "../model/from-spec";
import { driftLine } from "../model/drift";
import { SERVICE_SCHEMA } from "../schema/tables/service-schema";
import { replaceOnChangeNames } from "../schema/resource-schema";
import { RESOURCE_NAME_KEY, plain, randomSuffix, same, type ResourceProvider } from "./provider-types";
import { analyzeSource, identifierFailures, instanceCountFailures, normalizeSecrets, secretFailures, specFailures, type WorkloadInputs } from "./workload-settings";
import { progress } from "../common/progress";
import { blockVolumeUpdateFailures } from "./block-volume-failures";

export interface ServiceInputs extends WorkloadInputs {
  minInstances: number;
  maxInstances: number;
  minReadyInstances: number;
  autoResume: boolean;
  autoSuspendSecs: number;
  externalAccessIntegrations: string[] | null;
  queryWarehouse: string | null;
  comment: string | null;
  readyTimeoutSeconds: number;
  /** Declarative ALTER SERVICE ... SUSPEND / RESUME. */
  suspended: boolean;
  /** Values of the Snowflake secrets the spec references (a Pulumi secret: encrypted in state). */
  secrets?: Record<string, SecretValue>;
  [RESOURCE_NAME_KEY]?: string;
}

export type ServiceOutputs = ServiceInputs & Omit<ServiceDescription, "name" | "computePool" | "minInstances" | "maxInstances" | "minReadyInstances" | "autoResume" | "autoSuspendSecs" | "externalAccessIntegrations" | "queryWarehouse" | "comment" | "drift"> & {
  /** DESCRIBE's drift as the lines people read (driftLine). */
  drift: string[];
  /** The first public endpoint's ingress URL, `http://127.0.0.1:<port>`, or null. */
  ingressUrl: string | null;
};

/** The service's own inputs; `adopt` is the adoption wrapper's (create-time only). */
const INPUTS = SERVICE_SCHEMA.properties.filter((p) => p.input && p.name !== "adopt").map((p) => p.name) as (keyof ServiceInputs)[];
const REPLACE_ON_CHANGE = replaceOnChangeNames(SERVICE_SCHEMA) as (keyof ServiceInputs)[];
/** Compared through the spec digest: a reformatted spec, or USING values that render the same, is no change. */
const SPEC_INPUTS: readonly string[] = ["spec", "specTemplate", "using"];
/** Inputs ALTER SERVICE changes in place. */
const ALTERABLE = INPUTS.filter((k) => !REPLACE_ON_CHANGE.includes(k) && !SPEC_INPUTS.includes(k));
/** Outputs DESCRIBE SERVICE shows (ingressUrl is derived from the endpoints). */
const SHOWN = SERVICE_SCHEMA.properties.filter((p) => !p.input && p.name !== "ingressUrl").map((p) => p.name) as (keyof ServiceDescription)[];

/**
 * Service: CREATE / ALTER / DROP SERVICE.
 *
 * create and update wait until MIN_READY_INSTANCES instances are READY (readyTimeoutSeconds), failing
 * fast on a crash loop with the container's logs. Partial failure: once the service exists, a failure to
 * become ready is reported with its id and state, so Pulumi records it and the next `up` continues;
 * a failure before that (bad image, never fits) leaves nothing behind.
 */
export const serviceProvider: ResourceProvider<ServiceInputs, ServiceOutputs> = {
  async check(olds, news) {
    const upper = (v: unknown) => (typeof v === "string" && !isUnknown(v) ? v.toUpperCase() : v) as string;
    const min = news.minInstances ?? 1;
    const inputs: ServiceInputs = {
      database: upper(news.database),
      schema: upper(news.schema),
      name: upper(news.name ?? olds.name ?? autoName(news[RESOURCE_NAME_KEY] ?? "service", randomSuffix())),
      computePool: upper(news.computePool),
      spec: news.spec,
      specTemplate: news.specTemplate,
      using: news.using,
      minInstances: min,
      maxInstances: news.maxInstances ?? min,
      minReadyInstances: news.minReadyInstances ?? min,
      autoResume: news.autoResume ?? true,
      autoSuspendSecs: news.autoSuspendSecs ?? 0,
      externalAccessIntegrations: news.externalAccessIntegrations ?? null,
      queryWarehouse: news.queryWarehouse ?? null,
      comment: news.comment ?? null,
      readyTimeoutSeconds: news.readyTimeoutSeconds ?? DEFAULT_READY_TIMEOUT_SECONDS,
      suspended: news.suspended ?? false,
      secrets: isUnknown(news.secrets) ? news.secrets : news.secrets && normalizeSecrets(news.secrets),
      [RESOURCE_NAME_KEY]: news[RESOURCE_NAME_KEY],
    };
    const analysis = analyzeSource(inputs, "service", { min: inputs.minInstances, max: inputs.maxInstances });
    const failures = [
      ...identifierFailures("Service", { database: inputs.database, schema: inputs.schema, name: inputs.name, computePool: inputs.computePool }),
      ...instanceCountFailures(inputs.minInstances, inputs.maxInstances, inputs.minReadyInstances),
      ...specFailures("Service", inputs, analysis),
      ...secretFailures("Service", analysis?.ok ? analysis.spec : undefined, inputs.secrets),
      ...blockVolumeUpdateFailures(olds, inputs, REPLACE_ON_CHANGE.some((k) => olds[k] !== undefined && !same(olds[k], inputs[k])), olds.spec ?? olds.specTemplate ? analyzeSource(olds, "service") : undefined, analysis, qualifiedName(String(inputs.database), String(inputs.schema), String(inputs.name))),
    ];
    return { inputs: plain(inputs), failures };
  },

  async diff(_id, olds, news) {
    const replaces = REPLACE_ON_CHANGE.filter((k) => !same(olds[k], news[k]));
    const analysis = analyzeSource(news, "service");
    const oldDigest = olds.specDigest ?? analyzeSource(olds, "service")?.specDigest;
    const specChanged = analysis === undefined ? !same(olds.spec ?? olds.specTemplate, news.spec ?? news.specTemplate) : analysis.specDigest !== oldDigest;
    // Drift found by the last refresh is a change too: `up` repairs it.
    const drifted = (olds.drift?.length ?? 0) > 0;
    const changed = specChanged || drifted || ALTERABLE.some((k) => !same(olds[k], news[k]));
    return { changes: replaces.length > 0 || changed, replaces: [...replaces], deleteBeforeReplace: replaces.length > 0 };
  },

  async create(inputs) {
    const platform = currentPlatform();
    const analysis = analyzeSource(inputs, "service")!;
    const key = keyOf(inputs);
    await createService(platform, {
      key, computePool: inputs.computePool, spec: runtimeSpecOf(analysis.spec!), specDigest: analysis.specDigest!,
      minInstances: inputs.minInstances, maxInstances: inputs.maxInstances, minReadyInstances: inputs.minReadyInstances,
      autoResume: inputs.autoResume, autoSuspendSecs: inputs.autoSuspendSecs, externalAccessIntegrations: inputs.externalAccessIntegrations, queryWarehouse: inputs.queryWarehouse, comment: inputs.comment,
      secrets: inputs.secrets,
    });
    if (inputs.suspended) {
      await waitAndDescribe(key, inputs);
      await suspendService(platform, key);
      return { id: idOf(key), outs: outputsOf(inputs, (await describeService(platform, key))!) };
    }
    return { id: idOf(key), outs: await waitAndDescribe(key, inputs) };
  },

  async read(id, props) {
    const platform = currentPlatform();
    const d = await describeService(platform, keyOf(props));
    if (!d) return {};
    // An import (`pulumi import`, `Service.get`) knows only the id: every input comes from DESCRIBE.
    const importing = props.spec === undefined && props.specTemplate === undefined;
    const inputs: ServiceInputs = {
      ...pickInputs(props),
      ...(importing && { spec: importedSpec(platform, id, keyOf(props)) }),
      computePool: d.computePool,
      readyTimeoutSeconds: props.readyTimeoutSeconds ?? DEFAULT_READY_TIMEOUT_SECONDS,
      minInstances: d.minInstances,
      maxInstances: d.maxInstances,
      minReadyInstances: d.minReadyInstances,
      autoResume: d.autoResume,
      autoSuspendSecs: d.autoSuspendSecs,
      externalAccessIntegrations: d.externalAccessIntegrations,
      queryWarehouse: d.queryWarehouse,
      comment: d.comment,
      // A service that suspends itself when idle (AUTO_SUSPEND_SECS) keeps the declared `suspended`: the
      // platform's suspension is no drift, and `up` must not wake it (AUTO_RESUME does, on use).
      suspended: d.autoSuspendSecs > 0 && props.suspended !== undefined ? props.suspended : d.status === "SUSPENDED" || d.status === "SUSPENDING",
    };
    return { id, props: outputsOf(inputs, d), inputs: plain(inputs) };
  },

  async update(_id, olds, news) {
    const platform = currentPlatform();
    const key = keyOf(news);
    const analysis = analyzeSource(news, "service")!;
    // A service that suspends itself when idle is resumed only when `suspended` itself turns false.
    const suspended = news.autoSuspendSecs > 0 && !news.suspended && !olds.suspended ? undefined : news.suspended;
    try {
      await alterService(platform, key, {
        suspended, spec: { spec: runtimeSpecOf(analysis.spec!), specDigest: analysis.specDigest! },
        minInstances: news.minInstances, maxInstances: news.maxInstances, minReadyInstances: news.minReadyInstances, autoResume: news.autoResume, autoSuspendSecs: news.autoSuspendSecs,
        externalAccessIntegrations: news.externalAccessIntegrations, queryWarehouse: news.queryWarehouse, comment: news.comment,
        secrets: news.secrets ?? {}, readyTimeoutSeconds: news.readyTimeoutSeconds, progress,
      });
    } catch (e) {
      if (!isSpcsError(e)) throw e;
      const d = await describeService(platform, key);
      throw new ResourceInitError(idOf(key), (d ? outputsOf(news, d) : {}) as Record<string, unknown>, [e.message], e.message);
    }
    const now = await describeService(platform, key);
    if (news.suspended || now?.status === "SUSPENDED") return { outs: outputsOf(news, now!) };
    return { outs: await waitAndDescribe(key, news) };
  },

  async delete(_id, props) {
    // Deleting the resource means deleting the service, block volumes included: DROP SERVICE … FORCE (as the
    // Snowflake Terraform provider does), which takes snapshotOnDelete's backups first.
    await dropService(currentPlatform(), keyOf(props), { ifExists: true, force: true });
  },
};

/** Waits for READY; on failure reports the service as created-but-unhealthy (partial failure). */
async function waitAndDescribe(key: ServiceKey, inputs: ServiceInputs): Promise<ServiceOutputs> {
  const platform = currentPlatform();
  try {
    const d = await awaitServiceReady(platform, key, inputs.readyTimeoutSeconds, progress);
    return outputsOf(inputs, d);
  } catch (e) {
    if (!isSpcsError(e)) throw e;
    const d = await describeService(platform, key);
    throw new ResourceInitError(idOf(key), (d ? outputsOf(inputs, d) : {}) as Record<string, unknown>, [e.message], e.message);
  }
}

function outputsOf(inputs: ServiceInputs, d: ServiceDescription): ServiceOutputs {
  const ingress = d.endpoints.find((e) => e.isPublic && e.ingressUrl)?.ingressUrl;
  const shown = Object.fromEntries(SHOWN.map((k) => [k, d[k]]));
  return plain({ ...inputs, ...shown, drift: d.drift.map(driftLine), ingressUrl: ingress ? `http://${ingress}` : null }) as ServiceOutputs;
}

/** The spec an imported service was made from, as DESCRIBE SERVICE shows it (the same specDigest when analysed again). */
function importedSpec(platform: Platform, id: string, key: ServiceKey): string {
  const text = describeServiceSpecText(platform, key);
  if (text === undefined) {
    throw new SpcsError("import-spec-unknown", `Service ${id}: its specification was stored by an earlier release of pulumi-spcs, which did not keep the text, so it cannot be imported with its spec.`, "declare the service in the program with its spec and `adopt: true` instead of importing it, or recreate it (ALTER SERVICE … FROM SPECIFICATION keeps the text from then on)");
  }
  return text;
}

function pickInputs(p: ServiceOutputs): ServiceInputs {
  const picked = Object.fromEntries(INPUTS.map((k) => [k, p[k]])) as unknown as ServiceInputs;
  return { ...picked, suspended: p.suspended ?? false, [RESOURCE_NAME_KEY]: p[RESOURCE_NAME_KEY] };
}

const keyOf = (i: Pick<ServiceInputs, "database" | "schema" | "name">): ServiceKey => ({ database: i.database, schema: i.schema, name: i.name });
const idOf = (k: ServiceKey) => qualifiedName(k.database, k.schema, k.name);
