/**
 * Progress on the resource's own row: an ephemeral engine log message carrying the resource's URN, as
 * native providers report while they wait ("creating (12s) instance 1 of 2 READY"). A plugin's stdout is
 * hidden by the engine, and the dynamic provider's console.log landed on the Stack row and stayed in the
 * Diagnostics block; an ephemeral message is replaced by the next one and vanishes when the step ends.
 */
export type StatusReporter = (urn: string, message: string) => void;

/** The engine's address is the plugin's first argument that is not a flag. */
export function engineStatus(args: readonly string[]): StatusReporter {
  const engineAddr = args.find((a) => !a.startsWith("-"));
  if (!engineAddr) return () => undefined;
  const grpc = require(require.resolve("@grpc/grpc-js", { paths: [require("node:path").dirname(require.resolve("@pulumi/pulumi/package.json"))] }));
  const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
  const engproto = require("@pulumi/pulumi/proto/engine_pb");
  const engine = new engrpc.EngineClient(engineAddr, grpc.credentials.createInsecure());
  return (urn, message) => {
    const req = new engproto.LogRequest();
    req.setSeverity(engproto.LogSeverity.INFO);
    req.setMessage(message);
    req.setUrn(urn);
    req.setEphemeral(true);
    engine.log(req, () => undefined); // best effort: a lost status line must never fail the operation
  };
}
