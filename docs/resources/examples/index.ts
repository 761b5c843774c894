// Every resource page's example in one program: CI deploys it with the real pulumi CLI
// (test/e2e/resource-docs.test.ts), so each example on those pages is known to run.
export * as computePool from "./compute-pool";
export * as imageRepository from "./image-repository";
export * as image from "./image";
export * as service from "./service";
export * as jobService from "./job-service";
export * as customRuntimeEnvironment from "./custom-runtime-environment";
export * as networkRule from "./network-rule";
export * as externalAccessIntegration from "./external-access-integration";
export * as snapshot from "./snapshot";
