import { autoName, identifierProblem, qualifiedName } from "../common/identifiers";
import { isUnknown } from "../common/unknown";
import { isSpcsError } from "../common/errors";
import { withFix } from "../common/fix";
import { currentPlatform } from "../platform/current-platform";
import { RESOURCE_NAME_KEY, plain, randomSuffix, same, type CheckFailure, type ResourceProvider } from "./provider-types";
import { alterNetworkRule, createNetworkRule, describeNetworkRule, dropNetworkRule, parseHostPort, type NetworkRuleDescription, type NetworkRuleKey } from "../statements/network-rules";

export interface NetworkRuleInputs {
  database: string;
  schema: string;
  name: string;
  valueList: string[];
  comment: string | null;
  [RESOURCE_NAME_KEY]?: string;
}

export type NetworkRuleOutputs = NetworkRuleInputs & NetworkRuleDescription;

const REPLACE_ON_CHANGE = ["database", "schema", "name"] as const;

/**
 * NetworkRule: CREATE / ALTER / DROP NETWORK RULE, always MODE = EGRESS and TYPE = HOST_PORT (what services use). A VALUE_LIST change
 * updates in place and reaches running services at once, as ALTER NETWORK RULE does in SPCS.
 */
export const networkRuleProvider: ResourceProvider<NetworkRuleInputs, NetworkRuleOutputs> = {
  async check(olds, news) {
    const resourceName = news[RESOURCE_NAME_KEY] ?? "rule";
    const inputs: NetworkRuleInputs = {
      database: upper(news.database) as string,
      schema: upper(news.schema) as string,
      name: upper(news.name ?? olds.name ?? autoName(resourceName, randomSuffix())),
      valueList: news.valueList as string[],
      comment: news.comment ?? null,
      [RESOURCE_NAME_KEY]: news[RESOURCE_NAME_KEY],
    };
    const failures: CheckFailure[] = [];
    for (const field of ["database", "schema", "name"] as const) {
      const v = inputs[field];
      if (v === undefined) failures.push({ property: field, reason: withFix(`NetworkRule ${field} is required`, `set ${field} to an unquoted identifier such as ${field === "name" ? "allow_api" : "app_db"}`, "check") });
      else if (!isUnknown(v)) {
        const p = identifierProblem(v);
        if (p) failures.push({ property: field, reason: `NetworkRule ${field}: ${p}.` });
      }
    }
    if (!Array.isArray(inputs.valueList) || inputs.valueList.length === 0) {
      if (!isUnknown(inputs.valueList)) failures.push({ property: "valueList", reason: withFix("NetworkRule valueList is required: a non-empty list of 'host' or 'host:port'", 'set it, e.g. valueList: ["api.example.com:443"]', "check") });
    } else {
      inputs.valueList.forEach((entry, i) => {
        if (isUnknown(entry)) return;
        try {
          parseHostPort(String(entry), qualifiedName(String(inputs.database), String(inputs.schema), String(inputs.name)));
        } catch (e) {
          if (!isSpcsError(e)) throw e;
          failures.push({ property: `valueList[${i}]`, reason: withFix(`NetworkRule ${e.reason}`, e.hint, "check") });
        }
      });
    }
    return { inputs: plain(inputs), failures };
  },

  async diff(_id, olds, news) {
    const replaces = REPLACE_ON_CHANGE.filter((k) => !same(olds[k], news[k]));
    const changes = replaces.length > 0 || !same(olds.valueList, news.valueList) || !same(olds.comment, news.comment);
    const sameName = REPLACE_ON_CHANGE.slice(0, 3).every((k) => same(olds[k], news[k]));
    return { changes, replaces: [...replaces], deleteBeforeReplace: replaces.length > 0 && sameName };
  },

  async create(inputs) {
    const described = await createNetworkRule(currentPlatform(), key(inputs), { valueList: inputs.valueList, comment: inputs.comment });
    return { id: idOf(inputs), outs: plain({ ...inputs, ...described }) };
  },

  async read(id, props) {
    const described = describeNetworkRule(currentPlatform(), props.database ? key(props) : parseId(id));
    if (!described) return {};
    const inputs: NetworkRuleInputs = {
      database: described.databaseName, schema: described.schemaName, name: described.name,
      valueList: described.valueList, comment: described.comment, [RESOURCE_NAME_KEY]: props[RESOURCE_NAME_KEY],
    };
    return { id, props: plain({ ...inputs, ...described }), inputs: plain(inputs) };
  },

  async update(_id, _olds, news) {
    const described = await alterNetworkRule(currentPlatform(), key(news), { valueList: news.valueList, comment: news.comment });
    return { outs: plain({ ...news, ...described }) };
  },

  async delete(id, props) {
    await dropNetworkRule(currentPlatform(), props.database ? key(props) : parseId(id), { ifExists: true });
  },
};

const key = (i: Pick<NetworkRuleInputs, "database" | "schema" | "name">): NetworkRuleKey => ({ database: i.database, schema: i.schema, name: i.name });
const idOf = (i: NetworkRuleInputs) => qualifiedName(i.database, i.schema, i.name);

function parseId(id: string): NetworkRuleKey {
  const [database, schema, name] = id.split(".");
  return { database, schema, name };
}

function upper<T>(v: T): T {
  return (typeof v === "string" && !isUnknown(v) ? v.toUpperCase() : v) as T;
}
