import assert from "node:assert/strict";
import fc from "fast-check";
import type { ServiceRow } from "../../../../provider/catalog/service-store";
import { lineTimestamps, logRow, ntz, platformEventRow, resourceAttributes } from "../../../../provider/objects/event-table/event-rows";
import { compareStamps } from "../../../../provider/objects/event-table/export-logs";
import { parseSpcsStatement } from "../../../../provider/sql/statements/parse-statement";

const svc = { databaseName: "APP", schemaName: "PUBLIC", name: "WEB", computePool: "POOL", isJob: false } as ServiceRow;

describe("event table rows", function () {
  it("times are TIMESTAMP_NTZ text in UTC to the microsecond, from the engine's nanosecond stamps", function () {
    assert.equal(ntz("2026-12-02T03:04:05.123456789Z"), "2026-12-02 03:04:05.123456");
    assert.equal(ntz("2026-12-02T03:04:05Z"), "2026-12-02 03:04:05.000000");
    assert.equal(ntz("2026-12-02T03:04:05.5Z"), "2026-12-02 03:04:05.500000");
  });

  it("lines stamped within one microsecond keep their order: each TIMESTAMP after the one before", function () {
    assert.deepEqual(
      lineTimestamps(["2026-12-02T03:04:05.123456100Z", "2026-12-02T03:04:05.123456900Z", "2026-12-02T03:04:05.123457000Z", "2026-12-02T03:04:05.999999999Z", "2026-12-02T03:04:05.999999999Z"], "2026-12-02T03:04:05.123456000Z"),
      ["2026-12-02 03:04:05.123457", "2026-12-02 03:04:05.123458", "2026-12-02 03:04:05.123459", "2026-12-02 03:04:05.999999", "2026-12-02 03:04:06.000000"],
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 30 }), (gapsNs) => {
        let ns = 1_700_000_000_000_000_000n;
        const times = gapsNs.map((g) => {
          ns += BigInt(g);
          const s = ns / 1_000_000_000n;
          return `${new Date(Number(s) * 1000).toISOString().slice(0, 19)}.${String(ns % 1_000_000_000n).padStart(9, "0")}Z`;
        });
        const out = lineTimestamps(times);
        for (let i = 1; i < out.length; i++) assert.ok(out[i - 1] < out[i], `${out[i - 1]} < ${out[i]}`);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it("a log line: stdout INFO, stderr ERROR, the stream in log.iostream, the line as VALUE", function () {
    const resource = resourceAttributes("ACC", svc, { instanceId: 1, containerName: "main" });
    assert.deepEqual(resource, {
      "snow.account.name": "ACC", "snow.compute_pool.name": "POOL", "snow.database.name": "APP", "snow.schema.name": "PUBLIC",
      "snow.service.name": "WEB", "snow.service.type": "Service", "snow.service.instance": "1", "snow.service.container.name": "main",
    });
    const row = logRow(resource, { time: "2026-12-02T03:04:05.000000001Z", stream: "stderr", text: "boom" });
    assert.deepEqual([row.RECORD_TYPE, row.RECORD, row.RECORD_ATTRIBUTES, row.VALUE], ["LOG", { severity_text: "ERROR" }, { "log.iostream": "stderr" }, "boom"]);
  });

  it("a platform event: SPCS's scope, the event's name and severity, VALUE {message, status}", function () {
    const row = platformEventRow(resourceAttributes("ACC", { ...svc, isJob: true }), "2026-12-02T03:04:05Z", "CONTAINER.STATUS_CHANGE", "FAILED", "User application error, check container logs");
    assert.deepEqual([row.RECORD_TYPE, row.SCOPE, row.RECORD, row.VALUE], ["EVENT", { name: "snow.spcs.platform" }, { name: "CONTAINER.STATUS_CHANGE", severity_text: "ERROR" }, { message: "User application error, check container logs", status: "FAILED" }]);
    assert.equal((row.RESOURCE_ATTRIBUTES as Record<string, string>)["snow.service.type"], "Job");
    assert.deepEqual(platformEventRow({}, "2026-12-02T03:04:05Z", "CONTAINER.STATUS_CHANGE", "PENDING", "Failed to pull image").RECORD, { name: "CONTAINER.STATUS_CHANGE", severity_text: "ERROR" });
    assert.deepEqual(platformEventRow({}, "2026-12-02T03:04:05Z", "CONTAINER.STATUS_CHANGE", "READY", "Running").RECORD, { name: "CONTAINER.STATUS_CHANGE", severity_text: "INFO" });
  });

  it("engine stamps order as times, whatever their number of fraction digits", function () {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000 }), fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 4_000_000_000 }), fc.integer({ min: 0, max: 999_999_999 }), (s1, n1, s2, n2) => {
        const stamp = (s: number, n: number) => `${new Date(s * 1000).toISOString().slice(0, 19)}.${String(n).padStart(9, "0").replace(/0+$/, "") || "0"}Z`;
        const expected = Math.sign(s1 - s2 || n1 - n2);
        assert.equal(Math.sign(compareStamps(stamp(s1, n1), stamp(s2, n2))), expected);
      }),
      { seed: 12, numRuns: 200 },
    );
  });
});

describe("SHOW PARAMETERS … IN ACCOUNT", function () {
  it("is the executor's (snow reads EVENT_TABLE from it); SHOW PARAMETERS of the session stays fakesnow's", function () {
    assert.deepEqual(parseSpcsStatement("show parameters like 'event_table' in account"), { kind: "show-account-parameters", filters: { like: "event_table", in: { kind: "account" } } });
    assert.deepEqual(parseSpcsStatement("SHOW PARAMETERS IN ACCOUNT;"), { kind: "show-account-parameters", filters: { in: { kind: "account" } } });
    assert.equal(parseSpcsStatement("show parameters like 'TIMEZONE'"), undefined);
    assert.equal(parseSpcsStatement("show parameters in session"), undefined);
  });

  it("ALTER ACCOUNT SET / UNSET LOG_EVENT_LEVEL is the executor's; other account settings stay fakesnow's", function () {
    const set = parseSpcsStatement("alter account set log_event_level = 'INFO'");
    assert.ok(set?.kind === "alter-account-parameters" && set.action.kind === "set");
    assert.deepEqual(set.action.kind === "set" && set.action.options.map((o) => [o.key, o.value]), [["LOG_EVENT_LEVEL", { kind: "string", value: "INFO" }]]);
    assert.deepEqual(parseSpcsStatement("ALTER ACCOUNT UNSET LOG_EVENT_LEVEL"), { kind: "alter-account-parameters", action: { kind: "unset", properties: ["LOG_EVENT_LEVEL"] } });
    assert.equal(parseSpcsStatement("alter account set timezone = 'UTC'"), undefined);
  });
});
