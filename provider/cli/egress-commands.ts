import { doesNotExist } from "../common/errors";
import { normalizeIdentifier } from "../common/identifiers";
import {
  alterNetworkRule, createNetworkRule, describeNetworkRule, dropNetworkRule, networkRuleName, showNetworkRules, type NetworkRuleDescription,
} from "../statements/network-rules";
import { alterIntegration, createIntegration, describeIntegration, dropIntegration, showIntegrations, type IntegrationDescription } from "../statements/external-access-integrations";
import { parseBoolean, parseObjectRef } from "./arguments";
import type { CliContext } from "./cli-context";
import { repositoryScope } from "./image-repository-commands";
import { UsageError } from "./usage-error";
import type { Verbs } from "./verbs";

/** SHOW NETWORK RULES' columns, in Snowflake's order. */
export const SHOW_NETWORK_RULES_COLUMNS = [
  "createdOn", "name", "databaseName", "schemaName", "owner", "comment", "type", "mode", "entriesInValuelist", "ownerRoleType",
] as const satisfies readonly (keyof NetworkRuleDescription)[];

/** What a table shows without `--wide`. */
export const SHOW_NETWORK_RULES_NARROW = ["name", "databaseName", "schemaName", "type", "mode", "entriesInValuelist", "createdOn"] as const satisfies readonly (typeof SHOW_NETWORK_RULES_COLUMNS)[number][];

/** SHOW INTEGRATIONS' columns. */
export const SHOW_INTEGRATIONS_COLUMNS = ["name", "type", "category", "enabled", "comment", "createdOn"] as const satisfies readonly (keyof IntegrationDescription)[];

const ruleRef = (ref: string) => parseObjectRef(ref, "network rule");

/** `a, b,c` → `["a", "b", "c"]`: VALUE_LIST and ALLOWED_NETWORK_RULES on the command line. */
const list = (value: string): string[] => value.split(",").map((v) => v.trim()).filter((v) => v.length > 0);

export function registerEgressCommands(verbs: Verbs, ctx: CliContext): void {
  verbs.create
    .command("network-rule")
    .description("CREATE NETWORK RULE db.schema.name MODE = EGRESS TYPE = HOST_PORT VALUE_LIST = (...)")
    .argument("<db.schema.name>", "the rule")
    .requiredOption("--value-list <host[:port],...>", "hosts a service may reach; port 443 when omitted", list)
    .option("--comment <text>", "comment")
    .option("--or-replace", "replace a rule of that name", false)
    .option("--if-not-exists", "succeed without change when the rule exists", false)
    .action(async (ref: string, o: { valueList: string[]; comment?: string; orReplace: boolean; ifNotExists: boolean }) => {
      if (o.orReplace && o.ifNotExists) throw new UsageError("give --or-replace or --if-not-exists, not both");
      const key = ruleRef(ref);
      const platform = ctx.platform();
      const existed = o.ifNotExists && describeNetworkRule(platform, key) !== undefined;
      const d = await createNetworkRule(platform, key, { valueList: o.valueList, comment: o.comment ?? null }, { orReplace: o.orReplace, ifNotExists: o.ifNotExists });
      ctx.output.status(existed ? `${d.name} already exists, statement succeeded.` : `Network rule ${d.name} successfully created.`);
    });

  verbs.alter
    .command("network-rule")
    .description("ALTER NETWORK RULE db.schema.name SET VALUE_LIST = (...) | COMMENT = '...' (running services follow at once)")
    .argument("<db.schema.name>", "the rule")
    .argument("<action>", "set")
    .option("--value-list <host[:port],...>", "set: the new VALUE_LIST", list)
    .option("--comment <text>", "set: comment")
    .action(async (ref: string, action: string, o: { valueList?: string[]; comment?: string }) => {
      if (action.toLowerCase() !== "set") throw new UsageError(`unknown action '${action}': use set`);
      if (o.valueList === undefined && o.comment === undefined) throw new UsageError("set what? give --value-list and/or --comment");
      await alterNetworkRule(ctx.platform(), ruleRef(ref), { valueList: o.valueList, comment: o.comment });
      ctx.output.status("Statement executed successfully.");
    });

  verbs.show
    .command("network-rules")
    .description("SHOW NETWORK RULES [LIKE pattern] [IN DATABASE db | IN SCHEMA db.schema]")
    .option("--like <pattern>", "SQL LIKE pattern on the name, case-insensitive (% and _)")
    .option("--in-database <db>", "only rules in this database")
    .option("--in-schema <db.schema>", "only rules in this schema")
    .action((o: { like?: string; inDatabase?: string; inSchema?: string }) => {
      const scope = repositoryScope(o);
      ctx.output.rows(showNetworkRules(ctx.platform(), { like: o.like, ...scope }), SHOW_NETWORK_RULES_COLUMNS, SHOW_NETWORK_RULES_NARROW);
    });

  verbs.describe
    .command("network-rule")
    .description("DESCRIBE NETWORK RULE db.schema.name")
    .argument("<db.schema.name>", "the rule")
    .action((ref: string) => {
      const key = ruleRef(ref);
      const d = describeNetworkRule(ctx.platform(), key);
      if (!d) throw doesNotExist("Network rule", networkRuleName(key));
      const { entriesInValuelist: _n, ownerRoleType: _o, ...row } = d;
      ctx.output.object(row);
    });

  verbs.drop
    .command("network-rule")
    .description("DROP NETWORK RULE [IF EXISTS] db.schema.name (services using it lose that egress at once)")
    .argument("<db.schema.name>", "the rule")
    .option("--if-exists", "succeed when there is no such rule", false)
    .action(async (ref: string, o: { ifExists: boolean }) => {
      const key = ruleRef(ref);
      const dropped = await dropNetworkRule(ctx.platform(), key, { ifExists: o.ifExists });
      ctx.output.status(dropped ? `${key.name} successfully dropped.` : "Drop statement executed successfully (NETWORK RULE already dropped).");
    });

  verbs.create
    .command("external-access-integration")
    .description("CREATE EXTERNAL ACCESS INTEGRATION name ALLOWED_NETWORK_RULES = (...) ENABLED = TRUE|FALSE")
    .argument("<name>", "integration name, an unquoted identifier (stored upper-case)")
    .requiredOption("--allowed-network-rules <db.schema.rule,...>", "the rules it allows", list)
    .option("--enabled <bool>", "ENABLED (true or false)", parseBoolean, true)
    .option("--comment <text>", "comment")
    .option("--or-replace", "replace an integration of that name", false)
    .option("--if-not-exists", "succeed without change when it exists", false)
    .action(async (name: string, o: { allowedNetworkRules: string[]; enabled: boolean; comment?: string; orReplace: boolean; ifNotExists: boolean }) => {
      if (o.orReplace && o.ifNotExists) throw new UsageError("give --or-replace or --if-not-exists, not both");
      const n = normalizeIdentifier(name, "integration name");
      const platform = ctx.platform();
      const existed = o.ifNotExists && describeIntegration(platform, n) !== undefined;
      const d = await createIntegration(platform, n, { allowedNetworkRules: o.allowedNetworkRules, enabled: o.enabled, comment: o.comment ?? null }, { orReplace: o.orReplace, ifNotExists: o.ifNotExists });
      ctx.output.status(existed ? `${d.name} already exists, statement succeeded.` : `Integration ${d.name} successfully created.`);
    });

  verbs.alter
    .command("external-access-integration")
    .description("ALTER EXTERNAL ACCESS INTEGRATION name SET ALLOWED_NETWORK_RULES | ENABLED | COMMENT (running services follow at once)")
    .argument("<name>", "integration name")
    .argument("<action>", "set")
    .option("--allowed-network-rules <db.schema.rule,...>", "set: the rules it allows", list)
    .option("--enabled <bool>", "set: true or false", parseBoolean)
    .option("--comment <text>", "set: comment")
    .action(async (name: string, action: string, o: { allowedNetworkRules?: string[]; enabled?: boolean; comment?: string }) => {
      if (action.toLowerCase() !== "set") throw new UsageError(`unknown action '${action}': use set`);
      if (o.allowedNetworkRules === undefined && o.enabled === undefined && o.comment === undefined) throw new UsageError("set what? give --allowed-network-rules, --enabled and/or --comment");
      await alterIntegration(ctx.platform(), normalizeIdentifier(name, "integration name"), o);
      ctx.output.status("Statement executed successfully.");
    });

  verbs.show
    .command("external-access-integrations")
    .description("SHOW EXTERNAL ACCESS INTEGRATIONS [LIKE pattern]")
    .option("--like <pattern>", "SQL LIKE pattern on the name, case-insensitive (% and _)")
    .action((o: { like?: string }) => ctx.output.rows(showIntegrations(ctx.platform(), { like: o.like }), SHOW_INTEGRATIONS_COLUMNS));

  verbs.describe
    .command("external-access-integration")
    .description("DESCRIBE INTEGRATION name")
    .argument("<name>", "integration name")
    .action((name: string) => {
      const n = normalizeIdentifier(name, "integration name");
      const d = describeIntegration(ctx.platform(), n);
      if (!d) throw doesNotExist("Integration", n);
      ctx.output.object({ enabled: d.enabled, allowedNetworkRules: d.allowedNetworkRules, comment: d.comment });
    });

  verbs.drop
    .command("external-access-integration")
    .description("DROP INTEGRATION [IF EXISTS] name (services naming it lose that egress at once)")
    .argument("<name>", "integration name")
    .option("--if-exists", "succeed when there is no such integration", false)
    .action(async (name: string, o: { ifExists: boolean }) => {
      const n = normalizeIdentifier(name, "integration name");
      const dropped = await dropIntegration(ctx.platform(), n, { ifExists: o.ifExists });
      ctx.output.status(dropped ? `${n} successfully dropped.` : "Drop statement executed successfully (INTEGRATION already dropped).");
    });
}
