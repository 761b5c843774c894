/**
 * `pulumi-resource-spcs`: the spcs package as a native Pulumi provider plugin, so programs in every
 * Pulumi language (Python, Go, .NET, YAML, TypeScript) use the same resources the dynamic SDK offers.
 * The engine starts it through the launcher `spcs platform up` installs beside the Pulumi CLI
 * (provider/provision/language-plugins.ts) with the engine's address as argument.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { patchProviderServer, unwrapSecrets } from "./server-patches";
import { checkConfig, configLookup } from "./plugin-config";
import { engineStatus } from "./engine-status";
import { nativeProvider } from "./native-provider";
import { autoName } from "../common/identifiers";

/** The package root (schema.json, package.json), from dist/provider/plugin. */
const PACKAGE_ROOT = path.resolve(__dirname, "../../..");

function fail(failures: { property: string; reason: string }[]): never {
  const err = new Error(failures.map((f) => f.reason).join("\n"));
  err.stack = err.message; // a user-facing configuration error, not a crash
  throw err;
}

export function serve(args: string[]): Promise<void> {
  // The same entry the dynamic shim calls, by package name (a package may require itself through its
  // `exports`): the plugin is a front end beside the dynamic one, not a layer under it.
  const spcs = require("pulumi-spcs/provider");
  patchProviderServer({
    checkConfig,
    configure(config) {
      const failures = checkConfig(config);
      if (failures.length) fail(failures);
      spcs.configure(configLookup(config));
    },
  });
  const rpc = require("@pulumi/pulumi/runtime/rpc");
  const provider = require("@pulumi/pulumi/provider");
  const version: string = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")).version;
  const schema = fs.readFileSync(path.join(PACKAGE_ROOT, "schema.json"), "utf8");
  const parsed = JSON.parse(schema);
  const secretProps = (kind: string): string[] => Object.entries<any>(parsed.resources[`spcs:index:${kind}`]?.properties ?? {}).filter(([, p]) => p.secret).map(([k]) => k);
  const impl = nativeProvider({ dispatch: spcs.dispatch, autoName }, engineStatus(args), (v) => unwrapSecrets(rpc, v), secretProps);
  return provider.main({ version, schema, ...impl }, args);
}

if (require.main === module) void serve(process.argv.slice(2));
