import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageSchema } from "../../../provider/schema/package-schema";

describe("schema.json", function () {
  it("is exactly what the resource property tables generate (run `npm run schema` after changing them)", function () {
    const root = path.resolve(__dirname, "../../../..");
    const committed = JSON.parse(fs.readFileSync(path.join(root, "schema.json"), "utf8"));
    const version = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
    assert.deepEqual(committed, packageSchema(version));
  });

  it("names every resource spcs:index:<Kind> with an alias to its dynamic-provider type", function () {
    const schema = packageSchema("0.0.0") as any;
    assert.equal(schema.name, "spcs");
    for (const [tok, r] of Object.entries<any>(schema.resources)) {
      const kind = tok.split(":")[2];
      assert.equal(tok, `spcs:index:${kind}`);
      assert.deepEqual(r.aliases, [{ type: `pulumi-nodejs:dynamic/spcs:${kind}` }]);
      for (const [name, p] of Object.entries<any>(r.properties)) assert.ok(p.description?.length > 10, `${tok}.${name} has a description`);
    }
  });
});

describe("SDK classes", function () {
  it("declare exactly the schema's outputs as typed properties", function () {
    const root = path.resolve(__dirname, "../../../..");
    const { RESOURCE_SCHEMAS } = require("../../../provider/schema/package-schema");
    const files: Record<string, string> = { ComputePool: "sdk/compute-pool.ts", ImageRepository: "sdk/image-repository.ts", Image: "sdk/image.ts", Service: "sdk/service.ts", JobService: "sdk/job-service.ts", CustomRuntimeEnvironment: "sdk/custom-runtime-environment.ts", NetworkRule: "sdk/network-rule.ts", ExternalAccessIntegration: "sdk/external-access-integration.ts", Snapshot: "sdk/snapshot.ts" };
    for (const schema of RESOURCE_SCHEMAS) {
      const src = fs.readFileSync(path.join(root, files[schema.kind]), "utf8");
      const declared = [...src.matchAll(/declare readonly (\w+):/g)].map((m) => m[1]).sort();
      assert.deepEqual(declared, schema.properties.map((p: { name: string }) => p.name).sort(), schema.kind);
    }
  });
});
