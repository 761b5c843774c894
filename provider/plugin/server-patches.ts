/**
 * Two defects of @pulumi/pulumi 3.248's Node provider server (`provider/server.js`), patched around
 * instead of edited in node_modules. Drop this file when the pinned @pulumi/pulumi fixes them (check
 * server.js: `read` must tolerate a request without properties, and `configure` must hand its args to
 * the provider):
 *
 * - `read()` calls `req.getProperties().toJavaScript()`; `pulumi import` sends no properties, so every
 *   import failed with "Cannot read properties of undefined (reading 'toJavaScript')". We give such a
 *   request an empty Struct.
 * - `configure()` answers without passing the config on, so `spcs:home` and an explicit Provider's
 *   inputs were silently ignored; and `checkConfig()` is UNIMPLEMENTED, so nothing validated them. We
 *   hand Configure's args to `onConfigure` and answer CheckConfig with `checkConfig`'s failures.
 *
 * The server registers itself with `grpc.Server.prototype.addService`; we wrap that (in the copy of
 * @grpc/grpc-js the server itself loads) and decorate the handlers before registration, so this must
 * run before `provider.main()`.
 */
import * as path from "node:path";

export interface ServerPatchHooks {
  /** Problems with a provider configuration (property = key); none means valid. */
  checkConfig(config: Record<string, unknown>): { property: string; reason: string }[];
  /** The configuration the engine settled on, before any resource operation. */
  configure(config: Record<string, unknown>): void;
}

type Callback = (err: unknown, value?: unknown) => void;
type Call = { request: any };

export function patchProviderServer(hooks: ServerPatchHooks): void {
  const from = (m: string) => require(require.resolve(m, { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] }));
  const grpc = from("@grpc/grpc-js");
  const structproto = from("google-protobuf/google/protobuf/struct_pb");
  const provproto = require("@pulumi/pulumi/proto/provider_pb");
  const rpc = require("@pulumi/pulumi/runtime/rpc");
  const plain = (s: any): Record<string, unknown> => unwrapSecrets(rpc, s ? s.toJavaScript() : {}) as Record<string, unknown>;

  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service: unknown, impl: Record<string, (call: Call, cb: Callback) => unknown>) {
    if (impl && typeof impl.read === "function" && typeof impl.configure === "function") {
      const read = impl.read.bind(impl);
      impl.read = (call, callback) => {
        if (!call.request.getProperties()) call.request.setProperties(new structproto.Struct());
        return read(call, callback);
      };
      const configure = impl.configure.bind(impl);
      impl.configure = (call, callback) => {
        try {
          hooks.configure(plain(call.request.getArgs()));
        } catch (e) {
          return callback(e);
        }
        return configure(call, callback);
      };
      impl.checkConfig = (call, callback) => {
        const resp = new provproto.CheckResponse();
        resp.setInputs(call.request.getNews());
        resp.setFailuresList(
          hooks.checkConfig(plain(call.request.getNews())).map((f) => {
            const failure = new provproto.CheckFailure();
            failure.setProperty(f.property);
            failure.setReason(f.reason);
            return failure;
          }),
        );
        callback(undefined, resp);
      };
    }
    return addService.call(this, service, impl);
  };
}

/** Secrets arrive wrapped (the server accepts secrets); the handlers expect plain values. */
export function unwrapSecrets(rpc: { isRpcSecret(v: unknown): boolean; unwrapRpcSecret(v: unknown): unknown }, v: unknown): unknown {
  if (rpc.isRpcSecret(v)) return unwrapSecrets(rpc, rpc.unwrapRpcSecret(v));
  if (Array.isArray(v)) return v.map((x) => unwrapSecrets(rpc, x));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrapSecrets(rpc, x)]));
  return v;
}
