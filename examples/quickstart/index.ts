import * as pulumi from "@pulumi/pulumi";
import * as spcs from "pulumi-spcs";

// The objects of Snowflake's SPCS tutorial 1: a compute pool and an image repository.
const config = new pulumi.Config();
const database = config.get("database") ?? "tutorial_db";
const schema = config.get("schema") ?? "data_schema";

const pool = new spcs.ComputePool("tutorial-compute-pool", {
  name: config.get("poolName") ?? "tutorial_compute_pool",
  instanceFamily: config.get("instanceFamily") ?? "CPU_X64_XS",
  minNodes: 1,
  maxNodes: config.getNumber("maxNodes") ?? 1,
  comment: "Quick-start pool",
});

const repository = new spcs.ImageRepository("tutorial-repository", {
  database,
  schema,
  name: "tutorial_repository",
});

export const poolName = pool.name;
export const poolState = pool.state;
export const poolSuspended = pool.suspended;
export const repositoryUrl = repository.repositoryUrl;
export const images = repository.images;
