"""Snowflake's SPCS tutorial, locally, in Python: the same app as examples/quickstart.

A compute pool, an image repository, and a two-service app whose public frontend answers by calling a
backend service through the backend's DNS name.
"""
import pulumi
import pulumi_spcs as spcs

config = pulumi.Config()
database = config.get("database") or "tutorial_db"
schema = config.get("schema") or "data_schema"

pool = spcs.ComputePool(
    "tutorial-compute-pool",
    name=config.get("poolName") or "tutorial_compute_pool",
    instance_family=config.get("instanceFamily") or spcs.InstanceFamily.CPU_X64_XS,
    min_nodes=1,
    max_nodes=config.get_int("maxNodes") or 2,
    comment="Quick-start pool",
)

repository = spcs.ImageRepository(
    "tutorial-repository",
    database=database,
    schema=schema,
    name="tutorial_repository",
)

# The platform's busybox base image (built offline by `spcs platform up`) stands in for application images.
backend = spcs.Service(
    "backend",
    database=database,
    schema=schema,
    name="backend_service",
    compute_pool=pool.name,
    spec="""
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
""",
)

frontend = spcs.Service(
    "frontend",
    database=database,
    schema=schema,
    name="frontend_service",
    compute_pool=pool.name,
    # A template: the backend's DNS name is a USING value.
    spec_template="""
spec:
  containers:
  - name: web
    image: /snowflake/images/snowflake_images/busybox:latest
    env:
      BACKEND_HOST: "{{ backend_host }}"
      GREETING_PREFIX: "{{ prefix | default('frontend says', true) }}"
    secrets:
    - snowflakeSecret: greeting_key
      secretKeyRef: secret_string
      envVarName: GREETING_KEY
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
""",
    using={"backend_host": backend.dns_name, "prefix": config.get("greetingPrefix") or ""},
    # Values of the Snowflake secrets a spec references: always a Pulumi secret (encrypted in state).
    secrets={"greeting_key": spcs.ServiceSecretArgs(secret_string=config.get_secret("greetingKey") or "quickstart-greeting-key")},
)

pulumi.export("poolName", pool.name)
pulumi.export("poolState", pool.state)
pulumi.export("poolSuspended", pool.suspended)
pulumi.export("repositoryUrl", repository.repository_url)
pulumi.export("images", repository.images)
pulumi.export("backendDnsName", backend.dns_name)
pulumi.export("frontendStatus", frontend.status)
pulumi.export("frontendUrl", pulumi.Output.concat(frontend.ingress_url, "/cgi-bin/hello"))
