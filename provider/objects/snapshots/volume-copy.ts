import { SpcsError } from "../../common/errors";
import { managedLabels } from "../../common/labels";
import type { Platform } from "../../platform/platform";
import { baseImageRepo } from "../../model/platform-images";

/** A copy of a block volume takes as long as its data; a minute covers what a local test writes. */
const COPY_TIMEOUT_MS = 10 * 60_000;

/**
 * Makes `to` hold exactly what `from` holds (files, owners, modes, links): a one-off container of the
 * platform's base image with both volumes mounted, `from` read-only. Volume names reach the engine as
 * mount sources, never as shell text; the script is fixed.
 */
export async function copyVolume(platform: Platform, from: string, to: string, labels: Record<string, string>): Promise<void> {
  const image = `${baseImageRepo(platform.config)}:latest`;
  await platform.docker.pullImage(image);
  await platform.docker.createVolume(to, labels);
  const r = await platform.docker.runToCompletion({
    image,
    labels: managedLabels(platform.config.home, "volume-copy", to),
    entrypoint: [""],
    // Empty the target first (a restore replaces contents), dot-files included, then copy everything.
    cmd: ["sh", "-c", "find /to -mindepth 1 -maxdepth 1 -exec rm -rf {} + && cp -a /from/. /to/"],
    mounts: [
      { source: from, target: "/from", readOnly: true },
      { source: to, target: "/to" },
    ],
    timeoutMs: COPY_TIMEOUT_MS,
  });
  if (r.exitCode !== 0 || r.timedOut) {
    throw new SpcsError("volume-copy-failed", `Copying volume ${from} to ${to} failed${r.timedOut ? " (timed out)" : ` with exit code ${r.exitCode}`}: ${r.stderr.trim().slice(0, 500)}`, "check that the Docker engine has disk space, then run the statement again");
  }
}
