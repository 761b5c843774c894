import { runCli } from "../../provider/cli/main";

/** The `spcs` CLI in-process, with an environment of the test's own (no SPCS_* from the machine leaks in). */
export async function runSpcs(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env });
  return { code, stdout, stderr };
}
