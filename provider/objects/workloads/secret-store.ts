import * as fs from "node:fs";
import * as path from "node:path";
import { SpcsError } from "../../common/errors";
import { ownerOnlyDir } from "../../common/owner-only";
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
  ownerOnlyDir(path.join(home, "secrets"));
  const file = storeFile(home, key);
  fs.rmSync(file + ".tmp", { force: true }); // a left-over tmp file would keep its old mode
  fs.writeFileSync(file + ".tmp", JSON.stringify(secrets), { mode: 0o600 });
  fs.renameSync(file + ".tmp", file);
}

/**
 * The stored values, for an instance that is starting. Fails closed: a missing, unreadable or corrupt
 * store fails the instance with a message saying so, never starts containers with empty secrets. The
 * message names the file and the cause, never the content.
 */
export function readServiceSecrets(home: string, key: ServiceKey): Record<string, SecretValue> {
  const file = storeFile(home, key);
  const fix = "run pulumi up again (or ALTER SERVICE with the secrets), which writes the values again";
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new SpcsError("secrets-unreadable", `Service ${qualified(key)}: the values of its secrets cannot be read from ${file} (${(e as NodeJS.ErrnoException).code ?? "error"}).`, fix);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, SecretValue>;
  } catch {
    // JSON.parse quotes the text it fails on: never let it into a message.
  }
  throw new SpcsError("secrets-unreadable", `Service ${qualified(key)}: the secrets file ${file} is not a JSON object of secret values.`, fix);
}

/** The stored values, or undefined when there are none to compare with (never written, or unreadable). */
export function storedServiceSecrets(home: string, key: ServiceKey): Record<string, SecretValue> | undefined {
  try {
    return readServiceSecrets(home, key);
  } catch {
    return undefined;
  }
}

export function removeServiceSecrets(home: string, key: ServiceKey): void {
  fs.rmSync(storeFile(home, key), { force: true });
  fs.rmSync(storeFile(home, key) + ".tmp", { force: true });
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
