import { withFix } from "../common/fix";
import { ResourceInitError, SpcsError, isSpcsError } from "../common/errors";
import { autoName, qualifiedName } from "../common/identifiers";
import { isUnknown } from "../common/unknown";
import type { ServiceKey } from "../catalog/service-store";
import { awaitJobEnd, DEFAULT_JOB_TIMEOUT_SECONDS, JobTimeout, cancelJob, describeJob, reconcileJob, type JobDescription, executeJobService, jobFailureMessage, runtimeEnvironmentPin } from "../statements/jobs";
import { parseCreReference } from "../statements/runtime-environments";
import { currentPlatform } from "../platform/current-platform";
import { runtimeSpecOf } from "../model/from-spec";
import type { SecretValue } from "../statements/services";
import { dropService } from "../statements/services";
import { describeServiceSpecText } from "../statements/service-spec-text";
import { RESOURCE_NAME_KEY, plain, randomSuffix, same, type CheckFailure, type ResourceProvider } from "./provider-types";
import { analyzeSource, identifierFailures, normalizeSecrets, secretFailures, specFailures, type WorkloadInputs } from "./workload-settings";
import { JOB_SERVICE_SCHEMA } from "../schema/tables/job-service-schema";
import { progress } from "../common/progress";

export interface JobServiceInputs extends WorkloadInputs {
  replicas: number;
  async: boolean;
  externalAccessIntegrations: string[] | null;
  queryWarehouse: string | null;
  comment: string | null;
  secrets?: Record<string, SecretValue>;
  runtimeEnvironment: string | null;
  timeoutSeconds: number;
  [RESOURCE_NAME_KEY]?: string;
}

export type JobServiceOutputs = JobServiceInputs & Record<string, unknown>;

/** The job's own inputs; `adopt` is the adoption wrapper's (create-time only, never a rerun). */
const INPUTS = JOB_SERVICE_SCHEMA.properties.filter((p) => p.input && p.name !== "adopt").map((p) => p.name) as (keyof JobServiceInputs)[];
const SHOWN = JOB_SERVICE_SCHEMA.properties.filter((p) => !p.input).map((p) => p.name) as (keyof JobDescription)[];
/** Compared through the spec digest: a reformatted spec, or USING values that render the same, is not a new run. */
const SPEC_INPUTS: readonly string[] = ["spec", "specTemplate", "using"];

/**
 * JobService: EXECUTE JOB SERVICE, and DROP SERVICE on delete (which cancels a job that still runs).
 *
 * A job runs once: every input change replaces it (a new run), and `update` is only reached when Pulumi
 * retries a job that failed to finish, where it reports the job as it is and never reruns it, so a rerun
 * stays an explicit act (`pulumi up --replace`, or a changed input).
 */
export const jobServiceProvider: ResourceProvider<JobServiceInputs, JobServiceOutputs> = {
  async check(olds, news) {
    const upper = (v: unknown) => (typeof v === "string" && !isUnknown(v) ? v.toUpperCase() : v) as string;
    const inputs: JobServiceInputs = {
      database: upper(news.database),
      schema: upper(news.schema),
      name: upper(news.name ?? olds.name ?? autoName(news[RESOURCE_NAME_KEY] ?? "job", randomSuffix())),
      computePool: upper(news.computePool),
      spec: news.spec,
      specTemplate: news.specTemplate,
      using: news.using,
      replicas: news.replicas ?? 1,
      async: news.async ?? false,
      externalAccessIntegrations: news.externalAccessIntegrations ?? null,
      queryWarehouse: news.queryWarehouse ?? null,
      comment: news.comment ?? null,
      secrets: isUnknown(news.secrets) ? news.secrets : news.secrets && normalizeSecrets(news.secrets),
      runtimeEnvironment: news.runtimeEnvironment ?? null,
      timeoutSeconds: news.timeoutSeconds ?? DEFAULT_JOB_TIMEOUT_SECONDS,
      [RESOURCE_NAME_KEY]: news[RESOURCE_NAME_KEY],
    };
    const analysis = analyzeSource(inputs, "job");
    const failures = [
      ...identifierFailures("JobService", { database: inputs.database, schema: inputs.schema, name: inputs.name, computePool: inputs.computePool }),
      ...countFailures(inputs),
      ...specFailures("JobService", inputs, analysis),
      ...secretFailures("JobService", analysis?.ok ? analysis.spec : undefined, inputs.secrets),
    ];
    return { inputs: plain(inputs), failures };
  },

  async diff(_id, olds, news) {
    const analysis = analyzeSource(news, "job");
    const oldDigest = (olds.specDigest as string | undefined) ?? analyzeSource(olds, "job")?.specDigest;
    const specChanged = analysis === undefined ? !same(olds.spec ?? olds.specTemplate, news.spec ?? news.specTemplate) : analysis.specDigest !== oldDigest;
    const replaces: string[] = INPUTS.filter((k) => !SPEC_INPUTS.includes(k) && !same(olds[k], news[k]));
    if (specChanged) replaces.push(news.specTemplate !== undefined ? "specTemplate" : "spec");
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: true };
  },

  async create(inputs) {
    const platform = currentPlatform();
    const analysis = analyzeSource(inputs, "job")!;
    const key = keyOf(inputs);
    const spec = runtimeSpecOf(analysis.spec!);
    await executeJobService(platform, {
      key, computePool: inputs.computePool, spec, specDigest: analysis.specDigest!, replicas: inputs.replicas, async: inputs.async,
      externalAccessIntegrations: inputs.externalAccessIntegrations, queryWarehouse: inputs.queryWarehouse, comment: inputs.comment, secrets: inputs.secrets,
      runtimeEnvironment: inputs.runtimeEnvironment,
      pin: inputs.runtimeEnvironment ? await runtimeEnvironmentPin(platform, inputs.runtimeEnvironment, spec) : undefined,
    });
    if (inputs.async) return { id: idOf(key), outs: outputsOf(inputs, (await describeJob(platform, key))!) };
    return { id: idOf(key), outs: await waitForEnd(key, inputs) };
  },

  async read(id, props) {
    // A refresh moves the job on (records its end once its containers exited), then observes it.
    const seen = await reconcileJob(currentPlatform(), keyOf(props));
    const d = await describeJob(currentPlatform(), keyOf(props), seen.live);
    if (!d) return {};
    // An import (`pulumi import`, `JobService.get`) knows only the id: the inputs come from DESCRIBE.
    const importing = props.spec === undefined && props.specTemplate === undefined;
    const inputs = importing ? importedInputs(id, props, d) : pickInputs(props);
    return { id, props: outputsOf(inputs, d), inputs: plain(inputs) };
  },

  async update(_id, _olds, news) {
    return { outs: await waitForEnd(keyOf(news), news, "rerun it with `pulumi up --replace <urn>`, or change an input") };
  },

  async delete(_id, props) {
    await dropService(currentPlatform(), keyOf(props), { ifExists: true });
  },
};

/**
 * Waits for the end of a synchronous job (an async one is reported as it is). DONE returns the outputs;
 * FAILED, a cancel or the timeout (which cancels it) fail the deployment with the failing container's
 * exit code and logs, while the job stays recorded as a partial failure.
 */
async function waitForEnd(key: ServiceKey, inputs: JobServiceInputs, rerunHint = "fix the job and run pulumi up again (any input change reruns it)"): Promise<JobServiceOutputs> {
  const platform = currentPlatform();
  let d: JobDescription | undefined;
  try {
    d = inputs.async ? await describeJob(platform, key) : await awaitJobEnd(platform, key, inputs.timeoutSeconds, progress);
  } catch (e) {
    if (!(e instanceof JobTimeout)) throw e;
    await cancelJob(platform, key);
    const after = await describeJob(platform, key);
    throw new ResourceInitError(idOf(key), after ? outputsOf(inputs, after) : {}, [e.message], e.message);
  }
  if (!d) throw Object.assign(new Error(withFix(`JobService: job ${idOf(key)} no longer exists; it was dropped out of band`, "run pulumi refresh, then pulumi up to run it again", "check")), { stack: "" });
  if (d.status === "FAILED" || d.status === "CANCELLED") {
    const message = withFix(jobFailureMessage(platform, key, d), `see \`spcs logs ${idOf(key)} --instance <id>\`; ${rerunHint}`, "error");
    throw new ResourceInitError(idOf(key), outputsOf(inputs, d), [message], message);
  }
  return outputsOf(inputs, d);
}

function countFailures(i: JobServiceInputs): CheckFailure[] {
  const out: CheckFailure[] = [];
  const int = (v: unknown) => typeof v === "number" && Number.isInteger(v);
  if (!isUnknown(i.replicas) && (!int(i.replicas) || i.replicas < 1)) out.push({ property: "replicas", reason: withFix(`JobService replicas: invalid value '${i.replicas}' for property 'REPLICAS'`, `use 1 or more`, "check") });
  if (!isUnknown(i.timeoutSeconds) && (!int(i.timeoutSeconds) || i.timeoutSeconds < 1)) out.push({ property: "timeoutSeconds", reason: withFix(`JobService timeoutSeconds: invalid value '${i.timeoutSeconds}'`, `use a whole number of seconds, 1 or more`, "check") });
  if (i.runtimeEnvironment !== null && !isUnknown(i.runtimeEnvironment)) {
    // The rule submission applies (resolveRuntimeEnvironment), checked already in preview.
    try {
      parseCreReference(i.runtimeEnvironment);
    } catch (e) {
      out.push({ property: "runtimeEnvironment", reason: `JobService runtimeEnvironment: ${(e as Error).message}` });
    }
  }
  return out;
}

function outputsOf(inputs: JobServiceInputs, d: JobDescription): JobServiceOutputs {
  const shown = Object.fromEntries(SHOWN.map((k) => [k, d[k]]));
  return plain({ ...inputs, ...shown });
}

/**
 * What an imported job was run with. DESCRIBE does not show the statement timeout: the default is
 * assumed, and a program that sets another one replaces (reruns) the job on its next up.
 */
function importedInputs(id: string, props: JobServiceOutputs, d: JobDescription): JobServiceInputs {
  const spec = describeServiceSpecText(currentPlatform(), keyOf(props));
  if (spec === undefined) {
    throw new SpcsError("import-spec-unknown", `JobService ${id}: its specification was stored by an earlier build of pulumi-spcs, which did not keep the text, so it cannot be imported with its spec.`, "declare the job in the program with its spec and `adopt: true` instead of importing it");
  }
  return {
    ...pickInputs(props), spec, computePool: d.computePool, replicas: d.replicas, async: d.isAsyncJob, externalAccessIntegrations: d.externalAccessIntegrations,
    queryWarehouse: d.queryWarehouse, comment: d.comment, runtimeEnvironment: d.runtimeEnvironment, timeoutSeconds: DEFAULT_JOB_TIMEOUT_SECONDS,
  };
}

function pickInputs(p: JobServiceOutputs): JobServiceInputs {
  const picked = Object.fromEntries(INPUTS.map((k) => [k, p[k]])) as unknown as JobServiceInputs;
  return { ...picked, [RESOURCE_NAME_KEY]: p[RESOURCE_NAME_KEY] };
}

const keyOf = (i: Pick<JobServiceInputs, "database" | "schema" | "name">): ServiceKey => ({ database: i.database, schema: i.schema, name: i.name });
const idOf = (k: ServiceKey) => qualifiedName(k.database, k.schema, k.name);
