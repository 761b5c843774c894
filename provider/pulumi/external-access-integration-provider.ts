import { autoName, identifierProblem } from "../common/identifiers";
import { isUnknown } from "../common/unknown";
import { withFix } from "../common/fix";
import { currentPlatform } from "../platform/current-platform";
import { RESOURCE_NAME_KEY, plain, randomSuffix, same, type CheckFailure, type ResourceProvider } from "./provider-types";
import { alterIntegration, createIntegration, describeIntegration, dropIntegration, type IntegrationDescription } from "../statements/external-access-integrations";

export interface ExternalAccessIntegrationInputs {
  name: string;
  allowedNetworkRules: string[];
  enabled: boolean;
  comment: string | null;
  [RESOURCE_NAME_KEY]?: string;
}

export type ExternalAccessIntegrationOutputs = ExternalAccessIntegrationInputs & IntegrationDescription;

/**
 * ExternalAccessIntegration: CREATE / ALTER / DROP EXTERNAL ACCESS INTEGRATION. Its rules, ENABLED and
 * comment update in place; services naming it get the new egress at once.
 */
export const externalAccessIntegrationProvider: ResourceProvider<ExternalAccessIntegrationInputs, ExternalAccessIntegrationOutputs> = {
  async check(olds, news) {
    const resourceName = news[RESOURCE_NAME_KEY] ?? "integration";
    const inputs: ExternalAccessIntegrationInputs = {
      name: upper(news.name ?? olds.name ?? autoName(resourceName, randomSuffix())),
      allowedNetworkRules: Array.isArray(news.allowedNetworkRules) ? news.allowedNetworkRules.map(upper) : (news.allowedNetworkRules as unknown as string[]),
      enabled: news.enabled as boolean,
      comment: news.comment ?? null,
      [RESOURCE_NAME_KEY]: news[RESOURCE_NAME_KEY],
    };
    const failures: CheckFailure[] = [];
    if (!isUnknown(inputs.name)) {
      const p = identifierProblem(inputs.name);
      if (p) failures.push({ property: "name", reason: `ExternalAccessIntegration name: ${p}.` });
    }
    if (!isUnknown(inputs.allowedNetworkRules)) {
      if (!Array.isArray(inputs.allowedNetworkRules) || inputs.allowedNetworkRules.length === 0) {
        failures.push({ property: "allowedNetworkRules", reason: withFix("ExternalAccessIntegration allowedNetworkRules is required: the network rules' qualified names", "set it, e.g. allowedNetworkRules: [rule.id] (DATABASE.SCHEMA.RULE)", "check") });
      } else {
        inputs.allowedNetworkRules.forEach((r, i) => {
          if (!isUnknown(r) && (typeof r !== "string" || r.split(".").length !== 3 || r.split(".").some((p) => identifierProblem(p)))) {
            failures.push({ property: `allowedNetworkRules[${i}]`, reason: withFix(`ExternalAccessIntegration allowedNetworkRules[${i}]: '${r}' is not a qualified name`, "name the rule as DATABASE.SCHEMA.RULE, or pass the NetworkRule's id", "check") });
          }
        });
      }
    }
    if (!isUnknown(inputs.enabled) && typeof inputs.enabled !== "boolean") {
      failures.push({ property: "enabled", reason: withFix("ExternalAccessIntegration enabled is required (CREATE EXTERNAL ACCESS INTEGRATION needs ENABLED)", "set enabled: true or false", "check") });
    }
    return { inputs: plain(inputs), failures };
  },

  async diff(_id, olds, news) {
    const replaces = same(olds.name, news.name) ? [] : ["name"];
    const changes = replaces.length > 0 || !same(olds.allowedNetworkRules, news.allowedNetworkRules) || !same(olds.enabled, news.enabled) || !same(olds.comment, news.comment);
    return { changes, replaces };
  },

  async create(inputs) {
    const described = await createIntegration(currentPlatform(), inputs.name, { allowedNetworkRules: inputs.allowedNetworkRules, enabled: inputs.enabled, comment: inputs.comment });
    return { id: inputs.name, outs: plain({ ...inputs, ...described }) };
  },

  async read(id, props) {
    const described = describeIntegration(currentPlatform(), props.name ?? id);
    if (!described) return {};
    const inputs: ExternalAccessIntegrationInputs = { name: described.name, allowedNetworkRules: described.allowedNetworkRules, enabled: described.enabled, comment: described.comment, [RESOURCE_NAME_KEY]: props[RESOURCE_NAME_KEY] };
    return { id, props: plain({ ...inputs, ...described }), inputs: plain(inputs) };
  },

  async update(_id, _olds, news) {
    const described = await alterIntegration(currentPlatform(), news.name, { allowedNetworkRules: news.allowedNetworkRules, enabled: news.enabled, comment: news.comment });
    return { outs: plain({ ...news, ...described }) };
  },

  async delete(id, props) {
    await dropIntegration(currentPlatform(), props.name ?? id, { ifExists: true });
  },
};

function upper<T>(v: T): T {
  return (typeof v === "string" && !isUnknown(v) ? v.toUpperCase() : v) as T;
}
