import type Dockerode from "dockerode";
import { SpcsError } from "../../common/errors";
import type { ImageInfo } from "../container-runtime";
import { ignoreMissing } from "./errors";

export async function imageExists(docker: Dockerode, ref: string): Promise<boolean> {
  return (await ignoreMissing(docker.getImage(ref).inspect())) !== undefined;
}

export async function inspectImage(docker: Dockerode, ref: string): Promise<ImageInfo | undefined> {
  const i = await ignoreMissing(docker.getImage(ref).inspect());
  if (!i) return undefined;
  return {
    id: i.Id,
    entrypoint: toList(i.Config?.Entrypoint),
    cmd: toList(i.Config?.Cmd),
    env: i.Config?.Env ?? [],
    workingDir: i.Config?.WorkingDir ?? "",
    labels: i.Config?.Labels ?? {},
    repoDigests: i.RepoDigests ?? [],
    repoTags: i.RepoTags ?? [],
  };
}

export async function removeImageReference(docker: Dockerode, ref: string): Promise<void> {
  await ignoreMissing(docker.getImage(ref).remove({ noprune: true }));
}

export async function importImage(docker: Dockerode, tar: NodeJS.ReadableStream, repo: string, tag: string, changes: string[]): Promise<void> {
  const stream = (await docker.importImage(tar, { repo, tag, changes } as any)) as unknown as NodeJS.ReadableStream;
  await followProgress(docker, stream);
}

export async function tagImage(docker: Dockerode, source: string, repo: string, tag: string): Promise<void> {
  await docker.getImage(source).tag({ repo, tag });
}

export async function pushImage(docker: Dockerode, repo: string, tag: string): Promise<void> {
  await followProgress(docker, await docker.getImage(`${repo}:${tag}`).push({ tag }));
}

export async function pullImage(docker: Dockerode, ref: string): Promise<void> {
  if (await imageExists(docker, ref)) return;
  await followProgress(docker, await docker.pull(ref));
}

/** Waits for a progress stream (pull, push, import) to end, failing on an in-band `{"error": ...}`. */
function followProgress(docker: Dockerode, stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, events: any[]) => {
      if (err) return reject(err);
      const failed = events.find((e) => e && e.error);
      if (failed) return reject(new SpcsError("docker-error", String(failed.error)));
      resolve();
    });
  });
}

function toList(v: string | string[] | null | undefined): string[] | null {
  if (v === null || v === undefined) return null;
  return Array.isArray(v) ? v : [v];
}
