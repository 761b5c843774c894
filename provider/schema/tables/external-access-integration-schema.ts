import { ADOPT_PROPERTY, type ResourceSchema } from "../resource-schema";

export const EXTERNAL_ACCESS_INTEGRATION_SCHEMA: ResourceSchema = {
  kind: "ExternalAccessIntegration",
  description:
    "An EXTERNAL ACCESS INTEGRATION: the network rules a Service or JobService naming it in externalAccessIntegrations may reach, and nothing else. Changes reach running services at once.",
  properties: [
    ADOPT_PROPERTY,
    { name: "name", type: "string", input: true, replaceOnChanges: true, description: "Integration name (account-level), an unquoted identifier, stored upper-case.", defaultInfo: "the resource name plus a random suffix" },
    { name: "allowedNetworkRules", type: { array: "string" }, input: true, required: true, description: "ALLOWED_NETWORK_RULES: DATABASE.SCHEMA.RULE of each NetworkRule (its id); each must exist. Updates in place." },
    { name: "enabled", type: "boolean", input: true, required: true, description: "ENABLED; a disabled integration allows nothing. Updates in place." },
    { name: "comment", type: "string", input: true, nullable: true, description: "Free-text comment; updates in place." },
    { name: "type", type: "string", description: "EXTERNAL_ACCESS (SHOW INTEGRATIONS' type)." },
    { name: "category", type: "string", description: "SECURITY (SHOW INTEGRATIONS' category)." },
    { name: "createdOn", type: "string", description: "Creation time (SHOW's created_on)." },
  ],
};
