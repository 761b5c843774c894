import assert from "node:assert/strict";
import { SETTLE_MS, settleLeft } from "../../../../provider/objects/services/await-service-ready";
import type { ContainerDescription } from "../../../../provider/objects/workloads/describe-columns";

const NOW = Date.parse("2026-12-02T04:00:10.000Z");
const at = (msAgo: number) => new Date(NOW - msAgo).toISOString();
const c = (status: ContainerDescription["status"], startTime: string | null) => ({ status, startTime }) as ContainerDescription;

describe("services: the settle hold, counted from each container's last start", function () {
  it("holds until the youngest running container has run SETTLE_MS", function () {
    assert.equal(settleLeft({ containers: [c("READY", at(200)), c("READY", at(5000))] }, NOW), SETTLE_MS - 200);
  });

  it("does not hold a service whose containers started long enough ago", function () {
    assert.equal(settleLeft({ containers: [c("READY", at(SETTLE_MS)), c("READY", at(60_000))] }, NOW), 0);
  });

  it("counts a running container whose readiness probe still fails, but not one waiting to restart", function () {
    assert.equal(settleLeft({ containers: [c("READY", at(5000)), c("PENDING", at(100))] }, NOW), SETTLE_MS - 100);
    assert.equal(settleLeft({ containers: [c("READY", at(5000)), c("FAILED", at(100))] }, NOW), 0);
  });

  it("never holds longer than SETTLE_MS, even when the engine's clock runs ahead", function () {
    assert.equal(settleLeft({ containers: [c("READY", at(-10_000))] }, NOW), SETTLE_MS);
  });

  it("holds a full SETTLE_MS for a running container whose start time is unknown", function () {
    assert.equal(settleLeft({ containers: [c("READY", null)] }, NOW), SETTLE_MS);
  });
});
