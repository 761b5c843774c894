import assert from "node:assert/strict";
import { autoName } from "../../../provider/common/identifiers";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceInitError } from "../../../provider/common/errors";
import { deterministicSuffix, importProps, initFailure, nativeProvider, parseUrn, resecret } from "../../../provider/plugin/native-provider";

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

  it("a failed create sends the object's state as a Struct the server can encode, with its secrets marked secret", async function () {
    const SIG = "4dabf18193072939515e22adb298388d";
    const failing = { dispatch: async () => Promise.reject(new ResourceInitError("DB.S.JOB", { status: "FAILED", queryWarehouse: undefined, __provider: undefined, secrets: { api: { secretString: "s3cr3t" } } }, ["exit code 7"], "Job failed")), autoName };
    const provider = nativeProvider(failing, () => undefined, (v) => v, () => ["secrets"]);
    const e: any = await provider.create("urn:pulumi:dev::shop::spcs:index:JobService::job", { name: "JOB" }).then(() => assert.fail("create succeeded"), (err) => err);
    assert.equal(e.message, "Job failed");
    assert.equal(e.id, "DB.S.JOB");
    // What grpcResponseFromError does with it: an undefined value would throw "Unexpected struct type." there.
    const encoded = Struct.fromJavaScript(e.properties).toJavaScript() as any;
    assert.deepEqual(Object.keys(encoded).sort(), ["secrets", "status"]);
    assert.equal(encoded.secrets[SIG], "1b47061264138c4ac30d75fd1eb44270");
    const plain = new Error("not an init failure");
    assert.equal(initFailure(plain, []), plain);
  });
});
