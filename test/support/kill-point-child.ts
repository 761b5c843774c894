/**
 * One statement run in a process of its own, for the kill-point tests: the parent arms SPCS_KILL_AT, and
 * this process dies by SIGKILL at that point (provider/common/fault-points.ts), as a crash or a kill of
 * `pulumi up` would leave it. argv[2]: {"config", "op": "create" | "suspend" | "drop" | "upgrade", "def"}.
 */
import { openPlatform } from "../../provider/platform/platform";
import { alterService, createService, dropService, suspendService, type ServiceDefinition } from "../../provider/statements/services";

async function main(): Promise<void> {
  const { config, op, def } = JSON.parse(process.argv[2]) as { config: never; op: string; def: ServiceDefinition };
  const platform = openPlatform(config);
  if (op === "create") await createService(platform, def);
  else if (op === "suspend") await suspendService(platform, def.key);
  else if (op === "drop") await dropService(platform, def.key);
  else if (op === "upgrade") await alterService(platform, def.key, { spec: { spec: def.spec, specDigest: def.specDigest }, readyTimeoutSeconds: 60 });
  else throw new Error(`unknown op ${op}`);
  platform.close();
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  },
);
