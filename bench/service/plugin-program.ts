import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pluginLauncher } from "../../provider/provision/language-plugins";
import { PulumiProgram, type PulumiResult } from "../../test/support/pulumi-program";
import type { TestPlatform } from "../../test/support/test-platform";

/**
 * bench/programs/services-plugin (the services program through the `spcs` provider plugin) with this
 * checkout's plugin first on PATH: the launcher beside the CLI is shared by every checkout on the machine
 * and names whichever ran `platform up` last, and Pulumi takes the first `pulumi-resource-spcs` on PATH
 * (as test/support/python-venv.ts does for the Python programs).
 */
export class PluginProgram {
  private constructor(
    readonly program: PulumiProgram,
    private readonly bin: string,
  ) {}

  static create(tp: TestPlatform): PluginProgram {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "spcs-bench-plugin-bin-"));
    fs.writeFileSync(path.join(bin, "pulumi-resource-spcs"), pluginLauncher(), { mode: 0o755 });
    return new PluginProgram(PulumiProgram.create("bench/programs/services-plugin", tp), bin);
  }

  /** The environment every command of this program runs with (the launcher first on PATH, plus `extra`). */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { PATH: `${this.bin}${path.delimiter}${this.program.cliEnv.PATH ?? ""}`, ...extra };
  }

  run(args: string[], extra: Record<string, string> = {}): PulumiResult {
    return this.program.run(args, this.env(extra));
  }

  dispose(): void {
    this.program.dispose();
    fs.rmSync(this.bin, { recursive: true, force: true });
  }
}
