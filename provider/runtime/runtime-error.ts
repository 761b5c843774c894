import { SpcsError } from "../common/errors";

/**
 * Why an engine call failed, in the platform's terms. The engine's status codes and message texts are
 * translated into these inside runtime/ (docker/errors.ts); callers decide on the code, never on text.
 *  - not-found: the object (container, network, volume, image) does not exist;
 *  - conflict: a name is taken (a container or network of that name exists);
 *  - port-in-use: a host port asked for is taken by another process;
 *  - gone: the object is being removed (by another process) right now;
 *  - in-use: the object is still used by another (a network with containers on it);
 *  - unreachable: the engine does not answer (its socket is gone, the connection was refused or dropped);
 *  - engine: anything else the engine refused.
 */
export const RUNTIME_ERROR_CODES = ["not-found", "conflict", "port-in-use", "gone", "in-use", "unreachable", "engine"] as const;
export type RuntimeErrorCode = (typeof RUNTIME_ERROR_CODES)[number];

// A brand, not instanceof: a dynamic provider may load a second copy of this module (see common/errors.ts).
const BRAND = Symbol.for("pulumi-spcs.RuntimeError");

/** An engine call that failed; the message is the engine's own, unchanged. */
export class RuntimeError extends Error {
  readonly [BRAND] = true;
  constructor(
    readonly code: RuntimeErrorCode,
    message: string,
    /** Where the engine was reached, when the failure is "unreachable". */
    readonly address?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isRuntimeError(e: unknown, code?: RuntimeErrorCode): e is RuntimeError {
  return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[BRAND] === true && (code === undefined || (e as RuntimeError).code === code);
}

/**
 * The engine stopped answering: an SPCS-style error that says so and how to recover, instead of a bare
 * `connect ENOENT`. Undefined for other errors.
 */
export function engineUnreachable(e: unknown): SpcsError | undefined {
  if (!isRuntimeError(e, "unreachable")) return undefined;
  return new SpcsError(
    "engine-unreachable",
    `The Docker engine${e.address ? ` at ${e.address}` : ""} is not answering (${e.message}). What was recorded so far is kept; nothing was removed.`,
    "start the engine again (`spcs platform up` starts the local one; check DOCKER_HOST or spcs:dockerHost otherwise), then run the command again: pulumi up continues from what exists",
  );
}
