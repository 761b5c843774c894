import assert from "node:assert/strict";
import { managedLabels } from "../../provider/common/labels";
import { baseImageRepo } from "../../provider/model/platform-images";
import { platformNetworks } from "../../provider/objects/workloads/platform-networks";
import { describeService } from "../../provider/statements/services";
import { PulumiProgram } from "../support/pulumi-program";
import { startTestPlatform, type TestPlatform } from "../support/test-platform";

const TIMED_OUT = "nc: timed out";

/**
 * Egress by rule through the real `pulumi` CLI: a NetworkRule, an ExternalAccessIntegration naming it and
 * a Service naming that. "Outside" is two busybox httpd containers the test starts on the platform's
 * egress network as outside-a.example.test and outside-b.example.test: no traffic leaves this machine.
 */
describe("e2e: egress by network rule", function () {
  let tp: TestPlatform;
  let program: PulumiProgram;
  const outside: string[] = [];

  before(async function () {
    tp = await startTestPlatform("e2e-egress");
    const { egress } = await platformNetworks(tp.platform);
    for (const h of ["a", "b"]) {
      const id = await tp.platform.docker.createContainer({
        name: `spcs-e2e-outside-${h}-${Date.now()}`, image: `${baseImageRepo(tp.config)}:latest`, labels: managedLabels(tp.config.home, "service-container", `e2e-outside-${h}`),
        cmd: ["sh", "-c", `mkdir -p /www && echo hello-from-${h} > /www/hello.txt && exec httpd -f -p 8080 -h /www`],
        network: { name: egress, aliases: [`outside-${h}.example.test`] },
      });
      outside.push(id);
      await tp.platform.docker.startContainer(id);
    }
    program = PulumiProgram.create("test/fixtures/programs/egress", tp);
  });
  after(async function () {
    // The outside hosts first: on the egress network they would keep it from going with the last service.
    for (const id of outside) await tp?.platform.docker.removeContainer(id);
    program?.run(["destroy", "--yes"]);
    program?.dispose();
    await tp?.dispose();
  });

  const seen = async () => {
    const url = program.outputs().url;
    return [(await (await fetch(`${url}/a.txt`)).text()).trim(), (await (await fetch(`${url}/b.txt`)).text()).trim()];
  };
  const until = async (want: string[]) => {
    let got = await seen();
    for (let i = 0; i < 30 && JSON.stringify(got) !== JSON.stringify(want); i++) {
      await new Promise((r) => setTimeout(r, 500));
      got = await seen();
    }
    return got;
  };

  it("up: the service reaches the rule's host:port and nothing else", async function () {
    program.must(["config", "set", "allowed", "outside-a.example.test:8080"]);
    program.must(["up", "--yes"]);
    assert.equal(program.outputs().entries, 1);
    assert.deepEqual(await until(["hello-from-a", TIMED_OUT]), ["hello-from-a", TIMED_OUT]);
  });

  it("a changed valueList updates the rule in place and the running service follows, without a restart", async function () {
    program.must(["config", "set", "allowed", "outside-b.example.test:8080"]);
    const up = program.must(["up", "--yes"]);
    assert.match(up.stdout, /~ .*update/, up.stdout);
    assert.doesNotMatch(up.stdout, /replace/, "nothing is replaced");
    assert.deepEqual(await until([TIMED_OUT, "hello-from-b"]), [TIMED_OUT, "hello-from-b"]);
    const d = await describeService(tp.platform, { database: "EGRESS_DB", schema: "PUBLIC", name: "PROBER" });
    assert.deepEqual(d!.containers.map((c) => c.restartCount), [0]);
  });
});
