import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { livenessSupervisorScript, needsLivenessSupervisor } from "../../provider/services/liveness-supervisor";

describe("liveness supervisor script", function () {
  const probe = { port: 8080, path: "/it's/alive", periodSeconds: 10, failureThreshold: 3 };

  it("is needed only when a container has a liveness probe", function () {
    assert.equal(needsLivenessSupervisor([{}, {}]), false);
    assert.equal(needsLivenessSupervisor([{}, { livenessProbe: probe }]), true);
  });

  it("is valid sh that probes each container on its own period and threshold, quoting the path", function () {
    const script = livenessSupervisorScript([{ name: "web", livenessProbe: probe }, { name: "side" }]);
    assert.equal(spawnSync("sh", ["-n", "-c", script]).status, 0, "sh -n accepts it");
    assert.match(script, /\$\(\(t % 10\)\)/);
    assert.match(script, /-ge 3 \]/);
    assert.match(script, /'http:\/\/127\.0\.0\.1:8080\/it'\\''s\/alive'/);
    assert.doesNotMatch(script, /side/, "containers without a probe are not probed");
  });
});
