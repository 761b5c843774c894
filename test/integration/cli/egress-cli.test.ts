import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runSpcs } from "../../support/spcs-cli";
import { SHOW_NETWORK_RULES_COLUMNS, SHOW_NETWORK_RULES_NARROW } from "../../../provider/cli/egress-commands";
import { sqlColumnName } from "../../../provider/cli/table";

const spcs = runSpcs;

const header = (out: string) => out.split("\n")[1].split("|").slice(1, -1).map((h) => h.trim());

describe("integration: spcs network-rule and external-access-integration verbs against a real catalog", function () {
  let home: string;
  let env: NodeJS.ProcessEnv;
  const ok = async (...argv: string[]) => {
    const r = await spcs(env, ...argv);
    assert.equal(r.code, 0, `spcs ${argv.join(" ")} failed: ${r.stderr}`);
    assert.equal(r.stderr, "");
    return r.stdout;
  };
  const json = async (...argv: string[]) => JSON.parse(await ok("--format", "json", ...argv));

  beforeEach(function () {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-cli-egress-"));
    env = { SPCS_HOME: home };
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it("create, show, describe, alter and drop a network rule, in SQL's words and SHOW's columns", async function () {
    assert.match(await ok("create", "network-rule", "app_db.public.api_rule", "--value-list", "api.example.com, files.example.com:8443", "--comment", "ingest"), /\| Network rule API_RULE successfully created\. \|/);
    const narrow = await ok("show", "network-rules");
    assert.deepEqual(header(narrow), SHOW_NETWORK_RULES_NARROW.map(sqlColumnName));
    assert.match(narrow, /\| API_RULE \| APP_DB +\| PUBLIC +\| HOST_PORT \| EGRESS \| 2 +\| \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} [+-]\d{4} \|/);
    assert.deepEqual(header(await ok("show", "network-rules", "--wide")), SHOW_NETWORK_RULES_COLUMNS.map(sqlColumnName));
    const [row] = await json("show", "network-rules", "--in-schema", "app_db.public");
    assert.deepEqual([row.name, row.database_name, row.entries_in_valuelist, row.value_list, row.comment], ["API_RULE", "APP_DB", 2, ["api.example.com", "files.example.com:8443"], "ingest"]);
    assert.match(await ok("describe", "network-rule", "APP_DB.PUBLIC.API_RULE"), /\| value_list +\| api\.example\.com,files\.example\.com:8443 +\|/);

    assert.match(await ok("alter", "network-rule", "app_db.public.api_rule", "set", "--value-list", "api.example.com:443"), /Statement executed successfully\./);
    assert.deepEqual((await json("describe", "network-rule", "app_db.public.api_rule")).value_list, ["api.example.com:443"]);
    assert.match(await ok("drop", "network-rule", "app_db.public.api_rule"), /\| API_RULE successfully dropped\. \|/);
    assert.match(await ok("drop", "network-rule", "app_db.public.api_rule", "--if-exists"), /already dropped/);
    assert.deepEqual(await json("show", "network-rules"), []);
  });

  it("create, show, describe, alter and drop an external access integration naming existing rules", async function () {
    await ok("create", "network-rule", "app_db.public.r1", "--value-list", "a.example.com");
    await ok("create", "network-rule", "app_db.public.r2", "--value-list", "b.example.com:22");
    assert.match(await ok("create", "external-access-integration", "partner_access", "--allowed-network-rules", "app_db.public.r1"), /\| Integration PARTNER_ACCESS successfully created\. \|/);
    const [shown] = await json("show", "external-access-integrations");
    assert.deepEqual([shown.name, shown.type, shown.category, shown.enabled], ["PARTNER_ACCESS", "EXTERNAL_ACCESS", "SECURITY", true]);
    await ok("alter", "external-access-integration", "partner_access", "set", "--allowed-network-rules", "APP_DB.PUBLIC.R1,app_db.public.r2", "--enabled", "false");
    const d = await json("describe", "external-access-integration", "PARTNER_ACCESS");
    assert.deepEqual(d, { enabled: false, allowed_network_rules: ["APP_DB.PUBLIC.R1", "APP_DB.PUBLIC.R2"], comment: null });
    assert.match(await ok("drop", "external-access-integration", "partner_access"), /\| PARTNER_ACCESS successfully dropped\. \|/);
  });

  it("refuses what SPCS refuses, with its wording and a fix, exit 1", async function () {
    await ok("create", "network-rule", "app_db.public.r1", "--value-list", "a.example.com");
    const cases: [string[], RegExp][] = [
      [["create", "network-rule", "app_db.public.bad", "--value-list", "db.example.com:25"], /^error: Invalid value 'db.example.com:25' in VALUE_LIST of network rule APP_DB.PUBLIC.BAD: port 25 is not allowed.*\n  fix: /],
      [["create", "network-rule", "app_db.public.bad", "--value-list", "*.example.com"], /wildcards are not supported/],
      [["create", "network-rule", "app_db.public.r1", "--value-list", "a.example.com"], /^error: Object 'APP_DB.PUBLIC.R1' already exists\./],
      [["create", "external-access-integration", "eai", "--allowed-network-rules", "app_db.public.nope"], /^error: Network rule 'APP_DB.PUBLIC.NOPE' does not exist or not authorized\.\n  fix: create the network rule first/],
      [["describe", "external-access-integration", "nope"], /^error: Integration 'NOPE' does not exist or not authorized\./],
      [["drop", "network-rule", "app_db.public.nope"], /^error: Network rule 'APP_DB.PUBLIC.NOPE' does not exist or not authorized\./],
    ];
    for (const [argv, message] of cases) {
      const r = await spcs(env, ...argv);
      assert.equal(r.code, 1, `spcs ${argv.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, "");
    }
    const usage = await spcs(env, "create", "network-rule", "r1", "--value-list", "a.example.com");
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /expected a network rule as DB.SCHEMA.NAME, got 'r1'/);
  });
});
