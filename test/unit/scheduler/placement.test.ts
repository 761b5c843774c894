import assert from "node:assert/strict";
import { findInstanceFamily } from "../../../provider/model/instance-families";
import { neverFits, placeInstances } from "../../../provider/scheduler/placement";
import { DEFAULT_REQUEST, nodeCapacity, resolveContainerResources } from "../../../provider/model/resources";

const XS = findInstanceFamily("CPU_X64_XS")!; // 1 vCPU, 6 GiB
const GPU = findInstanceFamily("GPU_NV_S")!; // 6 vCPU, 27 GiB, 1 GPU
const GIB = 1024 ** 3;
const half = { cpuMilli: 500, memoryBytes: GIB, gpus: 0 };

describe("scheduler: resources", function () {
  it("defaults a container without resources to 0.5 vCPU / 0.5 GiB and a limit of the node", function () {
    assert.deepEqual(resolveContainerResources({}, XS), { requests: DEFAULT_REQUEST, limits: nodeCapacity(XS) });
  });

  it("caps limits at node capacity and lowers the default request to a smaller limit", function () {
    const r = resolveContainerResources({ limits: { cpuMilli: 4000, memoryBytes: 0.25 * GIB } }, XS);
    assert.equal(r.limits.cpuMilli, 1000);
    assert.equal(r.requests.memoryBytes, 0.25 * GIB);
    assert.equal(r.requests.cpuMilli, 500);
  });

  it("gives GPUs only when requested, up to the node's count", function () {
    assert.equal(resolveContainerResources({}, GPU).limits.gpus, 0);
    assert.deepEqual(resolveContainerResources({ requests: { gpus: 1 }, limits: { gpus: 1 } }, GPU).requests.gpus, 1);
  });
});

describe("scheduler: placement", function () {
  it("packs instances first-fit and grows the pool up to maxNodes", function () {
    const r = placeInstances(XS, 2, [], ["a", "b", "c"].map((key) => ({ key, request: half })));
    assert.deepEqual(r.placed, [{ key: "a", node: "node-1" }, { key: "b", node: "node-1" }, { key: "c", node: "node-2" }]);
    assert.deepEqual(r.pending, []);
    assert.equal(r.nodes.length, 2);
  });

  it("leaves instances pending when a full pool is at maxNodes, without oversubscribing any node", function () {
    const full = [{ id: "node-1", used: { cpuMilli: 1000, memoryBytes: 2 * GIB, gpus: 0 } }];
    const r = placeInstances(XS, 1, full, [{ key: "x", request: half }]);
    assert.deepEqual(r.pending, ["x"]);
    assert.deepEqual(r.nodes, full);
  });

  it("says when instances can never fit, even on an empty pool at maxNodes", function () {
    assert.match(neverFits(XS, 3, [{ key: "big", request: { cpuMilli: 2000, memoryBytes: GIB, gpus: 0 } }])!, /one instance requests cpu=2, memory=1Gi, nvidia.com\/gpu=0, but a CPU_X64_XS node has cpu=1, memory=6Gi/);
    assert.match(neverFits(XS, 1, ["a", "b", "c"].map((key) => ({ key, request: half })))!, /3 instances need more than the pool's MAX_NODES = 1/);
    assert.equal(neverFits(XS, 2, ["a", "b", "c"].map((key) => ({ key, request: half }))), undefined);
  });
});
