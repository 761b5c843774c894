// Writes schema.json from the per-resource property tables (`npm run schema`); a unit test fails
// when the committed file differs from what this produces.
const fs = require("node:fs");
const path = require("node:path");
const { packageSchema } = require("../dist/provider/schema/package-schema.js");
const version = require("../package.json").version;
fs.writeFileSync(path.join(__dirname, "..", "schema.json"), JSON.stringify(packageSchema(version), null, 2) + "\n");
