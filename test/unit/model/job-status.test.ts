import assert from "node:assert/strict";
import { deriveJobStatus, jobMessage } from "../../../provider/model/job-status";
import { deriveContainerStatus, deriveInstanceStatus } from "../../../provider/model/statuses";
import { inspected, type InspectFixture } from "./inspect-fixtures";

describe("job status (reference §4.2)", function () {
  const job = (f: InspectFixture) => deriveContainerStatus(true, inspected(f), {}, undefined, true);

  it("a container is DONE on exit 0 and FAILED otherwise; an instance SUCCEEDED only when all are DONE", function () {
    assert.deepEqual(job("exited-0"), { status: "DONE", message: "Completed successfully" });
    assert.deepEqual(job("exited-3"), { status: "FAILED", message: "User application error, check container logs" });
    assert.deepEqual(job("stopped-by-hand"), { status: "FAILED", message: "User application error, check container logs" });
    assert.deepEqual(job("created"), { status: "PENDING", message: "Waiting to start" });
    assert.deepEqual(job("running"), { status: "READY", message: "Running" });
    assert.deepEqual(deriveInstanceStatus([job("exited-0").status, job("exited-0").status], true), { status: "SUCCEEDED", message: "Job instance has completed" });
    assert.equal(deriveInstanceStatus([job("exited-0").status, job("running").status], true).status, "READY");
    assert.equal(deriveInstanceStatus([job("exited-0").status, job("exited-3").status], true).status, "FAILED");
    assert.equal(deriveInstanceStatus([job("created").status], true).status, "PENDING");
  });

  it("derives the job's status from its containers as recorded: any failed instance fails it, all succeeded is DONE", function () {
    const instance = (...fs: InspectFixture[]) => deriveInstanceStatus(fs.map((f) => job(f).status), true).status;
    assert.equal(deriveJobStatus("PENDING", [instance("exited-0"), instance("oom-killed")]), "FAILED");
    assert.equal(deriveJobStatus("PENDING", [instance("exited-0"), instance("exited-0")]), "DONE");
    assert.equal(deriveJobStatus("PENDING", [instance("exited-0"), instance("running")]), "RUNNING");
    assert.equal(deriveJobStatus("PENDING", [instance("created")]), "PENDING");
  });

  it("any instance FAILED fails the job; all SUCCEEDED is DONE; any running is RUNNING; else PENDING", function () {
    assert.equal(deriveJobStatus("PENDING", ["SUCCEEDED", "FAILED", "READY"]), "FAILED");
    assert.equal(deriveJobStatus("PENDING", ["SUCCEEDED", "SUCCEEDED"]), "DONE");
    assert.equal(deriveJobStatus("PENDING", ["SUCCEEDED", "PENDING"]), "RUNNING");
    assert.equal(deriveJobStatus("PENDING", ["READY", "PENDING"]), "RUNNING");
    assert.equal(deriveJobStatus("PENDING", ["PENDING", "PENDING"]), "PENDING");
    assert.equal(deriveJobStatus("PENDING", []), "PENDING");
  });

  it("recorded states (finished, cancelling, dropping) win over what the containers say", function () {
    for (const s of ["DONE", "FAILED", "CANCELLING", "CANCELLED", "DELETING"]) assert.equal(deriveJobStatus(s, ["READY"]), s);
  });

  it("words the end of a job as SPCS does", function () {
    assert.equal(jobMessage("DB.S.J", "DONE"), "Job J completed successfully with status: DONE.");
    assert.equal(jobMessage("DB.S.J", "FAILED"), "Job J failed with status: FAILED.");
  });
});
