import assert from "node:assert/strict";
import { parseSpcsStatement } from "../../../provider/sql/statements/parse-statement";
import type { Statement } from "../../../provider/sql/statements/statement-types";
import { SqlError } from "../../../provider/sql/sql-types";

const parse = (sql: string) => parseSpcsStatement(sql) as Statement;
/** Options as {KEY: value} for short assertions. */
const opts = (st: { options: { key: string; value: unknown }[] }) => Object.fromEntries(st.options.map((o) => [o.key, o.value]));
const num = (n: number) => ({ kind: "number", value: n, text: String(n) });
const str = (value: string) => ({ kind: "string", value });
const bool = (value: boolean) => ({ kind: "boolean", value });

function sqlErrorOf(sql: string): SqlError {
  try {
    parseSpcsStatement(sql);
  } catch (e) {
    assert.ok(e instanceof SqlError, `expected an SqlError, got ${e}`);
    return e;
  }
  assert.fail(`no error for ${sql}`);
}

describe("SPCS SQL parser: statements → arguments", function () {
  describe("what snow spcs sends (reference §6)", function () {
    it("compute-pool create", function () {
      const st = parse("CREATE COMPUTE POOL probe_pool\nMIN_NODES = 1\nMAX_NODES = 1\nINSTANCE_FAMILY = 'CPU_X64_XS'\nAUTO_RESUME = True\nINITIALLY_SUSPENDED = False\nAUTO_SUSPEND_SECS = 3600\nCOMMENT = 'hi'");
      assert.equal(st.kind, "create-compute-pool");
      if (st.kind !== "create-compute-pool") return;
      assert.deepEqual(st.name, ["PROBE_POOL"]);
      assert.equal(st.ifNotExists, false);
      assert.deepEqual(opts(st), { MIN_NODES: num(1), MAX_NODES: num(1), INSTANCE_FAMILY: str("CPU_X64_XS"), AUTO_RESUME: bool(true), INITIALLY_SUSPENDED: bool(false), AUTO_SUSPEND_SECS: num(3600), COMMENT: str("hi") });
    });

    it("compute-pool list, describe, status, suspend, set, unset, stop-all, drop", function () {
      assert.deepEqual(parse("show compute pools like '%%'"), { kind: "show-compute-pools", filters: { like: "%%" } });
      assert.deepEqual(parse("describe compute pool IDENTIFIER('probe_pool')"), { kind: "describe-compute-pool", name: ["PROBE_POOL"] });
      assert.deepEqual(parse("call system$get_compute_pool_status('P')"), { kind: "function", name: "SYSTEM$GET_COMPUTE_POOL_STATUS", args: [{ value: str("P") }], column: "SYSTEM$GET_COMPUTE_POOL_STATUS('P')", form: "call" });
      assert.deepEqual(parse("alter compute pool P suspend"), { kind: "alter-compute-pool", name: ["P"], ifExists: false, action: { kind: "suspend" } });
      const set = parse("alter compute pool P set\nmax_nodes = 2");
      assert.deepEqual(set, { kind: "alter-compute-pool", name: ["P"], ifExists: false, action: { kind: "set", options: [{ key: "MAX_NODES", value: num(2), at: { line: 2, column: 0 } }] } });
      assert.deepEqual(parse("alter compute pool P unset auto_resume, comment"), { kind: "alter-compute-pool", name: ["P"], ifExists: false, action: { kind: "unset", properties: ["AUTO_RESUME", "COMMENT"] } });
      assert.deepEqual(parse("alter compute pool if exists P stop all"), { kind: "alter-compute-pool", name: ["P"], ifExists: true, action: { kind: "stop-all" } });
      assert.deepEqual(parse("drop compute pool IDENTIFIER('P')"), { kind: "drop-compute-pool", name: ["P"], ifExists: false });
    });

    it("image-repository create, list, url, list-images, drop, registry url", function () {
      assert.deepEqual(parse("create or replace image repository repo1"), { kind: "create-image-repository", name: ["REPO1"], orReplace: true, ifNotExists: false, options: [] });
      assert.deepEqual(parse("show image repositories like 'REPO1'"), { kind: "show-image-repositories", filters: { like: "REPO1" } });
      assert.deepEqual(parse("show images like '%%' in image repository repo1"), { kind: "show-images", repository: ["REPO1"], filters: { like: "%%" } });
      assert.deepEqual(parse("drop image repository IDENTIFIER('repo1')"), { kind: "drop-image-repository", name: ["REPO1"], ifExists: false });
      assert.deepEqual(parse("show image repositories in schema snowflake.images;"), { kind: "show-image-repositories", filters: { in: { kind: "schema", name: ["SNOWFLAKE", "IMAGES"] } } });
      assert.deepEqual(parse("show image repositories in account"), { kind: "show-image-repositories", filters: { in: { kind: "account" } } });
    });

    it("service create from an inline JSON spec, with its options", function () {
      const st = parse('CREATE SERVICE svc1\nIN COMPUTE POOL probe_pool\nFROM SPECIFICATION $$\n{"spec": {"containers": []}}\n$$\nMIN_INSTANCES = 1\nMAX_INSTANCES = 2\nAUTO_RESUME = True\nEXTERNAL_ACCESS_INTEGRATIONS = (eai_1, "eai_2")\nQUERY_WAREHOUSE = wh\nCOMMENT = $$a comment$$');
      assert.equal(st.kind, "create-service");
      if (st.kind !== "create-service") return;
      assert.deepEqual([st.name, st.computePool, st.source], [["SVC1"], ["PROBE_POOL"], { kind: "inline", text: '\n{"spec": {"containers": []}}\n', template: false }]);
      assert.deepEqual(opts(st), {
        MIN_INSTANCES: num(1), MAX_INSTANCES: num(2), AUTO_RESUME: bool(true),
        EXTERNAL_ACCESS_INTEGRATIONS: { kind: "list", items: [{ kind: "name", value: ["EAI_1"] }, { kind: "name", value: ["eai_2"] }] },
        QUERY_WAREHOUSE: { kind: "name", value: ["WH"] }, COMMENT: str("a comment"),
      });
    });

    it("service deploy from a stage file, options before the pool", function () {
      const st = parse("CREATE SERVICE S AUTO_RESUME = True IN COMPUTE POOL P FROM @svc_stage SPECIFICATION_FILE = 'spec.yaml' MIN_INSTANCES = 1");
      assert.equal(st.kind, "create-service");
      if (st.kind !== "create-service") return;
      assert.deepEqual(st.source, { kind: "stage", stage: "@svc_stage", file: "spec.yaml", template: false });
      assert.deepEqual(Object.keys(opts(st)), ["AUTO_RESUME", "MIN_INSTANCES"]);
    });

    it("service upgrade, suspend, resume, set, unset, drop", function () {
      assert.deepEqual(parse("alter service S from specification $$ {} $$"), { kind: "alter-service", name: ["S"], ifExists: false, action: { kind: "spec", source: { kind: "inline", text: " {} ", template: false } } });
      assert.deepEqual(parse("alter service S suspend"), { kind: "alter-service", name: ["S"], ifExists: false, action: { kind: "suspend" } });
      assert.deepEqual(parse("alter service db.sch.S resume"), { kind: "alter-service", name: ["DB", "SCH", "S"], ifExists: false, action: { kind: "resume" } });
      const set = parse("alter service S set\nmin_instances = 1");
      assert.ok(set.kind === "alter-service" && set.action.kind === "set" && set.action.options[0].key === "MIN_INSTANCES");
      assert.deepEqual(parse("alter service S unset comment"), { kind: "alter-service", name: ["S"], ifExists: false, action: { kind: "unset", properties: ["COMMENT"] } });
      assert.deepEqual(parse("drop service IDENTIFIER('svc1')"), { kind: "drop-service", name: ["SVC1"], ifExists: false, force: false });
      assert.deepEqual(parse("DROP SERVICE IF EXISTS a.b.c FORCE;"), { kind: "drop-service", name: ["A", "B", "C"], ifExists: true, force: true });
    });

    it("service list, describe, status, logs, instances, containers, endpoints, roles", function () {
      assert.deepEqual(parse("show services like '%%'"), { kind: "show-services", jobsOnly: false, excludeJobs: false, filters: { like: "%%" } });
      assert.deepEqual(parse("describe service IDENTIFIER('svc1')"), { kind: "describe-service", name: ["SVC1"] });
      assert.deepEqual(parse("CALL SYSTEM$GET_SERVICE_STATUS('S')"), { kind: "function", name: "SYSTEM$GET_SERVICE_STATUS", args: [{ value: str("S") }], column: "SYSTEM$GET_SERVICE_STATUS('S')", form: "call" });
      const logs = parse("call SYSTEM$GET_SERVICE_LOGS('S', '0', 'main', 500, False, '', False);");
      assert.deepEqual(logs.kind === "function" && logs.args.map((a) => a.value), [str("S"), str("0"), str("main"), num(500), bool(false), str(""), bool(false)]);
      for (const [sql, what] of [["show service instances in service S", "instances"], ["show service containers in service S", "containers"], ["show endpoints in service S", "endpoints"], ["show roles in service S", "roles"]] as const) {
        assert.deepEqual(parse(sql), { kind: "show-service-detail", what, service: ["S"], filters: {} });
      }
    });

    it("execute-job, sync and async, with replicas", function () {
      const st = parse('EXECUTE JOB SERVICE\nIN COMPUTE POOL P\nFROM SPECIFICATION $$\n{"spec": {}}\n$$\nNAME = db.sch.J\nASYNC = TRUE\nREPLICAS = 3');
      assert.equal(st.kind, "execute-job-service");
      if (st.kind !== "execute-job-service") return;
      assert.deepEqual(opts(st), { NAME: { kind: "name", value: ["DB", "SCH", "J"] }, ASYNC: bool(true), REPLICAS: num(3) });
    });
  });

  describe("the SQL reference's other forms", function () {
    it("CREATE … IF NOT EXISTS, WITH TAG, ENCRYPTION option lists", function () {
      const st = parse("CREATE IMAGE REPOSITORY IF NOT EXISTS r ENCRYPTION = (TYPE = 'SNOWFLAKE_SSE') WITH TAG (cost_center = 'x') COMMENT = 'c'");
      assert.equal(st.kind, "create-image-repository");
      if (st.kind !== "create-image-repository") return;
      assert.equal(st.ifNotExists, true);
      assert.deepEqual(opts(st).ENCRYPTION, { kind: "options", options: [{ key: "TYPE", value: str("SNOWFLAKE_SSE"), at: { line: 1, column: 54 } }] });
      assert.equal((opts(st).TAG as { kind: string }).kind, "options");
    });

    it("SPECIFICATION_TEMPLATE with USING, keys case-sensitive, values as text", function () {
      const st = parse("create service s in compute pool p from specification_template $$image: {{ img }}$$ using (img => '\"/a/b/c/d:1\"', \"Port\" => 8080, flag => true, neg => -1.5)");
      assert.ok(st.kind === "create-service");
      assert.deepEqual(st.kind === "create-service" && st.source, { kind: "inline", text: "image: {{ img }}", template: true, using: { img: '"/a/b/c/d:1"', Port: "8080", flag: "true", neg: "-1.5" } });
    });

    it("SHOW filters: IN, STARTS WITH, LIMIT … FROM; JOB SERVICES and EXCLUDE JOBS", function () {
      assert.deepEqual(parse("SHOW SERVICES LIKE 'A%' IN COMPUTE POOL p STARTS WITH 'AB' LIMIT 10 FROM 'ABC'"), {
        kind: "show-services", jobsOnly: false, excludeJobs: false, filters: { like: "A%", in: { kind: "compute-pool", name: ["P"] }, startsWith: "AB", limit: { rows: 10, from: "ABC" } },
      });
      assert.deepEqual(parse("show job services in database"), { kind: "show-services", jobsOnly: true, excludeJobs: false, filters: { in: { kind: "database" } } });
      assert.deepEqual(parse("show services exclude jobs in my_schema"), { kind: "show-services", jobsOnly: false, excludeJobs: true, filters: { in: { kind: "schema", name: ["MY_SCHEMA"] } } });
    });

    it("custom runtime environments", function () {
      const st = parse("CREATE OR REPLACE CUSTOM RUNTIME ENVIRONMENT my_cre IMAGE_PATH = '/db/s/r/img:v1' BASE_IMAGE_TYPE = CPU");
      assert.deepEqual(st.kind === "create-cre" && [st.name, st.orReplace, opts(st)], [["MY_CRE"], true, { IMAGE_PATH: str("/db/s/r/img:v1"), BASE_IMAGE_TYPE: { kind: "name", value: ["CPU"] } }]);
      assert.deepEqual(parse("alter custom runtime environment my_cre set cre_status = deprecated"), { kind: "alter-cre", name: ["MY_CRE"], ifExists: false, action: { kind: "set", options: [{ key: "CRE_STATUS", value: { kind: "name", value: ["DEPRECATED"] }, at: { line: 1, column: 44 } }] } });
      assert.deepEqual(parse("show custom runtime environments like 'MY%'"), { kind: "show-cres", filters: { like: "MY%" } });
      assert.deepEqual(parse("desc custom runtime environment my_cre"), { kind: "describe-cre", name: ["MY_CRE"] });
      assert.deepEqual(parse("drop custom runtime environment if exists my_cre"), { kind: "drop-cre", name: ["MY_CRE"], ifExists: true });
    });

    it("functions: SELECT form, alias, named arguments of GET_JOB_HISTORY", function () {
      assert.deepEqual(parse("select system$wait_for_services(30, 'a', 'b') as ok"), { kind: "function", name: "SYSTEM$WAIT_FOR_SERVICES", args: [{ value: num(30) }, { value: str("a") }, { value: str("b") }], column: "OK", form: "select" });
      const h = parse("SELECT * FROM TABLE(snowflake.spcs.get_job_history(created_time_start => '2026-11-30', result_limit => 5));");
      assert.deepEqual(h.kind === "function" && [h.name, h.form, h.args], ["GET_JOB_HISTORY", "table", [{ name: "CREATED_TIME_START", value: str("2026-11-30") }, { name: "RESULT_LIMIT", value: num(5) }]]);
    });

    it("methods of a service or job: <name>!SPCS_WAIT_FOR(…), !SPCS_CANCEL_JOB(), TABLE(<name>!SPCS_GET_LOGS())", function () {
      assert.deepEqual(parse("SELECT db.sch.echo!SPCS_WAIT_FOR('RUNNING', 60)"), { kind: "function", name: "SPCS_WAIT_FOR", args: [{ value: str("RUNNING") }, { value: num(60) }], column: "DB.SCH.ECHO!SPCS_WAIT_FOR('RUNNING', 60)", form: "select", target: ["DB", "SCH", "ECHO"] });
      assert.deepEqual(parse('call "my_job"!spcs_cancel_job()'), { kind: "function", name: "SPCS_CANCEL_JOB", args: [], column: '"MY_JOB"!SPCS_CANCEL_JOB()', form: "call", target: ["my_job"] });
      const logs = parse("select * from table(echo!spcs_get_logs())");
      assert.deepEqual(logs.kind === "function" && [logs.name, logs.form, logs.target], ["SPCS_GET_LOGS", "table", ["ECHO"]]);
      assert.equal(parseSpcsStatement("select a!b()"), undefined, "other methods are not SPCS SQL");
    });

    it("snapshots: CREATE / SHOW / DESCRIBE / DROP SNAPSHOT and ALTER SERVICE … RESTORE VOLUME (volume names quoted, case kept)", function () {
      const st = parse(`CREATE OR REPLACE SNAPSHOT snap1 FROM SERVICE db.s.svc VOLUME "data" INSTANCE 0 COMMENT = 'nightly'`);
      assert.deepEqual(st.kind === "create-snapshot" && [st.name, st.orReplace, st.ifNotExists, st.service, st.volume, st.instance, opts(st)], [["SNAP1"], true, false, ["DB", "S", "SVC"], "data", 0, { COMMENT: str("nightly") }]);
      const bare = parse("create snapshot if not exists s2 from service svc volume data instance 2");
      assert.deepEqual(bare.kind === "create-snapshot" && [bare.ifNotExists, bare.volume, bare.instance], [true, "DATA", 2], "an unquoted volume is an identifier: upper-case");
      assert.deepEqual(parse("show snapshots like 'SNAP%' in schema db.s"), { kind: "show-snapshots", filters: { like: "SNAP%", in: { kind: "schema", name: ["DB", "S"] } } });
      assert.deepEqual(parse("desc snapshot db.s.snap1"), { kind: "describe-snapshot", name: ["DB", "S", "SNAP1"] });
      assert.deepEqual(parse("drop snapshot if exists snap1"), { kind: "drop-snapshot", name: ["SNAP1"], ifExists: true });
      assert.deepEqual(parse(`alter service svc restore volume "data" instances 0, 2 from snapshot db.s.snap1`), { kind: "alter-service", name: ["SVC"], ifExists: false, action: { kind: "restore", volume: "data", instances: [0, 2], snapshot: ["DB", "S", "SNAP1"] } });
      assert.match(sqlErrorOf(`create snapshot s from service svc volume "data"`).message, /expected INSTANCE/);
      assert.match(sqlErrorOf(`create snapshot s from service svc volume "data" instance x`).message, /unexpected 'x'\.\n {2}expected an instance id/);
      assert.match(sqlErrorOf(`alter service svc restore volume "data" from snapshot s`).message, /expected INSTANCES/);
    });

    it("quoted names keep their case; comments and a trailing ; are ignored", function () {
      assert.deepEqual(parse('-- a comment\ndescribe service "My_Db".public."svc" /* block */ ;'), { kind: "describe-service", name: ["My_Db", "PUBLIC", "svc"] });
      assert.deepEqual(parse("describe service IDENTIFIER('db.\"Sch\".svc')"), { kind: "describe-service", name: ["DB", "Sch", "SVC"] });
    });
  });

  describe("what is not SPCS SQL goes on to fakesnow", function () {
    for (const sql of ["select 1", "select * from t where a = 'x'", "show tables", "show roles", "create table t (a int)", "drop table t", "alter session set TIMEZONE = 'UTC'", "use database x", "SELECT $$abc", "put file:///a @s", "create stage if not exists IDENTIFIER('svc_stage')", "show parameters like 'TIMEZONE' in session", "describe table t", ""]) {
      it(JSON.stringify(sql), function () {
        assert.equal(parseSpcsStatement(sql), undefined);
      });
    }
  });

  describe("errors say where and what was expected", function () {
    it("a CREATE SERVICE without FROM", function () {
      const e = sqlErrorOf("create service s in compute pool p");
      assert.equal(e.code, "001003");
      assert.equal(e.sqlState, "42000");
      assert.match(e.message, /syntax error line 1 at position 34 unexpected end of input\.\n {2}expected FROM SPECIFICATION/);
    });

    it("an unterminated $$ spec, at its line and position", function () {
      const e = sqlErrorOf("create service s\nin compute pool p\nfrom specification $$ spec:");
      assert.match(e.message, /line 3 at position 19 unexpected '\$\$ spec:'/);
    });

    it("OR REPLACE where SPCS has none, a duplicate option, a bad alter action", function () {
      assert.equal(sqlErrorOf("create or replace compute pool p min_nodes = 1").code, "000002");
      assert.match(sqlErrorOf("create compute pool p min_nodes = 1 min_nodes = 2").message, /duplicate option 'MIN_NODES'/);
      assert.match(sqlErrorOf("alter service s explode").message, /unexpected 'explode'\.\n {2}expected SUSPEND, RESUME, SET …, UNSET …/);
    });
  });
});
