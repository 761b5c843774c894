import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { configEnv, type PlatformConfig } from "../../provider/common/config";
import { homeFilter } from "../../provider/common/labels";
import { openPlatform, type Platform } from "../../provider/platform/platform";
import { platformDown, platformUp } from "../../provider/provision/provision";

/**
 * A platform of its own for one test file: a temporary home and a registry on its own loopback port, so
 * tests never see (or delete) the user's objects and images. The Docker engine is shared; objects in it
 * are scoped by the home label. Provisioning failures fail the test: nothing here skips.
 */
export interface TestPlatform {
  config: PlatformConfig;
  platform: Platform;
  pulumiBin: string;
  dispose(): Promise<void>;
}

/**
 * `runtimeImage`: also publish the ML runtime stand-in (custom runtime environment tests); off by default
 * because pushing it costs every other test file ~5 s. `sql`: also start the SQL endpoint and fakesnow (~4.5 s), off by
 * default for the same reason.
 */
export async function startTestPlatform(label: string, opts: { runtimeImage?: boolean; dockerHost?: string; sql?: boolean; user?: string; ingressIdleTimeoutSecs?: number } = {}): Promise<TestPlatform> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `spcs-${label}-`));
  const port = 15000 + Math.floor(Math.random() * 5000);
  const config: PlatformConfig = { home, registry: `127.0.0.1:${port}`, account: "TEST_ACCOUNT", dockerHost: opts.dockerHost ?? (process.env.DOCKER_HOST || undefined), user: opts.user, ingressIdleTimeoutSecs: opts.ingressIdleTimeoutSecs };
  const status = await platformUp(config, () => undefined, { runtimeImage: opts.runtimeImage ?? false, sql: opts.sql ?? false });
  const failed = status.parts.filter((p) => !p.ok);
  if (failed.length) throw new Error(`test platform could not start: ${failed.map((p) => `${p.name}: ${p.detail}`).join("; ")}`);
  const pulumiBin = status.parts.find((p) => p.name === "pulumi")!.path!;
  const platform = openPlatform(config);
  return {
    config,
    platform,
    pulumiBin,
    async dispose() {
      await removeEngineObjects(platform);
      platform.close();
      await platformDown(config);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * What a test left in the shared engine (services it never dropped, their networks and volumes) goes with
 * its home: Docker has a limited number of address pools, and leaked networks used them all up.
 */
async function removeEngineObjects(platform: Platform): Promise<void> {
  const filter = homeFilter(platform.config.home);
  const docker = platform.docker;
  await Promise.all((await docker.listContainers(filter)).map((c) => docker.removeContainer(c.id)));
  for (const n of await docker.listNetworks(filter)) await docker.removeNetwork(n.id);
  await Promise.all((await docker.listVolumes(filter)).map((v) => docker.removeVolume(v.name)));
}

/** Environment variables that point the provider and the `spcs` CLI at a test platform. */
export function platformEnv(config: PlatformConfig): Record<string, string> {
  return configEnv(config);
}
