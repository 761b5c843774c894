import type { Command } from "commander";

/**
 * The SQL verbs as top-level commands; each object's module hangs its own subcommand under them
 * (`show compute-pools`, `show image-repositories`), so the command line reads like the statement.
 */
export interface Verbs {
  show: Command;
  describe: Command;
  create: Command;
  alter: Command;
  drop: Command;
}
