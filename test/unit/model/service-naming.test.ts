import assert from "node:assert/strict";
import { schemaDnsDomain, serviceAliases, serviceDnsName } from "../../../provider/model/service-naming";

describe("service DNS names as SPCS scopes them", function () {
  it("gives the full name, <name>.<hash> and instances.<full name>, never the bare name", function () {
    const full = serviceDnsName({ database: "DB", schema: "S1", name: "ECHO_SERVICE" });
    const domain = schemaDnsDomain("DB", "S1");
    assert.match(domain, /^[a-z0-9]{4}\.svc\.spcs\.internal$/);
    assert.equal(full, `echo-service.${domain}`);
    assert.deepEqual(serviceAliases(full), [full, `echo-service.${domain.split(".")[0]}`, `instances.${full}`]);
  });

  it("gives two schemas two domains, so same-named services never share an alias", function () {
    const a = serviceAliases(serviceDnsName({ database: "DB", schema: "S1", name: "ECHO" }));
    const b = serviceAliases(serviceDnsName({ database: "DB", schema: "S2", name: "ECHO" }));
    assert.deepEqual(a.filter((x) => b.includes(x)), []);
  });
});
