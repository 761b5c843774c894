import assert from "node:assert/strict";
import { parseImage } from "../../../provider/objects/images/image-pinning";

describe("image references with the Snowflake registry host", function () {
  const local = "127.0.0.1:5000";
  const path = { repository: "db/sch/repo/app", database: "DB", schema: "SCH", repo: "REPO", tag: "v1", digest: undefined };

  it("map <org>-<acct>.registry.snowflakecomputing.com/... to the same path in the local registry", function () {
    assert.deepEqual(parseImage("myorg-myacct.registry.snowflakecomputing.com/db/sch/repo/app:v1", local), path);
    assert.deepEqual(parseImage("MyOrg-MyAcct.Registry.SnowflakeComputing.com/DB/SCH/REPO/app:v1", local), path);
    assert.deepEqual(parseImage("myorg-myacct.registry.privatelink.snowflakecomputing.com/db/sch/repo/app:v1", local), path);
    assert.deepEqual(parseImage("/db/sch/repo/app:v1", local), path);
    assert.deepEqual(parseImage(`${local}/db/sch/repo/app:v1`, local), path);
  });

  it("still refuse other hosts and look-alikes", function () {
    assert.equal(parseImage("docker.io/db/sch/repo/app:v1", local), undefined);
    assert.equal(parseImage("evil.com/registry.snowflakecomputing.com/db/sch/repo/app:v1", local), undefined);
    assert.equal(parseImage("myorg-myacct.registry.snowflakecomputing.com.evil.com/db/sch/repo/app:v1", local), undefined);
    assert.equal(parseImage("myorg-myacct.registry.snowflakecomputing.com", local), undefined);
  });
});
