import { ADOPT_PROPERTY, type ResourceSchema } from "../resource-schema";

export const NETWORK_RULE_SCHEMA: ResourceSchema = {
  kind: "NetworkRule",
  description:
    "A NETWORK RULE (MODE = EGRESS, TYPE = HOST_PORT): the hosts and ports a service may reach through an ExternalAccessIntegration naming it. Changing valueList reaches running services at once.",
  properties: [
    ADOPT_PROPERTY,
    { name: "database", type: "string", input: true, required: true, replaceOnChanges: true, description: "Database, an unquoted identifier." },
    { name: "schema", type: "string", input: true, required: true, replaceOnChanges: true, description: "Schema, an unquoted identifier." },
    { name: "name", type: "string", input: true, replaceOnChanges: true, description: "Rule name, an unquoted identifier, stored upper-case.", defaultInfo: "the resource name plus a random suffix" },
    { name: "valueList", type: { array: "string" }, input: true, required: true, description: "VALUE_LIST: 'host' or 'host:port' (port 443 when omitted; 22, 80, 443 or 1024-65535); '0.0.0.0:443' is any host on 443. Updates in place." },
    { name: "comment", type: "string", input: true, nullable: true, description: "Free-text comment; updates in place." },
    { name: "type", type: "string", description: "TYPE: HOST_PORT, the one type services use." },
    { name: "mode", type: "string", description: "MODE: EGRESS, the one mode services use." },
    { name: "createdOn", type: "string", description: "Creation time (SHOW's created_on)." },
    { name: "databaseName", type: "string", description: "Database, upper-case (SHOW's database_name)." },
    { name: "schemaName", type: "string", description: "Schema, upper-case (SHOW's schema_name)." },
    { name: "owner", type: "string", description: "Owning role." },
    { name: "ownerRoleType", type: "string", description: "ROLE or DATABASE_ROLE." },
    { name: "entriesInValuelist", type: "integer", description: "How many entries valueList has (SHOW's entries_in_valuelist)." },
  ],
};
