import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type Dockerode from "dockerode";
import { exitCodeOf, listedContainerOf } from "../../../provider/runtime/docker/container-listing";

// Compiled to dist/test/unit/runtime: the fixture is read from the checkout.
const FIXTURE = path.resolve(__dirname, "../../../../test/fixtures/listing/containers.json");
const listed = () => (JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as Dockerode.ContainerInfo[]).map(listedContainerOf);

describe("runtime: docker ps in the port's terms (listContainerStates)", function () {
  it("reads each recorded container's name, state, running flag and last exit code", function () {
    const rows = listed()
      .map((c) => [c.name, c.state, c.running, c.exitCode])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    assert.deepEqual(rows, [
      ["lst-created", "created", false, undefined],
      ["lst-exited3", "exited", false, 3],
      ["lst-restarting", "restarting", false, 2],
      ["lst-running", "running", true, undefined],
    ]);
  });

  it("keeps the labels, the image reference and the address on each network", function () {
    const running = listed().find((c) => c.name === "lst-running")!;
    assert.equal(running.labels["spcs.fixture"], "listing");
    assert.match(running.image, /busybox/);
    assert.match(running.imageId, /^sha256:/);
    assert.match(running.networkAddresses.bridge, /^\d+\.\d+\.\d+\.\d+$/);
    assert.equal(listed().find((c) => c.name === "lst-exited3")!.networkAddresses.bridge, "");
  });

  it("finds the exit code only where the Status shows one", function () {
    assert.deepEqual(
      ["Exited (137) 2 seconds ago", "Restarting (1) Less than a second ago", "Exited (-1) 1 minute ago", "Up 3 seconds", "Created", "", undefined].map(exitCodeOf),
      [137, 1, -1, undefined, undefined, undefined, undefined],
    );
  });

  it("counts a state it does not know as exited, never as running", function () {
    const [raw] = JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as Dockerode.ContainerInfo[];
    const odd = listedContainerOf({ ...raw, State: "hibernating", Status: "Something new" });
    assert.deepEqual([odd.state, odd.running, odd.exitCode], ["exited", false, undefined]);
  });
});

describe("workloads: a workload's container states as one comparable string", function () {
  it("is the same whatever order the engine lists the containers in, and changes when a state or exit code does", async function () {
    const { stateSignature } = await import("../../../provider/objects/workloads/container-states");
    const a = { name: "job-0", state: "running" as const };
    const b = { name: "netns-0", state: "running" as const };
    assert.equal(stateSignature([a, b]), stateSignature([b, a]));
    assert.notEqual(stateSignature([a, b]), stateSignature([{ ...a, state: "exited", exitCode: 0 }, b]));
    assert.notEqual(stateSignature([{ ...a, state: "exited", exitCode: 0 }]), stateSignature([{ ...a, state: "exited", exitCode: 1 }]));
    assert.notEqual(stateSignature([a, b]), stateSignature([a]));
  });
});
