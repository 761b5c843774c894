// Links node_modules/pulumi-spcs to this checkout, so the examples (and the provider process Pulumi
// starts in their folders) resolve `pulumi-spcs` to the code being developed, as an installed package would.
const fs = require("node:fs");
const path = require("node:path");
const link = path.join(__dirname, "..", "node_modules", "pulumi-spcs");
try {
  if (fs.readlinkSync(link) === "..") process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  /* no link yet */
}
fs.mkdirSync(path.dirname(link), { recursive: true });
fs.symlinkSync("..", link, "dir");
