import * as pulumi from "@pulumi/pulumi";
import * as spcs from "pulumi-spcs";

// Snowflake's SPCS tutorial, locally: a compute pool, an image repository, and a two-service app whose
// public frontend answers by calling a backend service through the backend's DNS name.
const config = new pulumi.Config();
const database = config.get("database") ?? "tutorial_db";
const schema = config.get("schema") ?? "data_schema";

const pool = new spcs.ComputePool("tutorial-compute-pool", {
  name: config.get("poolName") ?? "tutorial_compute_pool",
  instanceFamily: config.get("instanceFamily") ?? "CPU_X64_XS",
  minNodes: 1,
  maxNodes: config.getNumber("maxNodes") ?? 2,
  comment: "Quick-start pool",
});

const repository = new spcs.ImageRepository("tutorial-repository", {
  database,
  schema,
  name: "tutorial_repository",
});

// The platform's busybox base image (built offline by `spcs platform up`) stands in for application images.
const backend = new spcs.Service("backend", {
  database,
  schema,
  name: "backend_service",
  computePool: pool.name,
  spec: `
spec:
  containers:
  - name: api
    image: /snowflake/images/snowflake_images/busybox:latest
    command: [sh, -c]
    args:
    - mkdir -p /www && echo "hello from the backend" > /www/greeting.txt && exec httpd -f -p 8080 -h /www
    readinessProbe:
      port: 8080
      path: /greeting.txt
  endpoints:
  - name: api
    port: 8080
`,
});

const frontend = new spcs.Service("frontend", {
  database,
  schema,
  name: "frontend_service",
  computePool: pool.name,
  // A template: the backend's DNS name is a USING value.
  specTemplate: `
spec:
  containers:
  - name: web
    image: /snowflake/images/snowflake_images/busybox:latest
    env:
      BACKEND_HOST: "{{ backend_host }}"
      GREETING_PREFIX: "{{ prefix | default('frontend says', true) }}"
    command: [sh, -c]
    args:
    - |
      mkdir -p /www/cgi-bin
      cat > /www/cgi-bin/hello <<'EOF'
      #!/bin/sh
      printf 'Content-Type: text/plain\\r\\n\\r\\n'
      echo "$GREETING_PREFIX: $(wget -qO- http://$BACKEND_HOST:8080/greeting.txt)"
      EOF
      chmod +x /www/cgi-bin/hello
      echo ok > /www/healthz
      exec httpd -f -p 8080 -h /www
    readinessProbe:
      port: 8080
      path: /healthz
  endpoints:
  - name: web
    port: 8080
    public: true
`,
  using: { backend_host: backend.dnsName, prefix: config.get("greetingPrefix") ?? "" },
});

export const poolName = pool.name;
export const poolState = pool.state;
export const poolSuspended = pool.suspended;
export const repositoryUrl = repository.repositoryUrl;
export const images = repository.images;
export const backendDnsName = backend.dnsName;
export const frontendStatus = frontend.status;
export const frontendUrl = pulumi.interpolate`${frontend.ingressUrl}/cgi-bin/hello`;
