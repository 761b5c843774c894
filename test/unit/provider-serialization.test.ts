import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { shims } from "../../sdk/provider-shim";

/**
 * Pulumi stores each dynamic provider as serialised code in state. This serialises every provider the way
 * Pulumi does, and guards against what breaks deployments: captured clients or sockets, machine-specific
 * paths, non-determinism (which would show every resource as changed) and bloat.
 */
describe("provider serialization", function () {
  for (const [kind, shim] of Object.entries(shims)) {
    describe(kind, function () {
      let text: string;

      before(async function () {
        text = (await pulumi.runtime.serializeFunction(() => shim, { allowSecrets: false })).text;
      });

      it("serialises to a small closure that loads the installed provider by package name", function () {
        assert.ok(text.length < 4096, `serialised provider is ${text.length} bytes`);
        assert.match(text, /require\("pulumi-spcs\/provider"\)/);
        assert.ok(text.includes(JSON.stringify(kind)), "the kind is captured as a string");
      });

      it("captures no client, socket, native module or absolute path", function () {
        for (const forbidden of ["dockerode", "better-sqlite3", "Socket", process.cwd(), __dirname]) {
          assert.ok(!text.includes(forbidden), `serialised provider mentions ${forbidden}`);
        }
      });

      it("is identical on every serialisation, so code alone never shows a diff", async function () {
        const again = (await pulumi.runtime.serializeFunction(() => shim, { allowSecrets: false })).text;
        assert.equal(again, text);
      });

      it("round-trips: the deserialised provider dispatches to the real implementation", async function () {
        const Module = require("node:module");
        const m = new Module("", undefined);
        m.paths = Module._nodeModulePaths(process.cwd());
        m._compile(text, "");
        const provider = m.exports.handler();
        const result = await provider.check({}, { __resourceName: "x" });
        assert.ok(Array.isArray(result.failures) && result.failures.length > 0, "check of empty inputs reports failures");
      });
    });
  }
});
