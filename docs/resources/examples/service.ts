import * as spcs from "pulumi-spcs";

const pool = new spcs.ComputePool("web-pool", { name: "web_pool", instanceFamily: "CPU_X64_XS" });

// A public web server. `pulumi up` returns once the readiness probe passes and the service is RUNNING.
const web = new spcs.Service("web", {
  database: "docs_db",
  schema: "public",
  name: "web",
  computePool: pool.name,
  minInstances: 1,
  spec: `
spec:
  containers:
  - name: main
    image: /snowflake/images/snowflake_images/busybox:latest
    command: [sh, -c]
    args:
    - mkdir -p /www && echo "hello from SPCS" > /www/index.html && exec httpd -f -p 8080 -h /www
    readinessProbe:
      port: 8080
      path: /index.html
  endpoints:
  - name: web
    port: 8080
    public: true
`,
});

export const serviceStatus = web.status; // RUNNING
export const url = web.ingressUrl; // http://127.0.0.1:<port>
export const dnsName = web.dnsName; // how other services reach it
