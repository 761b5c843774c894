/**
 * The dynamic provider contract, restated without importing @pulumi/pulumi: provider code runs inside the
 * `pulumi-resource-pulumi-nodejs` process and must stay free of the SDK (the SDK is deployment-only and
 * would be serialised by value). Shapes match `pulumi.dynamic.ResourceProvider`.
 */
export interface CheckFailure {
  property: string;
  reason: string;
}
export interface CheckResult<I> {
  inputs?: I;
  failures?: CheckFailure[];
}
export interface DiffResult {
  changes?: boolean;
  replaces?: string[];
  deleteBeforeReplace?: boolean;
}
export interface ReadResult<O, I> {
  id?: string;
  props?: O;
  inputs?: I;
}

export interface ResourceProvider<I, O> {
  check(olds: Partial<I>, news: Partial<I>): Promise<CheckResult<I>>;
  diff(id: string, olds: O, news: I): Promise<DiffResult>;
  create(inputs: I): Promise<{ id: string; outs: O }>;
  read(id: string, props: O): Promise<ReadResult<O, I>>;
  update(id: string, olds: O, news: I): Promise<{ outs: O }>;
  delete(id: string, props: O): Promise<void>;
}

/** Hidden input the SDK classes pass: the Pulumi resource name, for auto-naming. `__` keys are not displayed. */
export const RESOURCE_NAME_KEY = "__resourceName";

/**
 * Outputs and check inputs cross gRPC as protobuf Structs, which reject `undefined`. This drops undefined
 * values recursively so a forgotten optional field can never fail a deployment with "Unexpected struct type".
 */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A random suffix for auto-named objects, like Pulumi's own auto-naming (7 hex characters). */
export function randomSuffix(): string {
  return require("node:crypto").randomBytes(4).toString("hex").slice(0, 7);
}

/** Whether two values are equal for diffing purposes, treating undefined and null alike. */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
