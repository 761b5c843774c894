import assert from "node:assert/strict";
import { driftInstance, driftLine, isIngressDrift, type Drift } from "../../../provider/model/drift";

describe("drift records", function () {
  // The lines people read in the Service's `drift` output and in `pulumi refresh`; the e2e tests match these.
  const cases: [Drift, string][] = [
    [{ kind: "network-container-missing", instanceId: 1 }, "instance 1: its network container is missing"],
    [{ kind: "container-removed", instanceId: 0, container: "api" }, "instance 0, container api: removed"],
    [{ kind: "container-stopped", instanceId: 2, container: "web" }, "instance 2, container web: stopped"],
    [{ kind: "image-changed", instanceId: 0, container: "web", image: "r/a:2", pinned: "r/a@sha256:ab" }, "instance 0, container web: runs image r/a:2, not the pinned r/a@sha256:ab"],
    [{ kind: "spec-digest-changed", instanceId: 0, container: "web", found: "d1", expected: "d2" }, "instance 0, container web: carries spec digest d1, not d2"],
    [{ kind: "spec-digest-changed", instanceId: 0, container: "web", expected: "d2" }, "instance 0, container web: carries spec digest none, not d2"],
    [{ kind: "extra-instance", instanceId: 7 }, "instance 7: not part of the service"],
    [{ kind: "ingress-removed" }, "ingress: removed"],
    [{ kind: "ingress-stopped" }, "ingress: stopped"],
    [{ kind: "ingress-ports-changed" }, "ingress: publishes other ports than the service's public endpoints"],
    [{ kind: "ingress-settings-changed" }, "ingress: made for other settings than the service's and the platform's"],
  ];

  it("renders each kind as the line DESCRIBE has always shown", function () {
    for (const [d, line] of cases) assert.equal(driftLine(d), line);
  });

  it("names the instance to repair for instance drift, and none for the ingress", function () {
    assert.deepEqual(cases.map(([d]) => [driftInstance(d), isIngressDrift(d)]), [
      [1, false], [0, false], [2, false], [0, false], [0, false], [0, false], [7, false], [undefined, true], [undefined, true], [undefined, true], [undefined, true],
    ]);
  });
});
