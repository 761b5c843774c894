import { ResourceInitError, isSpcsError } from "../../common/errors";
import { progress } from "../../common/progress";
import { autoName, qualifiedName } from "../../common/identifiers";
import { isUnknown } from "../../common/unknown";
import type { ServiceKey } from "../../catalog/service-store";
import { currentPlatform } from "../../platform/current-platform";
import { DEFAULT_READY_TIMEOUT_SECONDS, awaitServiceReady } from "../../services/await-service-ready";
import { describeService, type ServiceDescription } from "../../services/describe-service";
import { runtimeSpecOf } from "../../services/from-spec";
import { ensureIngress } from "../../services/ingress";
import type { RuntimeSpec } from "../../services/runtime-spec";
import { createService, dropService } from "../../services/services";
import { applyExternalAccess } from "../../services/external-access";
import { alterService, repairService, restartService, scaleService, upgradeService } from "../../services/service-updates";
import { writeServiceSecrets, type SecretValue } from "../../services/secret-store";
import { resumeService, suspendService } from "../../services/service-lifecycle";
import { RESOURCE_NAME_KEY, plain, randomSuffix, same, type ResourceProvider } from "../provider-types";
import { analyzeSource, identifierFailures, instanceCountFailures, normalizeSecrets, secretFailures, specFailures, type WorkloadInputs } from "./service-settings";

export interface ServiceInputs extends WorkloadInputs {
  minInstances: number;
  maxInstances: number;
  minReadyInstances: number;
  autoResume: boolean;
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

export type ServiceOutputs = ServiceInputs & Omit<ServiceDescription, "name" | "computePool" | "minInstances" | "maxInstances" | "minReadyInstances" | "autoResume" | "externalAccessIntegrations" | "queryWarehouse" | "comment"> & {
  /** The first public endpoint's ingress URL, `http://127.0.0.1:<port>`, or null. */
  ingressUrl: string | null;
};

const REPLACE_ON_CHANGE = ["database", "schema", "name", "computePool"] as const;
const ALTERABLE = ["minReadyInstances", "autoResume", "externalAccessIntegrations", "queryWarehouse", "comment", "readyTimeoutSeconds", "suspended"] as const;

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
      externalAccessIntegrations: news.externalAccessIntegrations ?? null,
      queryWarehouse: news.queryWarehouse ?? null,
      comment: news.comment ?? null,
      readyTimeoutSeconds: news.readyTimeoutSeconds ?? DEFAULT_READY_TIMEOUT_SECONDS,
      suspended: news.suspended ?? false,
      secrets: isUnknown(news.secrets) ? news.secrets : news.secrets && normalizeSecrets(news.secrets),
      [RESOURCE_NAME_KEY]: news[RESOURCE_NAME_KEY],
    };
    const analysis = analyzeSource(inputs, "service");
    const failures = [
      ...identifierFailures("Service", { database: inputs.database, schema: inputs.schema, name: inputs.name, computePool: inputs.computePool }),
      ...instanceCountFailures(inputs.minInstances, inputs.maxInstances, inputs.minReadyInstances),
      ...specFailures("Service", inputs, analysis),
      ...secretFailures("Service", analysis?.ok ? analysis.spec : undefined, inputs.secrets),
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
    const changed = specChanged || drifted || !same(olds.secrets, news.secrets) || ["minInstances", "maxInstances", ...ALTERABLE].some((k) => !same(olds[k as keyof ServiceInputs], news[k as keyof ServiceInputs]));
    return { changes: replaces.length > 0 || changed, replaces: [...replaces], deleteBeforeReplace: replaces.length > 0 };
  },

  async create(inputs) {
    const platform = currentPlatform();
    const analysis = analyzeSource(inputs, "service")!;
    const key = keyOf(inputs);
    await createService(platform, {
      key, computePool: inputs.computePool, spec: runtimeSpecOf(analysis.spec!), specDigest: analysis.specDigest!,
      minInstances: inputs.minInstances, maxInstances: inputs.maxInstances, minReadyInstances: inputs.minReadyInstances,
      autoResume: inputs.autoResume, externalAccessIntegrations: inputs.externalAccessIntegrations, queryWarehouse: inputs.queryWarehouse, comment: inputs.comment,
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
    const d = await describeService(currentPlatform(), keyOf(props));
    if (!d) return {};
    const inputs: ServiceInputs = {
      ...pickInputs(props),
      minInstances: d.minInstances,
      maxInstances: d.maxInstances,
      minReadyInstances: d.minReadyInstances,
      autoResume: d.autoResume,
      externalAccessIntegrations: d.externalAccessIntegrations,
      queryWarehouse: d.queryWarehouse,
      comment: d.comment,
      suspended: d.status === "SUSPENDED" || d.status === "SUSPENDING",
    };
    return { id, props: outputsOf(inputs, d), inputs: plain(inputs) };
  },

  async update(_id, olds, news) {
    const platform = currentPlatform();
    const key = keyOf(news);
    const analysis = analyzeSource(news, "service")!;
    if (news.suspended) {
      await suspendService(platform, key);
      alterService(platform, key, { minReadyInstances: news.minReadyInstances, autoResume: news.autoResume, externalAccessIntegrations: news.externalAccessIntegrations, queryWarehouse: news.queryWarehouse, comment: news.comment });
      return { outs: outputsOf(news, (await describeService(platform, key))!) };
    }
    if (olds.suspended) await resumeService(platform, key);
    const repaired = await repairService(platform, key);
    for (const line of repaired) progress(`Service ${idOf(key)}: repaired drift: ${line}`);
    // The ingress may have just come back on its own (an engine restart): the URL answers when up returns.
    const row = platform.catalog.services.get(key)!;
    await ensureIngress(platform, row, JSON.parse(row.spec) as RuntimeSpec);
    alterService(platform, key, { minReadyInstances: news.minReadyInstances, autoResume: news.autoResume, externalAccessIntegrations: news.externalAccessIntegrations, queryWarehouse: news.queryWarehouse, comment: news.comment });
    if (!same(olds.externalAccessIntegrations, news.externalAccessIntegrations)) await applyExternalAccess(platform, key);
    if (news.minInstances !== olds.minInstances || news.maxInstances !== olds.maxInstances) await scaleService(platform, key, news.minInstances, news.maxInstances);
    const secretsChanged = !same(olds.secrets, news.secrets);
    if (secretsChanged) writeServiceSecrets(platform.config.home, key, news.secrets ?? {});
    try {
      if (secretsChanged && analysis.specDigest === olds.specDigest) await restartService(platform, key, news.readyTimeoutSeconds, progress);
      if (analysis.specDigest !== olds.specDigest) await upgradeService(platform, key, runtimeSpecOf(analysis.spec!), analysis.specDigest!, news.readyTimeoutSeconds, progress);
    } catch (e) {
      if (!isSpcsError(e)) throw e;
      const d = await describeService(platform, key);
      throw new ResourceInitError(idOf(key), (d ? outputsOf(news, d) : {}) as Record<string, unknown>, [e.message], e.message);
    }
    return { outs: await waitAndDescribe(key, news) };
  },

  async delete(_id, props) {
    await dropService(currentPlatform(), keyOf(props), { ifExists: true });
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
  const { name: _n, computePool: _c, minInstances: _a, maxInstances: _b, minReadyInstances: _m, autoResume: _r, externalAccessIntegrations: _e, queryWarehouse: _q, comment: _co, ...shown } = d;
  return plain({ ...inputs, ...shown, ingressUrl: ingress ? `http://${ingress}` : null });
}

function pickInputs(p: ServiceOutputs): ServiceInputs {
  const { database, schema, name, computePool, spec, specTemplate, using, minInstances, maxInstances, minReadyInstances, autoResume, externalAccessIntegrations, queryWarehouse, comment, readyTimeoutSeconds, suspended, secrets } = p;
  return { database, schema, name, computePool, spec, specTemplate, using, minInstances, maxInstances, minReadyInstances, autoResume, externalAccessIntegrations, queryWarehouse, comment, readyTimeoutSeconds, suspended: suspended ?? false, secrets, [RESOURCE_NAME_KEY]: p[RESOURCE_NAME_KEY] };
}

const keyOf = (i: Pick<ServiceInputs, "database" | "schema" | "name">): ServiceKey => ({ database: i.database, schema: i.schema, name: i.name });
const idOf = (k: ServiceKey) => qualifiedName(k.database, k.schema, k.name);
