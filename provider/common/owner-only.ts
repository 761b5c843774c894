import * as fs from "node:fs";

/**
 * Makes `dir` (and any missing parent) a directory only its owner can enter: 0700, also when it already
 * existed with a wider mode (mkdir's mode applies only to what it creates, and only under the umask).
 * For the parts of the platform home that hold secrets or logs.
 */
export function ownerOnlyDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  return dir;
}

/** Creates `file` empty with mode 0600 if it is missing, and narrows it to 0600 if it exists. */
export function ownerOnlyFile(file: string): string {
  fs.closeSync(fs.openSync(file, "a", 0o600));
  fs.chmodSync(file, 0o600);
  return file;
}
