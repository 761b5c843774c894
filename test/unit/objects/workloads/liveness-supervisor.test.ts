import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { livenessSupervisorScript, needsLivenessSupervisor } from "../../../../provider/objects/workloads/liveness-supervisor";

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

  it("is valid sh for any probe path and container name", function () {
    this.timeout(60_000); // one sh per run, on a busy machine
    const text = fc.string({ unit: "binary", minLength: 1, maxLength: 30 }).filter((s) => !s.includes("\0"));
    fc.assert(
      fc.property(text, text, (p, name) => {
        const script = livenessSupervisorScript([{ name, livenessProbe: { ...probe, path: `/${p}` } }]);
        assert.equal(spawnSync("sh", ["-n", "-c", script]).status, 0, `sh -n rejects the script for path /${p}`);
      }),
      { seed: 20261202, numRuns: 80 },
    );
  });

  it("runs no command from a probe path: the failure message prints it as text (bad-input class 1)", function () {
    this.timeout(10_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "supervisor-"));
    const pwned = path.join(dir, "pwned");
    // A `wget` that always fails, so the first round (t = 0) reports the probe failing at once.
    fs.writeFileSync(path.join(dir, "wget"), "#!/bin/sh\nexit 1\n", { mode: 0o755 });
    for (const p of [`/x"$(touch${"${IFS}"}${pwned})"`, `/x'$(touch ${pwned})'`, "/x\"", "/`touch " + pwned + "`"]) {
      const script = livenessSupervisorScript([{ name: "web", livenessProbe: { ...probe, path: p, failureThreshold: 1 } }]);
      const run = spawnSync("timeout", ["0.5", "sh", "-c", script], { encoding: "utf8", env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } });
      assert.ok(run.stdout.includes(`liveness probe failing at path: ${p}, port: 8080: restarting container web\n`), run.stdout + run.stderr);
      assert.equal(fs.existsSync(pwned), false, `the path ${p} ran a command`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
