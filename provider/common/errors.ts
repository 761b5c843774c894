/**
 * Errors raised by the local SPCS platform.
 *
 * Every error carries a stable `code` and, where one exists, a `hint` that says how to fix it. Errors are
 * recognised by a `Symbol.for` brand rather than `instanceof`, because a dynamic provider may load a second
 * copy of this module (old code kept in Pulumi state next to new code installed from npm).
 */
import type { SpcsErrorCode } from "./error-codes";
import { withFix } from "./fix";

const BRAND = Symbol.for("pulumi-spcs.SpcsError");

export class SpcsError extends Error {
  readonly [BRAND] = true;
  constructor(
    readonly code: SpcsErrorCode,
    /** What went wrong, without the fix: for surfaces that print the fix their own way (check failures). */
    readonly reason: string,
    /** How to fix it, written as `fix.ts` says: an imperative phrase without a final period. */
    readonly hint?: string,
  ) {
    super(withFix(reason, hint, "error"));
    this.name = "SpcsError";
  }
}

export function isSpcsError(e: unknown): e is SpcsError {
  return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}

/** SPCS's own wording for a missing object, e.g. `Compute pool 'P1' does not exist or not authorized.` */
export function doesNotExist(kind: string, name: string, hint?: string): SpcsError {
  return new SpcsError("does-not-exist", `${kind} '${name}' does not exist or not authorized.`, hint);
}

/** SPCS's own wording for a duplicate name: `Object 'P1' already exists.` */
export function alreadyExists(name: string, hint?: string): SpcsError {
  return new SpcsError("already-exists", `Object '${name}' already exists.`, hint);
}

/**
 * The object exists but did not become healthy (a timeout, a crash loop). Thrown from create or update,
 * the dynamic-provider host turns it into ErrorResourceInitFailed, so Pulumi records the resource with
 * these properties instead of forgetting it: the next `pulumi up` continues from there, nothing leaks.
 */
export class ResourceInitError extends Error {
  constructor(
    readonly id: string,
    public properties: Record<string, unknown>,
    readonly reasons: string[],
    message: string,
  ) {
    super(message);
    this.name = "ResourceInitError";
  }
}
