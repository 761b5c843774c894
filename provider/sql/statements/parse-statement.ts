import { SqlError } from "../sql-types";
import { readObjectName } from "./identifiers";
import { readOptions } from "./options";
import { readAlterAction } from "./parse-alter-action";
import { isFunctionStatement, readFunctionStatement } from "./parse-functions";
import { readAlterService, readCreateService, readExecuteJob } from "./parse-service";
import { isServiceFunction, readArgumentTypes, readCreateServiceFunction } from "./parse-service-function";
import { readShowFilters } from "./show-filters";
import { readCreateSnapshot } from "./parse-snapshot";
import { sqlError } from "./sql-errors";
import type { Statement } from "./statement-types";
import { TokenCursor } from "./token-cursor";

/** The SPCS object words after CREATE / ALTER / DROP / DESCRIBE. */
type ObjectType = "compute-pool" | "image-repository" | "service" | "cre" | "snapshot";

function readObjectType(c: TokenCursor): ObjectType | undefined {
  if (c.acceptWords("COMPUTE", "POOL")) return "compute-pool";
  if (c.acceptWords("IMAGE", "REPOSITORY")) return "image-repository";
  if (c.acceptWords("SERVICE")) return "service";
  if (c.acceptWords("CUSTOM", "RUNTIME", "ENVIRONMENT")) return "cre";
  if (c.acceptWords("SNAPSHOT")) return "snapshot";
  return undefined;
}

const WHAT: Record<ObjectType, string> = { "compute-pool": "compute pool", "image-repository": "image repository", service: "service", cre: "custom runtime environment", snapshot: "snapshot" };

/**
 * Parses one statement. Returns undefined when the text is not SPCS SQL (it goes on to fakesnow
 * unchanged); throws only SqlError, with Snowflake's code, for SPCS SQL that is wrong. The decision is
 * made from the leading keywords; a lexing problem before that point means "not ours" too.
 */
export function parseSpcsStatement(sql: string): Statement | undefined {
  const c = new TokenCursor(sql);
  let recognised = false;
  try {
    const statement = dispatch(c, () => (recognised = true));
    if (statement) c.expectEnd();
    return statement;
  } catch (e) {
    if (!recognised && e instanceof SqlError) return undefined;
    if (e instanceof SqlError) throw e;
    // Anything else is a bug here; the client still gets an SQL error, never a dropped connection.
    throw sqlError("syntax", `SQL compilation error:\ninternal error while parsing an SPCS statement: ${(e as Error)?.message ?? String(e)}`);
  }
}

function dispatch(c: TokenCursor, recognise: () => void): Statement | undefined {
  if (c.acceptWords("CREATE")) {
    const orReplace = c.acceptWords("OR", "REPLACE");
    if (c.isWord("FUNCTION") && isServiceFunction(c, 1)) {
      recognise();
      c.next();
      const ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
      if (orReplace && ifNotExists) throw sqlError("syntax", "SQL compilation error:\nOR REPLACE and IF NOT EXISTS are incompatible.");
      return readCreateServiceFunction(c, orReplace, ifNotExists);
    }
    const type = readObjectType(c);
    if (!type) return undefined;
    recognise();
    const ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
    if (orReplace && ifNotExists) throw sqlError("syntax", "SQL compilation error:\nOR REPLACE and IF NOT EXISTS are incompatible.");
    if (orReplace && (type === "compute-pool" || type === "service")) {
      throw sqlError("unsupported", `SQL compilation error:\nCREATE OR REPLACE is not supported for ${WHAT[type]}s. Drop it first, or use CREATE ${WHAT[type].toUpperCase()} IF NOT EXISTS.`);
    }
    if (type === "service") return readCreateService(c, ifNotExists);
    if (type === "snapshot") return readCreateSnapshot(c, orReplace, ifNotExists);
    const name = readObjectName(c, WHAT[type]);
    const options = readOptions(c);
    if (type === "compute-pool") return { kind: "create-compute-pool", name, ifNotExists, options };
    if (type === "image-repository") return { kind: "create-image-repository", name, orReplace, ifNotExists, options };
    return { kind: "create-cre", name, orReplace, ifNotExists, options };
  }
  // ALTER ACCOUNT SET/UNSET of the parameters the platform has (LOG_EVENT_LEVEL); anything else about the
  // account stays fakesnow's.
  if (c.isWords("ALTER", "ACCOUNT") && /\bLOG_EVENT_LEVEL\b/i.test(c.text)) {
    recognise();
    c.expectWords("ALTER", "ACCOUNT");
    return { kind: "alter-account-parameters", action: readAlterAction(c, ["set", "unset"]) };
  }
  if (c.acceptWords("ALTER")) {
    const type = readObjectType(c);
    if (!type) return undefined;
    recognise();
    const ifExists = c.acceptWords("IF", "EXISTS");
    if (type === "service") return readAlterService(c, ifExists);
    if (type === "snapshot") throw sqlError("unsupported", "SQL compilation error:\nALTER SNAPSHOT is not supported on the local platform; snapshots here take no tags, and a comment is set at CREATE.");
    const name = readObjectName(c, WHAT[type]);
    if (type === "compute-pool") return { kind: "alter-compute-pool", name, ifExists, action: readAlterAction(c, ["suspend", "resume", "stop-all", "set", "unset"]) };
    if (type === "image-repository") return { kind: "alter-image-repository", name, ifExists, action: readAlterAction(c, ["set", "unset"]) };
    return { kind: "alter-cre", name, ifExists, action: readAlterAction(c, ["set"]) };
  }
  if (c.acceptWords("DROP")) {
    if (c.acceptWords("FUNCTION")) {
      // Claimed only once read in full: a signature this parser cannot read names no service function.
      const ifExists = c.acceptWords("IF", "EXISTS");
      const name = readObjectName(c, "function");
      const argTypes = readArgumentTypes(c);
      if (!c.atEnd()) return undefined;
      recognise();
      return { kind: "drop-function", name, ifExists, argTypes };
    }
    const type = readObjectType(c);
    if (!type) return undefined;
    recognise();
    const ifExists = c.acceptWords("IF", "EXISTS");
    const name = readObjectName(c, WHAT[type]);
    if (type === "service") return { kind: "drop-service", name, ifExists, force: c.acceptWords("FORCE") };
    if (type === "snapshot") return { kind: "drop-snapshot", name, ifExists };
    return { kind: type === "compute-pool" ? "drop-compute-pool" : type === "image-repository" ? "drop-image-repository" : "drop-cre", name, ifExists };
  }
  if (c.isWord("DESC") || c.isWord("DESCRIBE")) {
    c.next();
    if (c.acceptWords("FUNCTION")) {
      const name = readObjectName(c, "function");
      const argTypes = readArgumentTypes(c);
      if (!c.atEnd()) return undefined;
      recognise();
      return { kind: "describe-function", name, argTypes };
    }
    const type = readObjectType(c);
    if (!type) return undefined;
    recognise();
    const name = readObjectName(c, WHAT[type]);
    const kinds = { "compute-pool": "describe-compute-pool", "image-repository": "describe-image-repository", service: "describe-service", cre: "describe-cre", snapshot: "describe-snapshot" } as const;
    return { kind: kinds[type], name };
  }
  if (c.acceptWords("SHOW")) return readShow(c, recognise);
  if (c.isWords("EXECUTE", "JOB", "SERVICE")) {
    recognise();
    c.expectWords("EXECUTE", "JOB", "SERVICE");
    return readExecuteJob(c);
  }
  if (isFunctionStatement(c)) {
    recognise();
    return readFunctionStatement(c);
  }
  return undefined;
}

function readShow(c: TokenCursor, recognise: () => void): Statement | undefined {
  if (c.acceptWords("COMPUTE", "POOLS")) {
    recognise();
    return { kind: "show-compute-pools", filters: readShowFilters(c, []) };
  }
  if (c.acceptWords("IMAGE", "REPOSITORIES")) {
    recognise();
    return { kind: "show-image-repositories", filters: readShowFilters(c, ["account", "database", "schema"]) };
  }
  if (c.acceptWords("IMAGES")) {
    recognise();
    const like = c.acceptWords("LIKE") ? c.next() : undefined;
    if (like && like.kind !== "string") throw c.unexpected("a 'quoted' pattern");
    c.expectWords("IN", "IMAGE", "REPOSITORY");
    const repository = readObjectName(c, "image repository");
    return { kind: "show-images", repository, filters: like ? { like: like.value } : {} };
  }
  // The account's parameters SPCS tooling reads (`snow spcs service events` looks up EVENT_TABLE); the
  // session's and other levels' SHOW PARAMETERS stay fakesnow's.
  if (c.isWord("PARAMETERS") && /\bIN\s+ACCOUNT\s*;?\s*$/i.test(c.text)) {
    recognise();
    c.next();
    return { kind: "show-account-parameters", filters: readShowFilters(c, ["account"]) };
  }
  if (c.acceptWords("SNAPSHOTS")) {
    recognise();
    return { kind: "show-snapshots", filters: readShowFilters(c, ["account", "database", "schema"]) };
  }
  if (c.acceptWords("CUSTOM", "RUNTIME", "ENVIRONMENTS")) {
    recognise();
    return { kind: "show-cres", filters: readShowFilters(c, []) };
  }
  const jobsOnly = c.acceptWords("JOB", "SERVICES");
  if (jobsOnly || c.acceptWords("SERVICES")) {
    recognise();
    const excludeJobs = !jobsOnly && c.acceptWords("EXCLUDE", "JOBS");
    return { kind: "show-services", jobsOnly, excludeJobs, filters: readShowFilters(c, ["account", "database", "schema", "compute-pool"]) };
  }
  const detail = c.isWords("SERVICE", "INSTANCES") ? "instances" : c.isWords("SERVICE", "CONTAINERS") ? "containers" : c.isWord("ENDPOINTS") ? "endpoints" : c.isWords("ROLES", "IN", "SERVICE") ? "roles" : undefined;
  if (!detail) return undefined;
  recognise();
  if (detail === "instances" || detail === "containers") c.next();
  c.next();
  const filters = detail === "roles" ? {} : readShowFilters(c, []);
  c.expectWords("IN", "SERVICE");
  return { kind: "show-service-detail", what: detail, service: readObjectName(c, "service"), filters };
}
