import * as pulumi from "@pulumi/pulumi";

// No resources: what the Pulumi engine, the language host and the TypeScript program cost on their own.
export const stack = pulumi.getStack();
