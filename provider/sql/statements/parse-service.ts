import { readRestoreVolume } from "./parse-snapshot";
import { readObjectName } from "./identifiers";
import { readOptions, type SqlOption } from "./options";
import { readAlterAction } from "./parse-alter-action";
import { readSpecSource, type SpecSource } from "./spec-source";
import type { Statement } from "./statement-types";
import type { TokenCursor } from "./token-cursor";

/**
 * CREATE SERVICE [IF NOT EXISTS] name IN COMPUTE POOL pool FROM … [options]. SPCS's usage notes put the
 * pool first and the properties last, but its own examples also put properties before IN COMPUTE POOL,
 * so the clauses are read in any order.
 */
export function readCreateService(c: TokenCursor, ifNotExists: boolean): Statement {
  const name = readObjectName(c, "service");
  return { kind: "create-service", name, ifNotExists, ...readWorkloadClauses(c) };
}

/** EXECUTE JOB SERVICE IN COMPUTE POOL pool FROM … [NAME = …] [ASYNC = …] [REPLICAS = …] …, any order. */
export function readExecuteJob(c: TokenCursor): Statement {
  return { kind: "execute-job-service", ...readWorkloadClauses(c) };
}

/** What CREATE SERVICE and EXECUTE JOB SERVICE share: IN COMPUTE POOL, a FROM source and options, in any order. */
function readWorkloadClauses(c: TokenCursor): { computePool: string[]; source: SpecSource; options: SqlOption[] } {
  const options: SqlOption[] = [];
  let computePool: string[] | undefined;
  let source: SpecSource | undefined;
  while (!c.atEnd()) {
    if (!computePool && c.acceptWords("IN", "COMPUTE", "POOL")) computePool = readObjectName(c, "compute pool");
    else if (!source && c.isWord("FROM")) source = readSpecSource(c);
    else {
      const more = readOptions(c);
      if (!more.length) throw c.unexpected(expectedNext(computePool, source));
      options.push(...more);
    }
  }
  if (!computePool) throw c.unexpected("IN COMPUTE POOL <pool>");
  if (!source) throw c.unexpected("FROM SPECIFICATION $$…$$ (or another FROM form)");
  return { computePool, source, options };
}

function expectedNext(pool: unknown, source: unknown): string {
  const parts = [...(pool ? [] : ["IN COMPUTE POOL <pool>"]), ...(source ? [] : ["FROM SPECIFICATION …"]), "a property such as MIN_INSTANCES = 1", "the end of the statement"];
  return parts.join(", ");
}

/** ALTER SERVICE [IF EXISTS] name { SUSPEND | RESUME | SET … | UNSET … | FROM … }. */
export function readAlterService(c: TokenCursor, ifExists: boolean): Statement {
  const name = readObjectName(c, "service");
  if (c.isWord("FROM")) return { kind: "alter-service", name, ifExists, action: { kind: "spec", source: readSpecSource(c) } };
  if (c.isWord("RESTORE")) return { kind: "alter-service", name, ifExists, action: readRestoreVolume(c) };
  return { kind: "alter-service", name, ifExists, action: readAlterAction(c, ["suspend", "resume", "set", "unset"]) };
}
