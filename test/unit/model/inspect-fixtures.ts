import * as fs from "node:fs";
import * as path from "node:path";
import type Dockerode from "dockerode";
import type { ContainerInfo } from "../../../provider/runtime/container-runtime";
import { containerInfoOf } from "../../../provider/runtime/docker/container-info";

// Compiled to dist/test/unit/model: the fixtures are read from the checkout.
const FIXTURES = path.resolve(__dirname, "../../../../test/fixtures/inspect");

export const INSPECT_FIXTURES = ["created", "running", "restarting", "oom-killed", "stopped-by-hand", "exited-0", "exited-3"] as const;
export type InspectFixture = (typeof INSPECT_FIXTURES)[number];

/** A recorded `docker inspect` (test/fixtures/inspect/README.md), as the runtime port reports it. */
export function inspected(name: InspectFixture): ContainerInfo {
  const [raw] = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as Dockerode.ContainerInspectInfo[];
  return containerInfoOf(raw);
}
