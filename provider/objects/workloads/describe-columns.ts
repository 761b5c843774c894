import type { ServiceRow } from "../../catalog/service-store";
import type { RuntimeSpec } from "../../model/runtime-spec";
import type { Drift } from "../../model/drift";
import type { ContainerStatus, InstanceStatus } from "../../model/statuses";

/** One row of SHOW SERVICE CONTAINERS IN SERVICE, camelCased. */
export interface ContainerDescription {
  instanceId: string;
  instanceStatus: InstanceStatus;
  containerName: string;
  status: ContainerStatus;
  message: string;
  imageName: string;
  imageDigest: string;
  restartCount: number;
  startTime: string | null;
  lastExitCode: number | null;
  lastRestartTime: string | null;
}

/** One row of SHOW SERVICE INSTANCES IN SERVICE. */
export interface InstanceDescription {
  instanceId: string;
  status: InstanceStatus;
  message: string;
  specDigest: string;
  creationTime: string;
  startTime: string | null;
  ipAddress: string | null;
  nodeId: string | null;
}

/** One row of SHOW ENDPOINTS IN SERVICE. */
export interface EndpointDescription {
  name: string;
  port: number | null;
  portRange: string | null;
  protocol: string;
  isPublic: boolean;
  /** `127.0.0.1:<port>` for public endpoints (no scheme, as SPCS prints it). */
  ingressUrl: string | null;
}

/** DESCRIBE SERVICE plus the instance, container and endpoint listings. */
export interface ServiceDescription {
  name: string;
  status: string;
  databaseName: string;
  schemaName: string;
  owner: string;
  computePool: string;
  dnsName: string;
  currentInstances: number;
  targetInstances: number;
  minReadyInstances: number;
  minInstances: number;
  maxInstances: number;
  autoResume: boolean;
  externalAccessIntegrations: string[] | null;
  createdOn: string;
  updatedOn: string;
  resumedOn: string | null;
  suspendedOn: string | null;
  autoSuspendSecs: number;
  comment: string | null;
  ownerRoleType: string;
  queryWarehouse: string | null;
  isJob: boolean;
  isAsyncJob: boolean;
  specDigest: string;
  isUpgrading: boolean;
  instances: InstanceDescription[];
  containers: ContainerDescription[];
  endpoints: EndpointDescription[];
  /**
   * What the engine holds that the catalog does not say: a container removed or stopped out of band,
   * started from another image, or carrying another spec digest; an instance the service does not have;
   * the ingress removed or stopped. Empty when the service is as deployed. `pulumi up` repairs exactly
   * these. People read them as `driftLine` (model/drift.ts).
   */
  drift: Drift[];
}

/** DESCRIBE SERVICE's columns that the catalog row holds as they are: the same for services and jobs. */
export function rowColumns(svc: ServiceRow) {
  return {
    name: svc.name, databaseName: svc.databaseName, schemaName: svc.schemaName, owner: svc.owner, computePool: svc.computePool, dnsName: svc.dnsName,
    minReadyInstances: svc.minReadyInstances, minInstances: svc.minInstances, maxInstances: svc.maxInstances, autoResume: svc.autoResume,
    externalAccessIntegrations: svc.externalAccessIntegrations, createdOn: svc.createdOn, updatedOn: svc.updatedOn, resumedOn: svc.resumedOn, suspendedOn: svc.suspendedOn,
    autoSuspendSecs: svc.autoSuspendSecs, comment: svc.comment, ownerRoleType: "ROLE", queryWarehouse: svc.queryWarehouse,
    isJob: svc.isJob, isAsyncJob: svc.isAsyncJob, specDigest: svc.specDigest, isUpgrading: svc.isUpgrading,
  };
}

/** SHOW ENDPOINTS IN SERVICE: the spec's endpoints, with the ingress address of each public one. */
export function endpointsOf(spec: RuntimeSpec, ingress: Record<number, string>): EndpointDescription[] {
  return spec.endpoints.map((e) => ({
    name: e.name,
    port: e.port ?? null,
    portRange: e.portRange ?? null,
    protocol: e.protocol,
    isPublic: e.public,
    ingressUrl: e.public && e.port !== undefined ? (ingress[e.port] ?? null) : null,
  }));
}

