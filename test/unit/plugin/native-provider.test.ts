import assert from "node:assert/strict";
import { autoName } from "../../../provider/common/identifiers";
import { deterministicSuffix, importProps, nativeProvider, parseUrn, resecret } from "../../../provider/plugin/native-provider";

const URN = "urn:pulumi:dev::shop::spcs:index:ComputePool::pool";

describe("native provider adapter", function () {
  it("reads the kind, stack, project and name from a URN, also for a child resource", function () {
    assert.deepEqual(parseUrn(URN), { stack: "dev", project: "shop", kind: "ComputePool", name: "pool" });
    assert.equal(parseUrn("urn:pulumi:dev::shop::my:Component$spcs:index:Service::web").kind, "Service");
  });

  it("auto-names an unnamed object the same way on every check (preview and up agree), differently per stack", async function () {
    const seen: any[] = [];
    const provider = nativeProvider({ dispatch: async (_k, _m, args) => (seen.push(args[1]), { inputs: args[1] }), autoName }, () => undefined, (v) => v);
    const a = await provider.check(URN, {}, { instanceFamily: "CPU_X64_XS" });
    const b = await provider.check(URN, {}, { instanceFamily: "CPU_X64_XS" });
    assert.equal(a.inputs.name, b.inputs.name);
    assert.match(a.inputs.name, /^POOL_[0-9A-F]{7}$/);
    assert.notEqual(deterministicSuffix(URN), deterministicSuffix(URN.replace("dev", "prod")));
    assert.equal(seen[0].__creator, "shop/dev/pool");
    // A name already chosen (state of an older run, or the user's) is kept.
    const c = await provider.check(URN, { name: "POOL_1234567" }, { instanceFamily: "CPU_X64_XS" });
    assert.equal(c.inputs.name, undefined);
  });

  it("an import reads a schema object by DATABASE.SCHEMA.NAME and says how to write the id when it is not", function () {
    assert.deepEqual(importProps("Service", "DB.S.WEB", "web"), { __resourceName: "web", database: "DB", schema: "S", name: "WEB" });
    assert.deepEqual(importProps("ComputePool", "POOL", "p"), { __resourceName: "p" });
    assert.throws(() => importProps("Service", "WEB", "web"), /id of a Service is DATABASE.SCHEMA.NAME; fix: pulumi import spcs:index:Service web DB.SCHEMA.NAME/);
  });

  it("marks secret again what the handlers return in plain text: schema-secret properties and whatever arrived secret", function () {
    const SIG = "4dabf18193072939515e22adb298388d";
    const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
    const news = { spec: "x", using: { token: secret("t0k3n") } };
    const out = resecret({ spec: "x", using: { token: "t0k3n" }, secrets: { api: { secretString: "s" } }, comment: null }, ["secrets"], news)!;
    assert.deepEqual(out.using, secret({ token: "t0k3n" }));
    assert.deepEqual(out.secrets, secret({ api: { secretString: "s" } }));
    assert.equal(out.spec, "x");
    assert.equal(out.comment, null);
    assert.deepEqual(resecret({ secrets: secret(1) }, ["secrets"]), { secrets: secret(1) }, "never wrapped twice");
  });
});
