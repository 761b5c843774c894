import { isSpcsError } from "../../common/errors";
import { RuntimeError, isRuntimeError, type RuntimeErrorCode } from "../runtime-error";

/** The HTTP status of an Engine API error (dockerode puts it on the error), undefined for others. */
export function statusOf(e: unknown): number | undefined {
  return (e as { statusCode?: number } | undefined)?.statusCode;
}

/** "Not found" (404) and "not modified" (304: already started, already stopped) as undefined. */
export async function ignoreMissing<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    const status = statusOf(e);
    if (status === 404 || status === 304) return undefined;
    throw e;
  }
}

/**
 * The one place where the engine's failures become the port's codes (runtime-error.ts): socket errors,
 * Engine API status codes, and the few messages whose meaning no status carries (a port taken, a removal
 * under way, a network in use). The message stays the engine's own. Errors already in the platform's
 * terms (SpcsError, RuntimeError) pass through.
 */
export function translateEngineError(e: unknown, engineAddress?: string): unknown {
  if (isSpcsError(e) || isRuntimeError(e) || typeof e !== "object" || e === null) return e;
  const err = e as { code?: string; syscall?: string; address?: string; message?: string };
  const message = String(err.message ?? e);
  const code = engineErrorCode(err.code, err.syscall, statusOf(e), message);
  return code ? new RuntimeError(code, message, code === "unreachable" ? (err.address ?? engineAddress) : undefined, { cause: e }) : e;
}

function engineErrorCode(errno: string | undefined, syscall: string | undefined, status: number | undefined, message: string): RuntimeErrorCode | undefined {
  if (errno === "ECONNRESET" || errno === "EPIPE" || ((errno === "ECONNREFUSED" || errno === "ENOENT") && syscall === "connect")) return "unreachable";
  if (status === undefined) return undefined;
  if (/port is already allocated|address already in use/i.test(message)) return "port-in-use";
  if (/already in progress|marked for removal/.test(message)) return "gone";
  if (/active endpoints/.test(message)) return "in-use";
  if (status === 404) return "not-found";
  if (status === 409) return "conflict";
  return "engine";
}

/**
 * Runs one engine call, its failure translated. `engineAddress` names the engine when the socket error does
 * not (a connection that breaks mid-call, EPIPE or ECONNRESET, carries no address; a refused connect does).
 */
export async function engineCall<T>(call: () => Promise<T>, engineAddress?: string): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw translateEngineError(e, engineAddress);
  }
}

/** The port's code for an engine failure, undefined when it is not one. */
export function codeOf(e: unknown): RuntimeErrorCode | undefined {
  const t = translateEngineError(e);
  return isRuntimeError(t) ? t.code : undefined;
}
