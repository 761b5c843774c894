import assert from "node:assert/strict";
import type { RuntimeContainer, RuntimeSpec } from "../../../provider/model/runtime-spec";
import { collectEvents, eventsToShip } from "../../../provider/statements/event-table";
import { createService, dropService } from "../../../provider/statements/services";
import { APP_IMAGE, seedAppImage, seedPool } from "../../support/service-fixtures";
import { startTestPlatform, type TestPlatform } from "../../support/test-platform";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes 40 numbered lines to each stream, then waits; says `bye` on stdout when told to stop. */
const chatty: RuntimeContainer = {
  name: "main", image: APP_IMAGE, command: ["sh", "-c"], env: {}, resources: {}, volumeMounts: [], mountSessionToken: false, sessionTokenPath: "/snowflake/session",
  args: ["trap 'echo bye; exit 0' TERM; i=1; while [ $i -le 40 ]; do echo out $i; echo err $i >&2; i=$((i+1)); done; while true; do sleep 0.2; done"],
};

/**
 * The event table's collector on a real engine, without the SQL endpoint (the rows wait in the catalog's
 * outbox): every line once however many collectors run at the same time (the platform's own agent runs
 * beside the test's passes), each stream in order, and a container's last line, written as it is
 * stopped, exported by the drop that removes it.
 */
describe("integration: collecting container logs for the event table", function () {
  this.timeout(300_000);
  let tp: TestPlatform;
  const key = { database: "APP_DB", schema: "PUBLIC", name: "CHATTY" };
  const lines = () =>
    eventsToShip(tp.platform, 10_000)
      .map((e) => e.row)
      .filter((r) => r.RECORD_TYPE === "LOG" && (r.RESOURCE_ATTRIBUTES as Record<string, string>)["snow.service.name"] === "CHATTY")
      .map((r) => `${(r.RECORD_ATTRIBUTES as Record<string, string>)["log.iostream"]} ${String(r.VALUE)}`);

  before(async function () {
    tp = await startTestPlatform("it-event-collection");
    seedPool(tp, "EV_POOL", 1);
    await seedAppImage(tp);
  });
  after(async function () {
    await dropService(tp.platform, key, { ifExists: true });
    await tp?.dispose();
  });

  it("exports each line once, in order per stream, with collectors racing; the drop exports the last line", async function () {
    const spec: RuntimeSpec = { containers: [chatty], endpoints: [], volumes: [], logLevel: "INFO" };
    await createService(tp.platform, {
      key, computePool: "EV_POOL", spec, specDigest: "d-chatty", minInstances: 1, maxInstances: 1, minReadyInstances: 1,
      autoResume: true, externalAccessIntegrations: null, queryWarehouse: null, comment: null,
    });
    for (let i = 0; i < 60 && lines().length < 80; i++) {
      await Promise.all([collectEvents(tp.platform), collectEvents(tp.platform), collectEvents(tp.platform)]);
      await sleep(250);
    }
    const seen = lines();
    const events = eventsToShip(tp.platform, 10_000).filter((e) => e.row.RECORD_TYPE === "EVENT");
    assert.deepEqual(events, [], "platform events are off until LOG_EVENT_LEVEL is set (SPCS's default)");
    const expected = (stream: string) => Array.from({ length: 40 }, (_, i) => `${stream} ${stream === "stdout" ? "out" : "err"} ${i + 1}`);
    assert.deepEqual(seen.filter((l) => l.startsWith("stdout")), expected("stdout"));
    assert.deepEqual(seen.filter((l) => l.startsWith("stderr")), expected("stderr"));

    await dropService(tp.platform, key);
    assert.deepEqual(lines().filter((l) => l.endsWith(" bye")), ["stdout bye"], "the line written on SIGTERM, once");
    assert.equal(lines().length, 81);
    const positions = tp.platform.catalog.events.position(`service:APP_DB.PUBLIC.CHATTY`);
    assert.equal(positions, undefined, "a dropped service's positions are forgotten");
  });
});
