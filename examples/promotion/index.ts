import * as pulumi from "@pulumi/pulumi";
import * as spcs from "pulumi-spcs";

// One program for every environment. Stack config says where each one lives (database, schema, pool
// family and size, instance count) and where its image comes from:
//  - dev places an image it builds (a local engine image) or picks (an image of the platform);
//  - prod builds nothing: it reads the digest dev runs through a StackReference and promotes exactly
//    that build into its own repository, so prod runs the bytes dev tested, whatever dev's tags do later.
const config = new pulumi.Config();
const stage = pulumi.getStack();
const database = config.require("database");
const schema = config.require("schema");

const pool = new spcs.ComputePool("pool", {
  name: config.require("poolName"),
  instanceFamily: config.require("instanceFamily"),
  minNodes: 1,
  maxNodes: config.requireNumber("maxNodes"),
});

const repository = new spcs.ImageRepository("images", { database, schema, name: "app_repository" });

const promoteFrom = config.get("promoteFrom");
const source = promoteFrom
  ? new pulumi.StackReference(promoteFrom).requireOutput("imageRef").apply((ref) => String(ref))
  : config.get("sourceImage");

const image = new spcs.Image("app", {
  database,
  schema,
  repository: repository.name,
  name: "app",
  tag: config.get("imageTag") ?? stage,
  ...(config.get("localImage") ? { localImage: config.get("localImage") } : { source }),
});

// busybox httpd answers with the stage and the build (the image's /version file, if it has one). The
// spec names the image by digest, so the service runs exactly what the Image placed.
const service = new spcs.Service("app", {
  database,
  schema,
  name: "app_service",
  computePool: pool.name,
  minInstances: config.requireNumber("instances"),
  spec: pulumi.interpolate`
spec:
  containers:
  - name: web
    image: ${image.imageRef}
    env:
      STAGE: ${stage}
    command: [sh, -c]
    args:
    - mkdir -p /www && echo "hello from $STAGE, build $(cat /version 2>/dev/null || echo base)" > /www/index.html && exec httpd -f -p 8080 -h /www
    readinessProbe:
      port: 8080
      path: /index.html
  endpoints:
  - name: web
    port: 8080
    public: true
`,
});

export const imageRef = image.imageRef;
export const digest = image.digest;
export const taggedImageRef = image.taggedImageRef;
export const url = service.ingressUrl;
export const runningDigests = service.containers.apply((cs) => cs.map((c) => c.imageDigest));
