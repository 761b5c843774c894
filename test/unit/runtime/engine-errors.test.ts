import assert from "node:assert/strict";
import { SpcsError } from "../../../provider/common/errors";
import { translateEngineError } from "../../../provider/runtime/docker/errors";
import { engineAddress } from "../../../provider/runtime/docker/options";
import { engineUnreachable, isRuntimeError, type RuntimeErrorCode } from "../../../provider/runtime/runtime-error";

/** An error shaped as dockerode throws them: the Engine API's status and JSON message. */
const apiError = (statusCode: number, message: string) => Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode });
const socketError = (code: string, syscall: string, address?: string) => Object.assign(new Error(`${syscall} ${code} ${address ?? ""}`.trim()), { code, syscall, address });

describe("runtime: engine errors in the port's codes", function () {
  const cases: [string, unknown, RuntimeErrorCode][] = [
    ["no such container", apiError(404, "no such container - No such container: x"), "not-found"],
    ["network removed meanwhile", apiError(404, "network abc not found"), "not-found"],
    ["container name in use", apiError(409, 'Conflict. The container name "/x" is already in use'), "conflict"],
    ["host port taken (Docker's allocator)", apiError(500, "driver failed programming external connectivity on endpoint x: Bind for 127.0.0.1:8080 failed: port is already allocated"), "port-in-use"],
    ["host port taken (the kernel)", apiError(500, "listen tcp4 127.0.0.1:8080: bind: address already in use"), "port-in-use"],
    ["removal under way", apiError(409, "removal of container x is already in progress"), "gone"],
    ["marked for removal", apiError(500, "container is marked for removal and cannot be started"), "gone"],
    ["network still used", apiError(403, "error while removing network: network n id abc has active endpoints"), "in-use"],
    ["anything else", apiError(500, "server error"), "engine"],
    ["socket gone", socketError("ENOENT", "connect", "/var/run/docker.sock"), "unreachable"],
    ["connection refused", socketError("ECONNREFUSED", "connect", "127.0.0.1:2375"), "unreachable"],
    ["connection dropped", socketError("ECONNRESET", "read"), "unreachable"],
  ];

  it("maps status codes and engine texts to one code each, keeping the engine's message", function () {
    for (const [what, raw, code] of cases) {
      const e = translateEngineError(raw);
      assert.ok(isRuntimeError(e, code), `${what}: expected ${code}, got ${isRuntimeError(e) ? e.code : String(e)}`);
      assert.equal(e.message, (raw as Error).message, what);
      assert.equal(e.cause, raw, what);
    }
  });

  it("leaves the platform's own errors and errors that are not the engine's as they are", function () {
    const spcs = new SpcsError("docker-conflict", "a container named x already exists");
    assert.equal(translateEngineError(spcs), spcs);
    const plain = new Error("boom");
    assert.equal(translateEngineError(plain), plain);
    const spawn = socketError("ENOENT", "spawn docker");
    assert.equal(translateEngineError(spawn), spawn, "a missing program is not a missing engine");
  });

  it("turns an unreachable engine into the SPCS error that says how to recover, and nothing else", function () {
    const e = engineUnreachable(translateEngineError(socketError("ECONNREFUSED", "connect", "127.0.0.1:2375")));
    assert.equal(e?.code, "engine-unreachable");
    assert.match(e!.message, /^The Docker engine at 127\.0\.0\.1:2375 is not answering \(connect ECONNREFUSED 127\.0\.0\.1:2375\)\. What was recorded so far is kept; nothing was removed\.\n {2}fix: start the engine again/);
    // A connection that breaks mid-call carries no address: the engine's own address names it.
    const broken = engineUnreachable(translateEngineError(socketError("EPIPE", "write"), "/var/run/docker.sock"));
    assert.match(broken!.message, /^The Docker engine at \/var\/run\/docker\.sock is not answering \(write EPIPE\)/);
    assert.equal(engineAddress(undefined), "/var/run/docker.sock");
    assert.equal(engineAddress("unix:///run/user/1000/docker.sock"), "/run/user/1000/docker.sock");
    assert.equal(engineAddress("tcp://10.0.0.5:2376"), "10.0.0.5:2376");
    assert.equal(engineUnreachable(translateEngineError(apiError(404, "no such container"))), undefined);
    assert.equal(engineUnreachable(new Error("boom")), undefined);
  });
});
