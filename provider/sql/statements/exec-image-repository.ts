import type { SqlResult } from "../sql-types";
import { dropMessage, schemaObjectName, STATEMENT_OK, type ExecContext } from "./exec-context";
import { Options } from "./options";
import { SHOW_IMAGE_REPOSITORIES, SHOW_IMAGES, statusResult, tableResult } from "./result-sets";
import { applyFilters, resolveScope } from "./show-filters";
import { createRepository, describeRepository, dropRepository, setRepositoryComment, showImages, showRepositories } from "./spcs-operations";
import { sqlError } from "./sql-errors";
import type { Statement } from "./statement-types";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;

const ENCRYPTIONS = ["SNOWFLAKE_FULL", "SNOWFLAKE_SSE"] as const;

/** `ENCRYPTION = (TYPE = 'SNOWFLAKE_SSE')`: the one option list inside an option. */
function encryptionOf(o: Options): (typeof ENCRYPTIONS)[number] | undefined {
  const v = o.list.find((x) => x.key === "ENCRYPTION")?.value;
  if (v === undefined) return undefined;
  const type = v.kind === "options" ? new Options(v.options, "ENCRYPTION").allowOnly(["TYPE"]).text("TYPE")?.toUpperCase() : undefined;
  if (!type || !(ENCRYPTIONS as readonly string[]).includes(type)) {
    throw sqlError("invalidValue", `invalid value for property 'ENCRYPTION'; use ENCRYPTION = (TYPE = 'SNOWFLAKE_FULL') or (TYPE = 'SNOWFLAKE_SSE').`);
  }
  return type as (typeof ENCRYPTIONS)[number];
}

export async function createImageRepository(ctx: ExecContext, st: Of<"create-image-repository">): Promise<SqlResult> {
  const key = schemaObjectName(st.name, ctx.session, "CREATE IMAGE REPOSITORY", "image repository");
  const o = new Options(st.options, "IMAGE_REPOSITORY").allowOnly(["ENCRYPTION", "COMMENT", "TAG"]);
  const encryption = encryptionOf(o);
  const comment = o.string("COMMENT") ?? null;
  const existed = describeRepository(ctx.platform, key) !== undefined;
  // OR REPLACE: the old repository goes, and its images with it, as when it is dropped.
  if (st.orReplace) await dropRepository(ctx.platform, key, { ifExists: true });
  createRepository(ctx.platform, key, { comment, encryption, ifNotExists: st.ifNotExists });
  return statusResult(st.ifNotExists && existed ? `${key.name} already exists, statement succeeded.` : `Image Repository ${key.name} successfully created.`);
}

export function alterImageRepository(ctx: ExecContext, st: Of<"alter-image-repository">): SqlResult {
  const key = schemaObjectName(st.name, ctx.session, "ALTER IMAGE REPOSITORY", "image repository");
  if (st.ifExists && !describeRepository(ctx.platform, key)) return statusResult(STATEMENT_OK);
  const { action } = st;
  if (action.kind === "set") setRepositoryComment(ctx.platform, key, new Options(action.options, "IMAGE_REPOSITORY").allowOnly(["COMMENT"]).string("COMMENT") ?? null);
  else if (action.kind === "unset") {
    const bad = action.properties.find((p) => p !== "COMMENT");
    if (bad) throw sqlError("invalidValue", `SQL compilation error:\ninvalid property '${bad}' for 'IMAGE_REPOSITORY'; only COMMENT can be unset.`);
    setRepositoryComment(ctx.platform, key, null);
  }
  return statusResult(STATEMENT_OK);
}

export async function dropImageRepository(ctx: ExecContext, st: Of<"drop-image-repository">): Promise<SqlResult> {
  const key = schemaObjectName(st.name, ctx.session, "DROP IMAGE REPOSITORY", "image repository");
  return statusResult(dropMessage(key.name, await dropRepository(ctx.platform, key, { ifExists: st.ifExists })));
}

export function showImageRepositories(ctx: ExecContext, st: Of<"show-image-repositories">): SqlResult {
  const scope = resolveScope(st.filters.in, ctx.session, "SHOW IMAGE REPOSITORIES");
  const rows = showRepositories(ctx.platform, { database: scope.database, schema: scope.schema });
  return tableResult(SHOW_IMAGE_REPOSITORIES, applyFilters(rows, st.filters, (r) => r.name), "show");
}

export function describeImageRepository(ctx: ExecContext, st: Of<"describe-image-repository">): SqlResult {
  const key = schemaObjectName(st.name, ctx.session, "DESCRIBE IMAGE REPOSITORY", "image repository");
  const d = describeRepository(ctx.platform, key);
  if (!d) throw sqlError("doesNotExist", `SQL compilation error:\nImage repository '${key.database}.${key.schema}.${key.name}' does not exist or not authorized.`);
  return tableResult(SHOW_IMAGE_REPOSITORIES, [d], "describe");
}

export async function showImagesStatement(ctx: ExecContext, st: Of<"show-images">): Promise<SqlResult> {
  const key = schemaObjectName(st.repository, ctx.session, "SHOW IMAGES", "image repository");
  const rows = await showImages(ctx.platform, key);
  // Images keep the registry's order (name, then digest); LIKE filters on the image name.
  return tableResult(SHOW_IMAGES, applyFilters(rows, st.filters, (r) => r.imageName), "show");
}
