import * as spcs from "pulumi-spcs";

const rule = new spcs.NetworkRule("partner-api", {
  database: "docs_db",
  schema: "public",
  valueList: ["partner.example.com:443"],
});

const integration = new spcs.ExternalAccessIntegration("partner-access", {
  name: "partner_access",
  allowedNetworkRules: [rule.id],
  enabled: true,
});

// A Service or JobService with `externalAccessIntegrations: [integration.name]` reaches
// partner.example.com:443 and nothing else outside the platform.
export const integrationName = integration.name; // PARTNER_ACCESS
