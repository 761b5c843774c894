import assert from "node:assert/strict";
import { itExitsWithUsageError, runWithoutPlatform } from "./usage-harness";

const run = runWithoutPlatform;

describe("cli service verbs: usage errors and help", function () {
  const usageErrors: [string[], RegExp][] = [
    [["show", "services", "in", "pool", "p"], /unexpected words 'in pool p'\nusage: spcs show services/],
    [["show", "services", "in", "compute-pool"], /unexpected words 'in compute-pool'/],
    [["show", "services", "in", "compute-pool", "p", "--in-database", "db"], /give one IN scope, not database and compute-pool/],
    [["show", "services", "--in-schema", "public"], /expected a schema as DB.SCHEMA, got 'public'/],
    [["show", "services", "--bogus"], /unknown option '--bogus'/],
    [["describe", "service"], /missing required argument 'db.schema.name'/],
    [["describe", "service", "echo_service"], /expected a service as DB.SCHEMA.NAME, got 'echo_service'/],
    [["show", "service"], /Usage: spcs show service/],
    [["show", "service", "volumes", "in", "service", "d.s.n"], /unknown command 'volumes'/],
    [["show", "service", "instances"], /which service\?\nusage: spcs show service instances in service DB.SCHEMA.NAME/],
    [["show", "service", "containers", "in", "service", "d.n"], /expected a service as DB.SCHEMA.NAME, got 'd.n'/],
    [["show", "service", "containers", "in", "service", "d.s.n", "--in", "d.s.n"], /not both/],
    [["show", "endpoints", "of", "service", "d.s.n"], /unexpected words 'of service d.s.n'/],
    [["alter", "service", "d.s.n"], /missing required argument 'action'/],
    [["alter", "service", "d.s.n", "restart"], /'restart' is invalid for argument 'action'. Use suspend or resume or restore-volume./],
    [["alter", "service", "n", "suspend"], /expected a service as DB.SCHEMA.NAME, got 'n'/],
    [["drop", "service", "s.n"], /expected a service as DB.SCHEMA.NAME, got 's.n'/],
    [["drop", "service", "d.s.n", "--cascade"], /unknown option '--cascade'/],
    [["alter", "service", "d.s.n", "restore-volume", "--volume", "data"], /restore-volume needs --volume, --instances and --from-snapshot/],
    [["alter", "service", "d.s.n", "restore-volume", "--instances", "0,x"], /An instance id is a whole number from 0, got 'x'/],
    [["logs"], /missing required argument 'db.schema.name'/],
    [["logs", "n"], /expected a service as DB.SCHEMA.NAME, got 'n'/],
    [["logs", "d.s.n", "--tail", "0"], /'--tail <n>' argument '0' is invalid. Expected a number of lines from 1 to 1000/],
    [["logs", "d.s.n", "--tail", "1001"], /'--tail <n>' argument '1001' is invalid/],
    [["logs", "d.s.n", "--tail", "many"], /'--tail <n>' argument 'many' is invalid/],
    [["logs", "d.s.n", "--instance", "-1"], /'--instance <id>' argument '-1' is invalid. Expected an instance id/],
    [["logs", "d.s.n", "--previous", "--follow"], /--previous and --follow cannot be combined/],
    [["logs", "d.s.n", "--container"], /option '--container <name>' argument missing/],
  ];
  itExitsWithUsageError(usageErrors);

  it("an invalid identifier in a service name is an SPCS error (exit 1) that still opens nothing", async function () {
    const r = await run("describe", "service", "db.s.echo-service");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: service 'echo-service' is not an unquoted identifier/);
  });

  it("lists the service verbs in help, with their options", async function () {
    const top = await run("--help");
    assert.match(top.stdout, /\n  logs \[options\] <db.schema.name>/);
    const show = await run("show", "--help");
    for (const sub of ["services", "service", "endpoints"]) assert.match(show.stdout, new RegExp(`\\n  ${sub}\\b`));
    const logs = await run("logs", "--help");
    assert.equal(logs.code, 0);
    for (const opt of ["--instance", "--container", "--tail", "--follow", "--previous"]) assert.ok(logs.stdout.includes(opt), opt);
    const services = await run("show", "services", "--help");
    for (const opt of ["--like", "--in-compute-pool", "--in-database", "--in-schema"]) assert.ok(services.stdout.includes(opt), opt);
    for (const argv of [["describe", "service", "--help"], ["alter", "service", "--help"], ["drop", "service", "--help"], ["show", "service", "containers", "--help"]]) {
      assert.equal((await run(...argv)).code, 0, argv.join(" "));
    }
  });
});
