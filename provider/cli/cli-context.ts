import * as path from "node:path";
import { resolveConfig, type PlatformConfig } from "../common/config";
import { Platform } from "../platform/platform";
import { Output, type CliIo, type OutputFormat } from "./output";

/** The global options every verb understands (`--format`, `--wide`, `--home`, `--registry`, `--docker-host`). */
export interface GlobalOptions {
  format?: OutputFormat;
  wide?: boolean;
  home?: string;
  registry?: string;
  dockerHost?: string;
}

/** The environment's configuration with the command line's overrides on top. */
export function cliConfig(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const base = resolveConfig(undefined, env);
  return {
    ...base,
    ...(options.home && { home: path.resolve(options.home) }),
    ...(options.registry && { registry: options.registry }),
    ...(options.dockerHost && { dockerHost: options.dockerHost }),
  };
}

/**
 * What a command's action needs: the output, the platform and a way to set the exit code. The platform is
 * opened on first use (so `--help` and usage errors never create a catalog) and closed by `runCli`.
 * It is not `openPlatform`'s shared instance: a CLI run owns its catalog connection and closes it.
 */
export class CliContext {
  readonly output: Output;
  exitCode = 0;
  private opened?: Platform;

  constructor(
    readonly io: CliIo,
    private readonly globals: () => GlobalOptions,
  ) {
    this.output = new Output(io, () => globals().format ?? "table", () => globals().wide ?? false);
  }

  config(): PlatformConfig {
    return cliConfig(this.globals(), this.io.env ?? process.env);
  }

  platform(): Platform {
    return (this.opened ??= new Platform(this.config()));
  }

  close(): void {
    this.opened?.close();
    this.opened = undefined;
  }
}
