import assert from "node:assert/strict";
import { hasExited, isStopped, neverStarted } from "../../../provider/runtime/container-runtime";
import { INSPECT_FIXTURES, inspected } from "../model/inspect-fixtures";

describe("runtime: docker inspect in the port's terms", function () {
  it("reads each recorded state as its state, with Docker's 'running while restarting' not counted as running", function () {
    const rows = INSPECT_FIXTURES.map((f) => {
      const i = inspected(f);
      return [f, i.state, i.running, i.exitCode, i.restartCount, i.oomKilled];
    });
    assert.deepEqual(rows, [
      ["created", "created", false, 0, 0, false],
      ["running", "running", true, 0, 0, false],
      ["restarting", "restarting", false, 2, 5, false],
      ["oom-killed", "exited", false, 137, 0, true],
      ["stopped-by-hand", "exited", false, 143, 0, false],
      ["exited-0", "exited", false, 0, 0, false],
      ["exited-3", "exited", false, 3, 0, false],
    ]);
  });

  it("tells never started, exited (for now or for good) and stopped apart", function () {
    const rows = INSPECT_FIXTURES.map((f) => [f, neverStarted(inspected(f)), hasExited(inspected(f)), isStopped(inspected(f))]);
    assert.deepEqual(rows, [
      ["created", true, false, true],
      ["running", false, false, false],
      ["restarting", false, true, false],
      ["oom-killed", false, true, true],
      ["stopped-by-hand", false, true, true],
      ["exited-0", false, true, true],
      ["exited-3", false, true, true],
    ]);
  });

  it("keeps Docker's zero time out: a container that never started has no start or finish time", function () {
    const created = inspected("created");
    assert.equal(created.startedAt, undefined);
    assert.equal(created.finishedAt, undefined);
    assert.equal(inspected("stopped-by-hand").finishedAt, "2026-12-02T01:00:07.312Z");
  });

  it("gives the name without Docker's slash, the image reference it was created from, and its address per network", function () {
    const i = inspected("running");
    assert.equal(i.name, "rtport-fx-running");
    assert.match(i.image, /\/busybox:latest$/);
    assert.match(i.networkAddresses.bridge, /^\d+\.\d+\.\d+\.\d+$/);
    assert.equal(i.ipAddress, i.networkAddresses.bridge);
    assert.equal(inspected("created").ipAddress, "");
  });
});
