import assert from "node:assert/strict";
import { runtimeSpecOf } from "../../../provider/model/from-spec";
import { analyzeSpec } from "../../../provider/spec";
import { listFixtures } from "../spec/fixtures";

/**
 * The runtime form keeps the specification's text (`specText`) for DESCRIBE and `pulumi import`: read
 * back, it must give the digest the service was stored with, or an imported service would show a change.
 */
describe("runtimeSpecOf: the kept specification text", function () {
  it("analyses back to the same specDigest for every valid spec of the corpus, templates rendered", function () {
    const valid = listFixtures("valid");
    assert.ok(valid.length >= 40);
    for (const f of valid) {
      const r = analyzeSpec(f.text, f.options);
      const text = runtimeSpecOf(r.spec!).specText!;
      const again = analyzeSpec(text, { kind: f.options.kind });
      assert.equal(again.ok, true, `${f.name}: ${JSON.stringify(again.diagnostics)}`);
      assert.equal(again.specDigest, r.specDigest, `${f.name}: the kept text means something else\n${text}`);
    }
  });

  it("keeps what the runtime form drops: a secret's case, serviceRoles, capabilities", function () {
    const source = [
      "spec:",
      "  containers:",
      "  - name: main",
      "    image: /db/schema/repo/app:1",
      "    secrets:",
      "    - snowflakeSecret: greeting_key",
      "      secretKeyRef: secret_string",
      "      envVarName: GREETING",
      "  endpoints:",
      "  - {name: web, port: 8080}",
      "capabilities:",
      "  securityContext: {executeAsCaller: true}",
      "serviceRoles:",
      "- {name: viewer, endpoints: [web]}",
    ].join("\n");
    const r = analyzeSpec(source);
    const runtime = runtimeSpecOf(r.spec!);
    assert.equal(runtime.containers[0].secrets![0].objectName, "GREETING_KEY");
    const again = analyzeSpec(runtime.specText!);
    assert.equal(again.specDigest, r.specDigest);
    assert.match(runtime.specText!, /objectName: greeting_key/);
    assert.match(runtime.specText!, /executeAsCaller: true/);
    assert.match(runtime.specText!, /name: viewer/);
  });
});
