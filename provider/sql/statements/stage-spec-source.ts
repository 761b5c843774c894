import type { ExecContext } from "./exec-context";
import { readStageFile } from "./spcs-operations";
import type { SpecSource } from "./spec-source";
import type { Statement } from "./statement-types";

function inline(ctx: ExecContext, source: SpecSource): SpecSource {
  if (source.kind !== "stage") return source;
  const text = readStageFile(ctx.platform, source.stage, source.file, ctx.session);
  return { kind: "inline", text, template: source.template, ...(source.using && { using: source.using }) };
}

/**
 * `FROM @stage SPECIFICATION_FILE = '…'` (and SPECIFICATION_TEMPLATE_FILE) read from the stage, so every
 * statement after this sees the specification text as if it had been sent inline.
 */
export function withStageSpecification(ctx: ExecContext, st: Statement): Statement {
  if (st.kind === "create-service" || st.kind === "execute-job-service") return { ...st, source: inline(ctx, st.source) };
  if (st.kind === "alter-service" && st.action.kind === "spec") return { ...st, action: { ...st.action, source: inline(ctx, st.action.source) } };
  return st;
}
