/**
 * Copying an image between repositories of the platform: spcs.Image's copy inside the registry (blob
 * mounts, then the manifest) against `docker pull` + `docker tag` + `docker push` of the same image by a
 * machine that does not have it, for single-layer images of several sizes, in one run on one machine.
 * Prints a table and one JSON line.
 *
 *     node dist/bench/image/image-copy-bench.js [sizes in MiB, default 8,64,256]
 */
import { performance } from "node:perf_hooks";
import { putImage } from "../../provider/objects/images/images";
import { createRepository } from "../../provider/objects/image-repositories/image-repositories";
import { importPayloadImage } from "../../test/support/payload-image";
import { startTestPlatform } from "../../test/support/test-platform";

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? "8,64,256").split(",").map(Number);
  const tp = await startTestPlatform("bench-image");
  const engineRefs: string[] = [];
  const rows: { mib: number; mountMs: number; dockerMs: number; mounted: number; uploaded: number }[] = [];
  try {
    for (const name of ["SRC", "DST"]) createRepository(tp.platform, { database: "BENCH_DB", schema: "PUBLIC", name });
    for (const mib of sizes) {
      const src = `${tp.config.registry}/bench_db/public/src/payload${mib}`;
      await importPayloadImage(tp, src, "1", mib * 1024 * 1024);
      await tp.platform.docker.pushImage(src, "1");
      await tp.platform.docker.removeImageReference(`${src}:1`); // a machine that never had it
      let t = performance.now();
      const put = await putImage(tp.platform, { database: "BENCH_DB", schema: "PUBLIC", repository: "DST", name: `mounted${mib}`, tag: "1" }, { source: `/bench_db/public/src/payload${mib}:1` });
      const mountMs = performance.now() - t;
      const dst = `${tp.config.registry}/bench_db/public/dst/docker${mib}`;
      t = performance.now();
      await tp.platform.docker.pullImage(`${src}:1`);
      await tp.platform.docker.tagImage(`${src}:1`, dst, "1");
      await tp.platform.docker.pushImage(dst, "1");
      const dockerMs = performance.now() - t;
      engineRefs.push(`${src}:1`, `${dst}:1`);
      rows.push({ mib, mountMs: Math.round(mountMs), dockerMs: Math.round(dockerMs), mounted: put.mounted, uploaded: put.uploaded });
    }
    console.log("MiB    blob-mount copy   docker pull+tag+push   ratio");
    for (const r of rows) console.log(`${String(r.mib).padEnd(6)}${String(r.mountMs).padStart(12)} ms${String(r.dockerMs).padStart(20)} ms${(r.dockerMs / Math.max(r.mountMs, 1)).toFixed(1).padStart(8)}x`);
    console.log(JSON.stringify({ bench: "image-copy", rows }));
  } finally {
    for (const ref of engineRefs) await tp.platform.docker.removeImageReference(ref);
    await tp.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
