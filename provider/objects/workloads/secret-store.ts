import * as fs from "node:fs";
import * as path from "node:path";
import type { ServiceKey } from "../../catalog/service-store";
import { qualified } from "../../model/service-naming";

/** One Snowflake secret's value: GENERIC_STRING has `secretString`, PASSWORD `username` and `password`, OAUTH2 `accessToken`. */
export interface SecretValue {
  secretString?: string;
  username?: string;
  password?: string;
  accessToken?: string;
}

/** The spec's `secretKeyRef` words, mapped to SecretValue fields, and the file names SPCS writes. */
export const SECRET_KEYS = { secret_string: "secretString", username: "username", password: "password", access_token: "accessToken" } as const;

/**
 * The values of a service's secrets, standing in for Snowflake SECRET objects: one JSON file per service
 * under `<home>/secrets`, readable by its owner only. Kept out of the catalog, labels and logs; read
 * when an instance starts (create, resume, repair, a pending instance scheduled later).
 */
export function writeServiceSecrets(home: string, key: ServiceKey, secrets: Record<string, SecretValue>): void {
  const dir = path.join(home, "secrets");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = storeFile(home, key);
  fs.writeFileSync(file + ".tmp", JSON.stringify(secrets), { mode: 0o600 });
  fs.renameSync(file + ".tmp", file);
}

export function readServiceSecrets(home: string, key: ServiceKey): Record<string, SecretValue> {
  try {
    return JSON.parse(fs.readFileSync(storeFile(home, key), "utf8"));
  } catch {
    return {};
  }
}

export function removeServiceSecrets(home: string, key: ServiceKey): void {
  fs.rmSync(storeFile(home, key), { force: true });
  fs.rmSync(secretFilesDir(home, key), { recursive: true, force: true });
}

/** Where the files of directoryPath secrets are written for one container, before being mounted read-only. */
export function secretFilesDir(home: string, key: ServiceKey, instanceId?: number, container?: string, index?: number): string {
  const base = path.join(home, "secrets", "files", qualified(key).toLowerCase());
  return instanceId === undefined ? base : path.join(base, String(instanceId), container!, String(index));
}

function storeFile(home: string, key: ServiceKey): string {
  return path.join(home, "secrets", `${qualified(key).toLowerCase()}.json`);
}
