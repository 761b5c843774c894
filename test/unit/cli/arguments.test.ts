import assert from "node:assert/strict";
import { InvalidArgumentError } from "commander";
import { parseBoolean, parseRepositoryRef, parseSchemaRef, parseWholeNumber } from "../../../provider/cli/arguments";
import { cliConfig } from "../../../provider/cli/cli-context";
import { imagesTarget, repositoryScope } from "../../../provider/cli/image-repository-commands";
import { instanceFamilyRows, INSTANCE_FAMILY_COLUMNS } from "../../../provider/cli/compute-pool-commands";
import { specArgs } from "../../../provider/cli/spec-command";
import { UsageError } from "../../../provider/cli/usage-error";
import { isSpcsError } from "../../../provider/common/errors";
import { INSTANCE_FAMILIES } from "../../../provider/model/instance-families";

describe("cli argument parsing", function () {
  it("parses whole numbers and booleans, rejecting anything else as a usage error", function () {
    assert.equal(parseWholeNumber("3"), 3);
    assert.equal(parseWholeNumber("-1"), -1, "the range is the platform's to check, with SPCS's wording");
    for (const bad of ["x", "1.5", "", "1e3"]) assert.throws(() => parseWholeNumber(bad), InvalidArgumentError, bad);
    assert.equal(parseBoolean("TRUE"), true);
    assert.equal(parseBoolean("false"), false);
    assert.throws(() => parseBoolean("yes"), InvalidArgumentError);
  });

  it("reads DB.SCHEMA.REPO case-insensitively; a wrong shape is a usage error, a bad name an SPCS error", function () {
    assert.deepEqual(parseRepositoryRef("tutorial_db.data_schema.tutorial_repository"), { database: "TUTORIAL_DB", schema: "DATA_SCHEMA", name: "TUTORIAL_REPOSITORY" });
    assert.throws(() => parseRepositoryRef("db.repo"), (e: unknown) => e instanceof UsageError && /DB.SCHEMA.REPO, got 'db.repo'/.test(e.message));
    assert.throws(() => parseRepositoryRef("db.schema.my-repo"), (e: unknown) => isSpcsError(e) && /image repository 'my-repo' is not an unquoted identifier/.test(e.message));
    assert.deepEqual(parseSchemaRef("db.s"), { database: "DB", schema: "S" });
    assert.throws(() => parseSchemaRef("s"), UsageError);
  });

  it("accepts exactly `in image-repository REF` or `--in REF` for show images", function () {
    const key = { database: "D", schema: "S", name: "R" };
    assert.deepEqual(imagesTarget(["in", "image-repository", "d.s.r"], undefined), key);
    assert.deepEqual(imagesTarget(["IN", "IMAGE-REPOSITORY", "d.s.r"], undefined), key);
    assert.deepEqual(imagesTarget([], "d.s.r"), key);
    assert.throws(() => imagesTarget([], undefined), /which repository\?\nusage: spcs show images in image-repository DB.SCHEMA.REPO/);
    assert.throws(() => imagesTarget(["in", "repository", "d.s.r"], undefined), /unexpected words 'in repository d.s.r'/);
    assert.throws(() => imagesTarget(["in", "image-repository", "d.s.r"], "d.s.r"), /not both/);
  });

  it("scopes SHOW IMAGE REPOSITORIES by one IN clause", function () {
    assert.deepEqual(repositoryScope({}), {});
    assert.deepEqual(repositoryScope({ inDatabase: "db" }), { database: "DB" });
    assert.deepEqual(repositoryScope({ inSchema: "db.public" }), { database: "DB", schema: "PUBLIC" });
    assert.throws(() => repositoryScope({ inDatabase: "db", inSchema: "db.public" }), UsageError);
  });

  it("builds the platform config from the environment, with --home, --registry and --docker-host on top", function () {
    const env = { SPCS_HOME: "/env/home", SPCS_REGISTRY: "10.0.0.1:5000", DOCKER_HOST: "tcp://env:2375", SPCS_ACCOUNT: "acme" };
    assert.deepEqual(cliConfig({}, env), { home: "/env/home", registry: "10.0.0.1:5000", dockerHost: "tcp://env:2375", account: "ACME" });
    assert.deepEqual(cliConfig({ home: "/cli/home", registry: "127.0.0.1:6000", dockerHost: "unix:///x.sock" }, env), {
      home: "/cli/home",
      registry: "127.0.0.1:6000",
      dockerHost: "unix:///x.sock",
      account: "ACME",
    });
    assert.equal(cliConfig({ home: "rel" }, {}).home, require("node:path").resolve("rel"));
  });

  it("finds `spec` behind global options and hands over everything after it untouched", function () {
    assert.deepEqual(specArgs(["spec", "validate", "a.yaml", "--format", "text", "--using", "k=v"]), ["validate", "a.yaml", "--format", "text", "--using", "k=v"]);
    assert.deepEqual(specArgs(["--home", "/h", "--registry=r:1", "spec", "schema"]), ["schema"]);
    assert.deepEqual(specArgs(["--format", "json", "spec", "validate", "a.yaml"]), ["validate", "a.yaml", "--format", "json"]);
    assert.deepEqual(specArgs(["--format=json", "spec", "validate", "a.yaml", "--format", "text"]), ["validate", "a.yaml", "--format", "text"]);
    assert.equal(specArgs(["show", "compute-pools"]), undefined);
    assert.equal(specArgs(["show", "spec"]), undefined);
    assert.equal(specArgs(["--bogus", "spec"]), undefined);
  });

  it("lists every instance family in catalogue order with its node usage and a note on inferred sizes", function () {
    const rows = instanceFamilyRows([
      { instanceFamily: "CPU_X64_XS", targetNodes: 2 },
      { instanceFamily: "CPU_X64_XS", targetNodes: 1 },
      { instanceFamily: "CPU_X64_S", targetNodes: 0 },
    ]);
    assert.equal(rows.length, INSTANCE_FAMILIES.length);
    assert.equal(rows[0].name, "CPU_X64_XS");
    assert.equal(rows[0].currentNodeUsage, 3);
    assert.equal(rows[1].currentNodeUsage, 0);
    assert.deepEqual(Object.keys(rows[0]).sort(), [...INSTANCE_FAMILY_COLUMNS].sort());
    assert.equal(rows[0].message, "");
    assert.match(rows.find((r) => r.name === "GEN_X64_G2_16")!.message, /inferred/);
  });
});
