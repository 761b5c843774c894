import * as pulumi from "@pulumi/pulumi";
import * as spcs from "pulumi-spcs";

// `count` one-container services (busybox httpd) in one pool big enough for all of them.
const count = new pulumi.Config().requireNumber("count");
const pool = new spcs.ComputePool("pool", { name: "bench_pool", instanceFamily: "CPU_X64_L", minNodes: 1, maxNodes: 2 });
for (let i = 0; i < count; i++) {
  new spcs.Service(`svc${i}`, {
    database: "bench_db",
    schema: "public",
    name: `svc${i}`,
    computePool: pool.name,
    spec: `
spec:
  containers:
  - name: web
    image: /snowflake/images/snowflake_images/busybox:latest
    command: [httpd, -f, -p, "8080", -h, /tmp]
`,
  });
}
