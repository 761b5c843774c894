import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { offlinePulumiEnv } from "../../provider/provision/pulumi-cli";
import { platformEnv, type TestPlatform } from "./test-platform";

const REPO_ROOT = path.resolve(__dirname, "../../..");

export interface PulumiResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * An example program deployed with the real `pulumi` CLI, offline: a copy of `examples/<name>` in a
 * temporary folder (so stack config files never land in the repository), a file backend, the
 * passphrase secrets provider, and stack config pointing the provider at a test platform.
 */
export class PulumiProgram {
  private constructor(
    readonly dir: string,
    readonly stack: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /**
   * `example` names a folder of examples/, or a path relative to the repository (a test fixture program).
   * `stackConfig`: also copy the example's `Pulumi.<stack>.yaml` files (for programs whose stacks differ by config).
   * An absolute `example` is a program outside this checkout (another release's example); `nodeModules`
   * replaces the repository's node_modules as the program's (a program installed with another release).
   */
  static create(example: string, tp: Pick<TestPlatform, "config" | "pulumiBin">, stack = "test", opts: { stackConfig?: boolean; nodeModules?: string } = {}): PulumiProgram {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), `spcs-${path.basename(example)}-`));
    const dir = path.join(work, "program");
    const source = path.isAbsolute(example) ? example : example.includes("/") ? path.join(REPO_ROOT, example) : path.join(REPO_ROOT, "examples", example);
    const skipped = opts.stackConfig ? /node_modules/ : /node_modules|Pulumi\.[^/]+\.yaml$/;
    fs.cpSync(source, dir, { recursive: true, filter: (src) => !skipped.test(src) || src.endsWith("Pulumi.yaml") });
    fs.symlinkSync(opts.nodeModules ?? path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    fs.mkdirSync(path.join(work, "state"));
    const env = offlinePulumiEnv(tp.pulumiBin, {
      PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
      PULUMI_HOME: path.join(work, "pulumi-home"),
      PULUMI_CONFIG_PASSPHRASE: "test-passphrase",
      // The provider reads stack config first; the environment is cleared so the test proves that path.
      SPCS_HOME: "",
      SPCS_REGISTRY: "",
    });
    return new PulumiProgram(dir, stack, env).init(tp);
  }

  /** Another stack of the same program, in the same backend (so StackReferences between them resolve). */
  addStack(stack: string, tp: Pick<TestPlatform, "config" | "pulumiBin">): PulumiProgram {
    return new PulumiProgram(this.dir, stack, this.env).init(tp);
  }

  private init(tp: Pick<TestPlatform, "config" | "pulumiBin">): this {
    this.must(["stack", "init"]);
    for (const [key, value] of Object.entries({ "spcs:home": tp.config.home, "spcs:registry": tp.config.registry, "spcs:account": tp.config.account, ...(tp.config.dockerHost && { "spcs:dockerHost": tp.config.dockerHost }) })) {
      this.must(["config", "set", key, value]);
    }
    return this;
  }

  /** The environment the CLI runs with (file backend, passphrase, offline plugins), for other tools that run it. */
  get cliEnv(): NodeJS.ProcessEnv {
    return this.env;
  }

  run(args: string[], extraEnv: Record<string, string> = {}): PulumiResult {
    const res = spawnSync("pulumi", [...args, "--non-interactive", "--stack", this.stack], {
      cwd: this.dir,
      env: { ...this.env, ...extraEnv },
      encoding: "utf8",
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: res.status ?? -1, stdout: res.stdout ?? "", stderr: res.stderr ?? String(res.error ?? "") };
  }

  /**
   * Starts a command in its own process group and returns at once, so a test can interrupt it the way a
   * CI runner or a closed laptop does: `process.kill(-child.pid, "SIGKILL")` ends the CLI and its plugins.
   */
  start(args: string[], stdio: "ignore" | "pipe" = "ignore"): ChildProcess {
    return spawn("pulumi", [...args, "--non-interactive", "--stack", this.stack], { cwd: this.dir, env: this.env, detached: true, stdio: ["ignore", stdio, stdio] });
  }

  /** Runs a command that must succeed; a failure throws with the CLI's own output. */
  must(args: string[]): PulumiResult {
    const r = this.run(args);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r;
  }

  outputs(): Record<string, any> {
    return JSON.parse(this.must(["stack", "output", "--json", "--show-secrets"]).stdout);
  }

  /** The stack's state as `pulumi stack export` prints it. */
  state(): any {
    return JSON.parse(this.must(["stack", "export", "--show-secrets"]).stdout);
  }

  resourceOutputs(typeSuffix: string): any {
    const r = this.state().deployment.resources.find((x: any) => x.type.endsWith(typeSuffix));
    return r?.outputs;
  }

  dispose(): void {
    fs.rmSync(path.dirname(this.dir), { recursive: true, force: true });
  }
}

/** Runs the `spcs` CLI as a user would, against a test platform. */
export function spcsCli(tp: Pick<TestPlatform, "config">, args: string[], env: NodeJS.ProcessEnv = {}): PulumiResult {
  const res = spawnSync(process.execPath, [path.join(REPO_ROOT, "dist/provider/cli/main.js"), ...args], {
    env: { ...process.env, ...platformEnv(tp.config), ...env },
    encoding: "utf8",
  });
  return { code: res.status ?? -1, stdout: res.stdout ?? "", stderr: res.stderr ?? "" };
}
