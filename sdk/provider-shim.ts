import type * as pulumi from "@pulumi/pulumi";

/**
 * The object Pulumi serialises into state as `__provider`, one per resource kind.
 *
 * It holds nothing but the kind's name: every method loads the installed implementation by package name
 * (`pulumi-spcs/provider`) inside the provider process. So the serialised text is a few hundred bytes,
 * never captures a client, socket or secret, is identical on every machine and every run, and resources
 * created by an older release are refreshed and destroyed by the code installed now.
 * `require` is never captured by Pulumi's closure serialiser, which is what makes this work.
 */
export function providerShim(kind: string): pulumi.dynamic.ResourceProvider {
  const call = (method: string, args: unknown[]): Promise<any> => require("pulumi-spcs/provider").dispatch(kind, method, args);
  return {
    async configure(req: pulumi.dynamic.ConfigureRequest) {
      require("pulumi-spcs/provider").configure((key: string) => req.config.get(key));
    },
    check: (olds: any, news: any) => call("check", [olds, news]),
    diff: (id: string, olds: any, news: any) => call("diff", [id, olds, news]),
    create: (inputs: any) => call("create", [inputs]),
    read: (id: string, props: any) => call("read", [id, props]),
    update: (id: string, olds: any, news: any) => call("update", [id, olds, news]),
    delete: (id: string, props: any) => call("delete", [id, props]),
  };
}

/**
 * One shim per kind for the whole program: Pulumi caches serialisation per provider object, so sharing
 * the object means it is serialised once, not once per resource.
 */
export const shims = {
  ComputePool: providerShim("ComputePool"),
  Image: providerShim("Image"),
  ImageRepository: providerShim("ImageRepository"),
  Service: providerShim("Service"),
  JobService: providerShim("JobService"),
  CustomRuntimeEnvironment: providerShim("CustomRuntimeEnvironment"),
  NetworkRule: providerShim("NetworkRule"),
  ExternalAccessIntegration: providerShim("ExternalAccessIntegration"),
  Snapshot: providerShim("Snapshot"),
};
