/**
 * The `spcs` package's native provider: each `spcs:index:<Kind>` operation goes to the same
 * `dispatch(kind, method, args)` the dynamic SDK's shim calls, so both front ends run one implementation.
 * This file only adapts the protocols: the URN gives the kind and the hidden inputs the TypeScript SDK
 * classes add, secrets are unwrapped, a read that finds nothing answers "gone", an import (a read with no
 * properties) reads by id, and names left unset are derived from the URN so preview and up agree.
 */
import { createHash } from "node:crypto";
import type { StatusReporter } from "./engine-status";

/** The slice of provider/index.ts the plugin uses (passed in, so this file imports no provider module). */
export interface Dispatcher {
  dispatch(kind: string, method: string, args: unknown[], progress?: (line: string) => void): Promise<any>;
  autoName(resourceName: string, suffix: string): string;
}

/** Kinds whose object name is an input (`name`) and so auto-named when unset. */
const NAMED = new Set(["ComputePool", "ImageRepository", "Service", "JobService", "CustomRuntimeEnvironment"]);
/** Kinds whose id is `DB.SCHEMA.NAME`; an import passes those three to read. */
const SCHEMA_OBJECTS = new Set(["ImageRepository", "Service", "JobService"]);

export interface ParsedUrn {
  stack: string;
  project: string;
  kind: string;
  name: string;
}

/** `urn:pulumi:<stack>::<project>::<parent types$>spcs:index:<Kind>::<name>` */
export function parseUrn(urn: string): ParsedUrn {
  const [stack, project, type, ...rest] = urn.replace(/^urn:pulumi:/, "").split("::");
  return { stack, project, kind: type.split("$").pop()!.replace(/^spcs:index:/, ""), name: rest.join("::") };
}

/**
 * The name an unnamed object gets: the resource name plus 7 hex of a hash of its URN, so `preview` shows the
 * name `up` creates and every stack, project and resource gets its own (a random suffix differed per call).
 */
export function deterministicSuffix(urn: string): string {
  return createHash("sha256").update(urn).digest("hex").slice(0, 7);
}

/** Drops undefined values: outputs cross gRPC as protobuf Structs, which reject them. */
const struct = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

/** Pulumi's wire form of a secret (`@pulumi/pulumi/runtime/rpc`'s specialSigKey and specialSecretSig). */
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const isSecret = (v: any) => v !== null && typeof v === "object" && v[SIG] === SECRET;
const containsSecret = (v: any): boolean => isSecret(v) || (v !== null && typeof v === "object" && Object.values(v).some(containsSecret));

/**
 * Marks secret again what the handlers return in plain text: every property the schema declares secret,
 * and every property that arrived holding a secret. The server tells the engine this provider accepts
 * secrets, and the engine then trusts what it returns as it is: without this, a Service's `secrets`
 * would be stored in plain text in the checked inputs.
 */
export function resecret(result: Record<string, any> | undefined, secretProps: readonly string[], ...sources: any[]): Record<string, any> | undefined {
  if (!result) return result;
  const out: Record<string, any> = { ...result };
  for (const k of Object.keys(out)) {
    const secret = secretProps.includes(k) || sources.some((src) => src && containsSecret(src[k]));
    if (secret && out[k] !== undefined && out[k] !== null && !isSecret(out[k])) out[k] = { [SIG]: SECRET, value: out[k] };
  }
  return out;
}

export function nativeProvider(spcs: Dispatcher, status: StatusReporter, unwrap: (v: unknown) => any, secretProps: (kind: string) => readonly string[] = () => []) {
  const secrets = (urn: string) => secretProps(parseUrn(urn).kind);
  const call = (urn: string, method: string, args: unknown[]) => {
    const { kind } = parseUrn(urn);
    // "Service DB.S.NAME: 1 of 2 instances READY" -> the row already names the resource.
    return spcs.dispatch(kind, method, args, (line) => status(urn, line.replace(/^(Service|Job) \S+: /, "")));
  };
  return {
    async check(urn: string, olds: any, news: any) {
      const { project, stack, kind, name } = parseUrn(urn);
      const o = unwrap(olds);
      const n = { ...unwrap(news), __resourceName: name, __creator: `${project}/${stack}/${name}` };
      if (NAMED.has(kind) && n.name === undefined && o.name === undefined) n.name = spcs.autoName(name, deterministicSuffix(urn));
      const r = struct(await call(urn, "check", [o, n]));
      return { ...r, inputs: resecret(r.inputs, secrets(urn), news) };
    },
    async diff(id: string, urn: string, olds: any, news: any) {
      return struct(await call(urn, "diff", [id, unwrap(olds), unwrap(news)]));
    },
    async create(urn: string, inputs: any) {
      const r = struct(await call(urn, "create", [unwrap(inputs)]).catch((e) => Promise.reject(initFailure(e, secrets(urn), inputs))));
      return { ...r, outs: resecret(r.outs, secrets(urn), inputs) };
    },
    async read(id: string, urn: string, props: any) {
      const { kind, name } = parseUrn(urn);
      let p = unwrap(props ?? {});
      const importing = Object.keys(p).length === 0;
      if (importing) p = importProps(kind, id, name);
      const r = await call(urn, "read", [id, p]);
      if (r?.props) {
        const out = struct({ id: r.id ?? id, props: r.props, inputs: r.inputs });
        return { ...out, props: resecret(out.props, secrets(urn), props), inputs: resecret(out.inputs, secrets(urn), props) };
      }
      // Refresh: the object is gone, which the engine records. Import: nothing to import, say what to check.
      if (importing) throw userError(`${kind} ${id} does not exist on this platform; fix: check the id (the object's name${SCHEMA_OBJECTS.has(kind) ? ", DATABASE.SCHEMA.NAME" : ""}) and the provider's spcs:home`);
      return { id: "", props: {} };
    },
    async update(id: string, urn: string, olds: any, news: any) {
      const r = struct(await call(urn, "update", [id, unwrap(olds), unwrap(news)]).catch((e) => Promise.reject(initFailure(e, secrets(urn), news, olds))));
      return { ...r, outs: resecret(r.outs, secrets(urn), news, olds) };
    },
    async delete(id: string, urn: string, props: any) {
      await call(urn, "delete", [id, unwrap(props)]);
    },
  };
}

/**
 * A create or update that made the object but failed to bring it up (a job that FAILED, a service that
 * never became READY) throws the object's properties with its id, and the server sends them to the
 * engine as the resource's state (ErrorResourceInitFailed). They cross gRPC as a Struct, which rejects
 * undefined values: the server would throw while answering and never answer, and `pulumi up` would
 * wait forever. And they are state: secrets are marked secret again, as in a successful result.
 */
export function initFailure(e: unknown, secretProps: readonly string[], ...sources: any[]): unknown {
  if (e === null || typeof e !== "object" || !("id" in e) || !("properties" in e)) return e;
  const failure = e as { properties?: Record<string, unknown> };
  const { __provider: _dynamicOnly, ...props } = failure.properties ?? {};
  failure.properties = resecret(struct(props), secretProps, ...sources);
  return e;
}

function userError(message: string): Error {
  const err = new Error(message);
  err.stack = message; // an expected, user-facing error: no stack trace
  return err;
}

/** What `pulumi import spcs:index:<Kind> NAME ID` gives read: the object's identity, from the id alone. */
export function importProps(kind: string, id: string, resourceName: string): Record<string, string> {
  const hidden = { __resourceName: resourceName };
  if (!SCHEMA_OBJECTS.has(kind)) return hidden;
  const [database, schema, name] = id.split(".");
  if (!database || !schema || !name) throw userError(`${kind}: cannot import '${id}': the id of a ${kind} is DATABASE.SCHEMA.NAME; fix: pulumi import spcs:index:${kind} ${resourceName} DB.SCHEMA.NAME`);
  return { ...hidden, database, schema, name };
}
