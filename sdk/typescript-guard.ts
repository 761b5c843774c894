import * as path from "node:path";

/**
 * Pulumi serialises dynamic providers with TypeScript's JavaScript API, loaded by `require("typescript")`
 * from @pulumi/pulumi's folder. TypeScript 7 is the native compiler and has no such API: every dynamic
 * resource then fails with "Cannot read properties of undefined (reading 'Latest')". Say so, with the fix,
 * before the first resource is registered.
 */
export function assertSupportedTypeScript(): void {
  let version: string | undefined;
  try {
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    version = require(require.resolve("typescript/package.json", { paths: [pulumiDir] })).version;
  } catch {
    return; // no typescript next to @pulumi/pulumi: Pulumi falls back to its vendored 3.8 copy, which works
  }
  const major = Number(String(version).split(".")[0]);
  if (major >= 7) {
    throw new Error(
      `pulumi-spcs: TypeScript ${version} is installed next to @pulumi/pulumi, but TypeScript 7 has no JavaScript API, ` +
        `which Pulumi needs to serialise dynamic providers (it would fail with "Cannot read properties of undefined (reading 'Latest')").\n` +
        `  fix: npm install --save-dev typescript@5.9.3   (any 5.x or 6.x works)`,
    );
  }
}
