import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pluginLauncher } from "../../provider/provision/language-plugins";
import type { PulumiProgram, PulumiResult } from "./pulumi-program";

// Compiled to dist/test/support: the checkout is three folders up.
const REPO_ROOT = path.resolve(__dirname, "../../..");

/**
 * A virtualenv with `pulumi==3.248.0` and the generated SDK (`pip install ./sdk/python`), for Python
 * programs run with the real `pulumi` CLI and the Python language host `spcs platform up` provisions.
 * That host (sdk v3.68.0) ignores Pulumi.yaml's `virtualenv:`, so the venv is activated the way a user
 * does it: its `bin` first on PATH.
 *
 * The venv's `bin` also holds the provider plugin's launcher, the one `spcs platform up` writes, naming
 * this checkout's build: the launcher beside the CLI is shared by every checkout on the machine and
 * names whichever ran `platform up` last, and Pulumi takes the first `pulumi-resource-spcs` on PATH.
 */
export class PythonVenv {
  private constructor(readonly dir: string) {}

  static create(): PythonVenv {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-python-venv-"));
    execFileSync("python3", ["-m", "venv", dir]);
    // From a copy: pip builds a local project in place, and the checkout's sdk/python must stay as generated.
    const sdk = path.join(dir, "sdk-python");
    fs.cpSync(path.join(REPO_ROOT, "sdk/python"), sdk, { recursive: true });
    execFileSync(path.join(dir, "bin/pip"), ["install", "--quiet", "pulumi==3.248.0", sdk], { stdio: ["ignore", "ignore", "pipe"] });
    fs.writeFileSync(path.join(dir, "bin/pulumi-resource-spcs"), pluginLauncher(), { mode: 0o755 });
    return new PythonVenv(dir);
  }

  /** Runs `pulumi <args>` for `program` inside the venv. PULUMI_DEBUG_COMMANDS allows `--event-log`. */
  run(program: PulumiProgram, args: string[]): PulumiResult {
    return program.run(args, { PATH: `${this.dir}/bin${path.delimiter}${program.cliEnv.PATH}`, VIRTUAL_ENV: this.dir, PULUMI_DEBUG_COMMANDS: "true" });
  }

  /** As run, and a failure throws with the CLI's own output. */
  must(program: PulumiProgram, args: string[]): PulumiResult {
    const r = this.run(program, args);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r;
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
