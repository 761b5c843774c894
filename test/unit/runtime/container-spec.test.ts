import assert from "node:assert/strict";
import { createBody } from "../../../provider/runtime/docker/containers";

describe("runtime: a ContainerSpec as Docker's create body", function () {
  it("joins the instance's network and processes, mounts read-only where asked, and gives cpu in nano", function () {
    const body = createBody({
      name: "c", image: "i", labels: { a: "b" }, env: { A: "1", B: "x=y" },
      joinNetworkOf: "netns-id", sharePidsWith: "netns-id", traceProcesses: true,
      mounts: [{ source: "/home/tok", target: "/snowflake/session", readOnly: true }, { source: "vol-1", target: "/data" }],
      cpuMilli: 500, memoryBytes: 1024, restart: "always",
    });
    assert.deepEqual(body.Env, ["A=1", "B=x=y"]);
    assert.equal(body.HostConfig!.NetworkMode, "container:netns-id");
    assert.equal(body.HostConfig!.PidMode, "container:netns-id");
    assert.deepEqual(body.HostConfig!.CapAdd, ["SYS_PTRACE"]);
    assert.deepEqual(body.HostConfig!.Binds, ["/home/tok:/snowflake/session:ro", "vol-1:/data"]);
    assert.equal(body.HostConfig!.NanoCpus, 500_000_000);
    assert.deepEqual(body.HostConfig!.RestartPolicy, { Name: "always" });
  });

  it("puts a container of its own on a network under its aliases, publishes on loopback only, and never restarts a job's", function () {
    const body = createBody({ name: "c", image: "i", labels: {}, network: { name: "net", aliases: ["svc"] }, publish: [8080, 9090], hostPorts: { 8080: 31000 }, restart: "never" });
    assert.equal(body.HostConfig!.NetworkMode, "net");
    assert.deepEqual(body.NetworkingConfig, { EndpointsConfig: { net: { Aliases: ["svc"] } } });
    assert.deepEqual(body.HostConfig!.PortBindings, { "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: "31000" }], "9090/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] });
    assert.deepEqual(body.HostConfig!.RestartPolicy, { Name: "no" });
    assert.equal(body.HostConfig!.PidMode, undefined);
    assert.equal(body.HostConfig!.CapAdd, undefined);
  });
});
