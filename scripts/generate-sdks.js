// Writes the Python, Go and .NET SDKs (sdk/python, sdk/go, sdk/dotnet) from schema.json (`npm run sdks`,
// after `npm run schema`); test/e2e/sdk-generation.test.ts fails when the committed SDKs are stale.
//
// `pulumi package gen-sdk` asks the language host to generate (GeneratePackage), and the hosts that can
// be built here (sdk v3.68.0) predate that call. So two small Go tools run the same code generators
// directly: scripts/pulumi-cli/sdkgen (pkg/v3 v3.248.0, the CLI's own: Python and Go) and
// scripts/pulumi-cli/sdkgen-dotnet (pkg/v3 v3.95.0, the last release line with the .NET generator).
// Both bind the schema with Pulumi's schema binder first and fail on any diagnostic.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const GO_ENV = { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-modcacherw -mod=readonly", GOSUMDB: "off" };

function go() {
  for (const p of [...(process.env.PATH ?? "").split(path.delimiter), "/usr/local/go/bin"]) {
    if (p && fs.existsSync(path.join(p, "go"))) return path.join(p, "go");
  }
  throw new Error("generating SDKs needs Go 1.21 or newer on PATH");
}

/** Builds one generator tool (cached by Go's build cache: seconds after the first build). */
function buildTool(name, outDir) {
  const exe = path.join(outDir, name);
  execFileSync(go(), ["build", "-trimpath", "-o", exe, "."], { cwd: path.join(ROOT, "scripts/pulumi-cli", name), env: GO_ENV, stdio: ["ignore", "ignore", "inherit"] });
  return exe;
}

/** Generates every SDK of `schemaFile` into `<outRoot>/{python,go,dotnet}`; returns what the tools printed. */
function generateSdks(schemaFile, outRoot) {
  const tools = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-sdkgen-"));
  try {
    const opts = { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] };
    let out = execFileSync(buildTool("sdkgen", tools), [schemaFile, outRoot, "python", "go"], opts);
    out += execFileSync(buildTool("sdkgen-dotnet", tools), [schemaFile, outRoot], opts);
    return out;
  } finally {
    fs.rmSync(tools, { recursive: true, force: true });
  }
}

module.exports = { generateSdks };

if (require.main === module) process.stdout.write(generateSdks(path.join(ROOT, "schema.json"), path.join(ROOT, "sdk")));
