import assert from "node:assert/strict";
import { deriveJobStatus, jobMessage } from "../../../provider/model/job-status";
import { deriveContainerStatus, deriveInstanceStatus } from "../../../provider/model/statuses";

describe("job status (reference §4.2)", function () {
  const exited = (exitCode: number) => ({ id: "c", name: "c", labels: {}, running: false, status: "exited", exitCode, restartCount: 0, oomKilled: false, ipAddress: "", networkAddresses: {}, published: {}, imageId: "", image: "" });

  it("a container is DONE on exit 0 and FAILED otherwise; an instance SUCCEEDED only when all are DONE", function () {
    assert.deepEqual(deriveContainerStatus(true, exited(0), {}, undefined, true), { status: "DONE", message: "Completed successfully" });
    assert.equal(deriveContainerStatus(true, exited(2), {}, undefined, true).status, "FAILED");
    assert.equal(deriveInstanceStatus(["DONE", "DONE"], true).status, "SUCCEEDED");
    assert.equal(deriveInstanceStatus(["DONE", "READY"], true).status, "READY");
    assert.equal(deriveInstanceStatus(["DONE", "FAILED"], true).status, "FAILED");
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
    assert.equal(jobMessage("DB.S.J", "DONE"), "Job DB.S.J completed successfully with status: DONE.");
    assert.equal(jobMessage("DB.S.J", "FAILED"), "Job DB.S.J failed with status: FAILED.");
  });
});
