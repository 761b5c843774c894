import * as spcs from "pulumi-spcs";

// The hosts and ports a service may reach: port 443 when none is given.
const rule = new spcs.NetworkRule("api-egress", {
  database: "docs_db",
  schema: "public",
  name: "api_egress",
  valueList: ["api.example.com", "files.example.com:8443"],
  comment: "What the ingest service calls",
});

export const ruleId = rule.id; // DOCS_DB.PUBLIC.API_EGRESS: what an ExternalAccessIntegration lists
export const entries = rule.entriesInValuelist; // 2
