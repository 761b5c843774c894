import assert from "node:assert/strict";
import { InvalidArgumentError } from "commander";
import { LOG_TAIL, checkLogsOptions, parseInstanceId, parseTail } from "../../../provider/cli/logs-command";
import {
  SHOW_SERVICES_COLUMNS,
  SHOW_SERVICE_CONTAINERS_COLUMNS,
  SHOW_SERVICE_INSTANCES_COLUMNS,
  SHOW_ENDPOINTS_COLUMNS,
  containerRows,
  endpointRows,
  instanceRows,
  parseServiceAlterAction,
  parseServiceRef,
  serviceTarget,
  servicesScope,
} from "../../../provider/cli/service-commands";
import { sqlColumnName } from "../../../provider/cli/table";
import { UsageError } from "../../../provider/cli/usage-error";
import { isSpcsError } from "../../../provider/common/errors";
import type { ServiceDescription } from "../../../provider/statements/services";

describe("cli service argument parsing", function () {
  it("reads DB.SCHEMA.NAME case-insensitively; a wrong shape is a usage error, a bad identifier an SPCS error", function () {
    assert.deepEqual(parseServiceRef("tutorial_db.data_schema.echo_service"), { database: "TUTORIAL_DB", schema: "DATA_SCHEMA", name: "ECHO_SERVICE" });
    for (const bad of ["echo_service", "db.echo", "a.b.c.d", ""]) {
      assert.throws(() => parseServiceRef(bad), (e: unknown) => e instanceof UsageError && e.message === `expected a service as DB.SCHEMA.NAME, got '${bad}'`, bad);
    }
    assert.throws(() => parseServiceRef("db.s.echo-service"), (e: unknown) => isSpcsError(e) && /^service 'echo-service' is not an unquoted identifier/.test(e.message));
  });

  it("scopes SHOW SERVICES by one IN clause, from the SQL words or an option", function () {
    assert.deepEqual(servicesScope([], {}), {});
    assert.deepEqual(servicesScope(["in", "account"], {}), {});
    assert.deepEqual(servicesScope(["IN", "COMPUTE-POOL", "tutorial_pool"], {}), { computePool: "TUTORIAL_POOL" });
    assert.deepEqual(servicesScope(["in", "database", "db"], {}), { database: "DB" });
    assert.deepEqual(servicesScope(["in", "schema", "db.public"], {}), { database: "DB", schema: "PUBLIC" });
    assert.deepEqual(servicesScope([], { inComputePool: "p" }), { computePool: "P" });
    assert.deepEqual(servicesScope([], { inDatabase: "db" }), { database: "DB" });
    assert.deepEqual(servicesScope([], { inSchema: "db.s" }), { database: "DB", schema: "S" });
    const usage = (words: string[], o: object, message: RegExp) => assert.throws(() => servicesScope(words, o), (e: unknown) => e instanceof UsageError && message.test(e.message), words.join(" "));
    usage(["in", "compute-pool"], {}, /unexpected words 'in compute-pool'\nusage: spcs show services/);
    usage(["in", "pool", "p"], {}, /unexpected words 'in pool p'/);
    usage(["on", "compute-pool", "p"], {}, /unexpected words/);
    usage(["in", "account", "x"], {}, /unexpected words/);
    usage(["in", "compute-pool", "p"], { inDatabase: "db" }, /give one IN scope, not database and compute-pool/);
    usage([], { inComputePool: "p", inSchema: "d.s" }, /give one IN scope, not compute-pool and schema/);
    usage([], { inSchema: "s" }, /expected a schema as DB.SCHEMA, got 's'/);
  });

  it("takes the service of SHOW SERVICE INSTANCES / CONTAINERS / ENDPOINTS as `in service REF` or --in REF", function () {
    const key = { database: "D", schema: "S", name: "N" };
    assert.deepEqual(serviceTarget("show endpoints", ["in", "service", "d.s.n"], undefined), key);
    assert.deepEqual(serviceTarget("show endpoints", ["IN", "SERVICE", "d.s.n"], undefined), key);
    assert.deepEqual(serviceTarget("show endpoints", [], "d.s.n"), key);
    assert.throws(() => serviceTarget("show service containers", [], undefined), /^UsageError: which service\?\nusage: spcs show service containers in service DB.SCHEMA.NAME/);
    assert.throws(() => serviceTarget("show endpoints", ["in", "services", "d.s.n"], undefined), /unexpected words 'in services d.s.n'/);
    assert.throws(() => serviceTarget("show endpoints", ["in", "service", "d.s.n"], "d.s.n"), /not both/);
    assert.throws(() => serviceTarget("show endpoints", ["in", "service", "n"], undefined), /expected a service as DB.SCHEMA.NAME, got 'n'/);
  });

  it("alter service takes suspend, resume or restore-volume, in any case", function () {
    assert.equal(parseServiceAlterAction("SUSPEND"), "suspend");
    assert.equal(parseServiceAlterAction("resume"), "resume");
    assert.throws(() => parseServiceAlterAction("set"), (e: unknown) => e instanceof InvalidArgumentError && e.message === "Use suspend or resume or restore-volume.");
  });

  it("--tail accepts 1 to 1000, as SPCS does; --instance a non-negative id", function () {
    assert.deepEqual([LOG_TAIL.min, LOG_TAIL.max, LOG_TAIL.default], [1, 1000, 100]);
    assert.equal(parseTail("1"), 1);
    assert.equal(parseTail("1000"), 1000);
    for (const bad of ["0", "1001", "-5", "ten", "1.5", ""]) assert.throws(() => parseTail(bad), (e: unknown) => e instanceof InvalidArgumentError && /from 1 to 1000/.test(e.message), bad);
    assert.equal(parseInstanceId("0"), 0);
    assert.equal(parseInstanceId("12"), 12);
    for (const bad of ["-1", "x", "1.0"]) assert.throws(() => parseInstanceId(bad), InvalidArgumentError, bad);
  });

  it("--previous and --follow are exclusive", function () {
    const o = { instance: 0, tail: 100, follow: false, previous: false };
    checkLogsOptions(o);
    checkLogsOptions({ ...o, follow: true });
    checkLogsOptions({ ...o, previous: true });
    assert.throws(() => checkLogsOptions({ ...o, follow: true, previous: true }), UsageError);
  });

  it("prints SPCS's column names, in SPCS's order", function () {
    assert.equal(SHOW_SERVICES_COLUMNS.length, 26);
    assert.deepEqual(SHOW_SERVICES_COLUMNS.map(sqlColumnName).slice(0, 8), ["name", "status", "database_name", "schema_name", "owner", "compute_pool", "dns_name", "current_instances"]);
    assert.deepEqual(SHOW_SERVICES_COLUMNS.map(sqlColumnName).slice(-4), ["is_job", "is_async_job", "spec_digest", "is_upgrading"]);
    assert.deepEqual(SHOW_SERVICE_INSTANCES_COLUMNS.map(sqlColumnName), [
      "database_name", "schema_name", "service_name", "service_status", "instance_id", "status", "spec_digest", "creation_time", "start_time", "ip_address",
    ]);
    assert.deepEqual(SHOW_SERVICE_CONTAINERS_COLUMNS.map(sqlColumnName), [
      "database_name", "schema_name", "service_name", "service_status", "instance_id", "instance_status", "container_name", "status", "message",
      "image_name", "image_digest", "restart_count", "start_time", "last_exit_code", "last_restart_time",
    ]);
    assert.deepEqual(SHOW_ENDPOINTS_COLUMNS.map(sqlColumnName), ["name", "port", "port_range", "protocol", "is_public", "ingress_url", "privatelink_ingress_url"]);
  });

  it("puts the service's names and status in front of each instance and container row", function () {
    const d = {
      name: "ECHO", databaseName: "DB", schemaName: "S", status: "RUNNING",
      instances: [{ instanceId: "0", status: "READY", message: "Running", specDigest: "x", creationTime: "t", startTime: "t", ipAddress: "10.0.0.2", nodeId: "node-1" }],
      containers: [{ instanceId: "0", instanceStatus: "READY", containerName: "main", status: "READY", message: "Running", imageName: "/db/s/r/i:1", imageDigest: "sha256:0", restartCount: 0, startTime: "t", lastExitCode: null, lastRestartTime: null }],
      endpoints: [{ name: "web", port: 8080, portRange: null, protocol: "HTTP", isPublic: true, ingressUrl: "127.0.0.1:3000" }],
    } as unknown as ServiceDescription;
    assert.deepEqual(instanceRows(d)[0], { databaseName: "DB", schemaName: "S", serviceName: "ECHO", serviceStatus: "RUNNING", ...d.instances[0] });
    assert.deepEqual(containerRows(d)[0], { databaseName: "DB", schemaName: "S", serviceName: "ECHO", serviceStatus: "RUNNING", ...d.containers[0] });
    assert.deepEqual(endpointRows(d)[0], { ...d.endpoints[0], privatelinkIngressUrl: null });
  });
});
