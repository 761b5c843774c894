import assert from "node:assert/strict";
import { deriveContainerStatus, deriveInstanceStatus, deriveServiceStatus } from "../../../provider/model/statuses";
import { inspected, type InspectFixture } from "./inspect-fixtures";

const probed = { readinessProbe: { port: 8080, path: "/health", periodSeconds: 10, failureThreshold: 3 } };
const service = (f: InspectFixture, probeOk?: boolean) => deriveContainerStatus(true, inspected(f), probed, probeOk);
const job = (f: InspectFixture) => deriveContainerStatus(true, inspected(f), {}, undefined, true);

describe("service statuses from recorded docker inspect", function () {
  it("PENDING until placed, then until started", function () {
    assert.deepEqual(deriveContainerStatus(false, undefined, probed, undefined), { status: "PENDING", message: "Pending scheduling." });
    assert.deepEqual(deriveContainerStatus(true, undefined, probed, undefined), { status: "PENDING", message: "Waiting to start" });
    assert.deepEqual(service("created"), { status: "PENDING", message: "Waiting to start" });
  });

  it("a running container is READY only once its readiness probe answers", function () {
    assert.deepEqual(service("running", false), { status: "PENDING", message: "Readiness probe is failing at path: /health, port: 8080" });
    assert.deepEqual(service("running", undefined), { status: "PENDING", message: "Readiness probe is failing at path: /health, port: 8080" });
    assert.deepEqual(service("running", true), { status: "READY", message: "Running" });
    assert.deepEqual(deriveContainerStatus(true, inspected("running"), {}, undefined), { status: "READY", message: "Running" }, "no probe: running is ready");
  });

  it("a leaving instance is TERMINATING, whatever its probe says", function () {
    const leaving = deriveContainerStatus(true, inspected("running"), probed, true, false, true);
    assert.deepEqual(leaving, { status: "TERMINATING", message: "Terminating" });
    assert.deepEqual(deriveInstanceStatus([leaving.status, service("running", true).status]), { status: "TERMINATING", message: "Service instance is terminating" });
    assert.deepEqual(deriveContainerStatus(false, undefined, probed, true, false, true), { status: "PENDING", message: "Pending scheduling." }, "an unplaced instance is not leaving anything");
  });

  it("OOMKilled is FAILED with SPCS's message, for services and jobs alike", function () {
    assert.deepEqual(service("oom-killed"), { status: "FAILED", message: "Container was OOMKilled due to resource usage" });
    assert.deepEqual(job("oom-killed"), { status: "FAILED", message: "Container was OOMKilled due to resource usage" });
  });

  it("a service container waiting to restart, or stopped by hand, is FAILED and retrying", function () {
    assert.deepEqual(service("restarting"), { status: "FAILED", message: "Encountered fatal error, retrying" });
    assert.deepEqual(service("stopped-by-hand"), { status: "FAILED", message: "Encountered fatal error, retrying" });
  });

  it("an instance is READY when all its containers are, FAILED when any is, else PENDING", function () {
    const ready = service("running", true).status;
    const failing = service("restarting").status;
    const starting = service("running", false).status;
    assert.deepEqual(deriveInstanceStatus([ready, ready]), { status: "READY", message: "Service instance is running" });
    assert.deepEqual(deriveInstanceStatus([ready, failing]), { status: "FAILED", message: "Service instance failed" });
    assert.deepEqual(deriveInstanceStatus([ready, starting]), { status: "PENDING", message: "Service instance is pending" });
    assert.deepEqual(deriveInstanceStatus([]), { status: "PENDING", message: "Service instance is pending" });
  });

  it("a service is RUNNING with MIN_READY_INSTANCES ready, FAILED when every instance failed, and recorded transitions win", function () {
    const ready = deriveInstanceStatus([service("running", true).status]).status;
    const failed = deriveInstanceStatus([service("oom-killed").status]).status;
    const pending = deriveInstanceStatus([service("created").status]).status;
    assert.equal(deriveServiceStatus("RUNNING", [ready, failed], 1), "RUNNING");
    assert.equal(deriveServiceStatus("RUNNING", [ready, pending], 2), "PENDING");
    assert.equal(deriveServiceStatus("RUNNING", [failed, failed], 1), "FAILED");
    assert.equal(deriveServiceStatus("PENDING", [], 1), "PENDING");
    for (const recorded of ["SUSPENDING", "SUSPENDED", "DELETING", "DELETED"]) assert.equal(deriveServiceStatus(recorded, [ready], 1), recorded);
  });
});
