import type { SqlResult } from "../sql-types";
import { accountObjectName, dropMessage, STATEMENT_OK, type ExecContext } from "./exec-context";
import { Options } from "./options";
import { SHOW_CRES, statusResult, tableResult } from "./result-sets";
import { applyFilters } from "./show-filters";
import { alterRuntimeEnvironmentStatus, createRuntimeEnvironment, describeRuntimeEnvironment, dropRuntimeEnvironment, showRuntimeEnvironments } from "./spcs-operations";
import { sqlError } from "./sql-errors";
import type { Statement } from "./statement-types";

type Of<K extends Statement["kind"]> = Extract<Statement, { kind: K }>;

const WHAT = "custom runtime environment";

/** CREATE [OR REPLACE] CUSTOM RUNTIME ENVIRONMENT n IMAGE_PATH = '…' BASE_IMAGE_TYPE = CPU|GPU: validates the image first. */
export async function createCre(ctx: ExecContext, st: Of<"create-cre">): Promise<SqlResult> {
  const name = accountObjectName(st.name, WHAT);
  const o = new Options(st.options, "CUSTOM_RUNTIME_ENVIRONMENT").allowOnly(["IMAGE_PATH", "BASE_IMAGE_TYPE", "COMMENT"]);
  const missing = ["IMAGE_PATH", "BASE_IMAGE_TYPE"].filter((k) => !o.has(k));
  if (missing.length) throw sqlError("syntax", `SQL compilation error:\nMissing option(s): [${missing.join(", ")}]`);
  if (st.ifNotExists && describeRuntimeEnvironment(ctx.platform, name)) return statusResult(`${name} already exists, statement succeeded.`);
  await createRuntimeEnvironment(ctx.platform, { name, imagePath: o.string("IMAGE_PATH")!, baseImageType: o.text("BASE_IMAGE_TYPE")!, comment: o.string("COMMENT") ?? null }, { orReplace: st.orReplace });
  return statusResult(`Custom runtime environment ${name} successfully created.`);
}

/** ALTER CUSTOM RUNTIME ENVIRONMENT n SET CRE_STATUS = RESOLVED|DEPRECATED, its one ALTER. */
export function alterCre(ctx: ExecContext, st: Of<"alter-cre">): SqlResult {
  const name = accountObjectName(st.name, WHAT);
  if (st.ifExists && !describeRuntimeEnvironment(ctx.platform, name)) return statusResult(STATEMENT_OK);
  if (st.action.kind !== "set") throw sqlError("syntax", "SQL compilation error:\nALTER CUSTOM RUNTIME ENVIRONMENT takes SET CRE_STATUS = RESOLVED | DEPRECATED.");
  const o = new Options(st.action.options, "CUSTOM_RUNTIME_ENVIRONMENT").allowOnly(["CRE_STATUS"]);
  alterRuntimeEnvironmentStatus(ctx.platform, name, o.text("CRE_STATUS")!);
  return statusResult(STATEMENT_OK);
}

export function dropCre(ctx: ExecContext, st: Of<"drop-cre">): SqlResult {
  const name = accountObjectName(st.name, WHAT);
  return statusResult(dropMessage(name, dropRuntimeEnvironment(ctx.platform, name, { ifExists: st.ifExists })));
}

export function showCres(ctx: ExecContext, st: Of<"show-cres">): SqlResult {
  return tableResult(SHOW_CRES, applyFilters(showRuntimeEnvironments(ctx.platform), st.filters, (r) => r.name), "show");
}

export function describeCre(ctx: ExecContext, st: Of<"describe-cre">): SqlResult {
  const name = accountObjectName(st.name, WHAT);
  const d = describeRuntimeEnvironment(ctx.platform, name);
  if (!d) throw sqlError("doesNotExist", `SQL compilation error:\nCustom runtime environment '${name}' does not exist or not authorized.`);
  return tableResult(SHOW_CRES, [d], "describe");
}
