// Writes docs/resources/*.md from the per-resource property tables and the examples in
// docs/resources/examples (`npm run docs`, also run by `npm run schema`); a unit test fails when the
// committed pages differ from what this produces.
const fs = require("node:fs");
const path = require("node:path");
const { resourceDocs } = require("../dist/provider/schema/resource-docs.js");
const dir = path.join(__dirname, "..", "docs", "resources");
const files = resourceDocs((kebabKind) => fs.readFileSync(path.join(dir, "examples", `${kebabKind}.ts`), "utf8"));
for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);

// The SDK's Args documentation, from the same tables.
const { RESOURCE_SCHEMAS } = require("../dist/provider/schema/package-schema.js");
const { withArgsDocs } = require("../dist/provider/schema/sdk-docs.js");
const kebab = (s) => s.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
for (const schema of RESOURCE_SCHEMAS) {
  const file = path.join(__dirname, "..", "sdk", `${kebab(schema.kind)}.ts`);
  fs.writeFileSync(file, withArgsDocs(fs.readFileSync(file, "utf8"), schema));
}
