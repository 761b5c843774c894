import type Dockerode from "dockerode";
import type { ManagedObject } from "../container-runtime";
import { ignoreMissing } from "./errors";

export async function listVolumes(docker: Dockerode, labelFilters: string[]): Promise<ManagedObject[]> {
  const res = await docker.listVolumes({ filters: { label: labelFilters } });
  return (res.Volumes ?? []).map((v) => ({ id: v.Name, name: v.Name, labels: v.Labels ?? {} }));
}

export async function volumeExists(docker: Dockerode, name: string): Promise<boolean> {
  return (await ignoreMissing(docker.getVolume(name).inspect())) !== undefined;
}

/** Creating a volume that exists returns it unchanged (the engine's own behaviour for named volumes). */
export async function createVolume(docker: Dockerode, name: string, labels: Record<string, string>): Promise<void> {
  await docker.createVolume({ Name: name, Labels: labels });
}

export async function removeVolume(docker: Dockerode, name: string): Promise<void> {
  await ignoreMissing(docker.getVolume(name).remove({ force: true }));
}
