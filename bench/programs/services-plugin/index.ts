import * as pulumi from "@pulumi/pulumi";

// The program of bench/programs/services, with the resources of the spcs provider plugin
// (`pulumi-resource-spcs`, types `spcs:index:<Kind>`) declared directly, as a TypeScript program targets
// the plugin without a generated Node SDK (see test/e2e/plugin-migration.test.ts): no dynamic-provider
// host process in the path.
class ComputePool extends pulumi.CustomResource {
  declare readonly name: pulumi.Output<string>;
  constructor(name: string, args: Record<string, unknown>) {
    super("spcs:index:ComputePool", name, { name: undefined, ...args });
  }
}
class Service extends pulumi.CustomResource {
  constructor(name: string, args: Record<string, unknown>) {
    super("spcs:index:Service", name, args);
  }
}

const count = new pulumi.Config().requireNumber("count");
const pool = new ComputePool("pool", { name: "bench_pool", instanceFamily: "CPU_X64_L", minNodes: 1, maxNodes: 2 });
for (let i = 0; i < count; i++) {
  new Service(`svc${i}`, {
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
