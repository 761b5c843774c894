import { doesNotExist } from "../common/errors";
import { normalizeIdentifier, qualifiedName } from "../common/identifiers";
import { likePattern } from "../common/sql-like";
import {
  describeRepository,
  showImages,
  showRepositories,
  type ImageRepositoryDescription,
  type ImageRow,
  type RepositoryKey,
} from "../statements/image-repositories";
import { parseRepositoryRef, parseSchemaRef } from "./arguments";
import type { CliContext } from "./cli-context";
import { UsageError } from "./usage-error";
import type { Verbs } from "./verbs";

/** SHOW IMAGE REPOSITORIES' ten columns, in SPCS's order. */
export const SHOW_IMAGE_REPOSITORIES_COLUMNS = [
  "createdOn", "name", "databaseName", "schemaName", "repositoryUrl", "owner", "ownerRoleType", "comment", "encryption", "privatelinkRepositoryUrl",
] as const satisfies readonly (keyof ImageRepositoryDescription)[];

/** What a table shows without `--wide`. */
export const SHOW_IMAGE_REPOSITORIES_NARROW = ["name", "databaseName", "schemaName", "repositoryUrl", "createdOn"] as const satisfies readonly (typeof SHOW_IMAGE_REPOSITORIES_COLUMNS)[number][];

/** SHOW IMAGES IN IMAGE REPOSITORY's columns. */
export const SHOW_IMAGES_COLUMNS = ["createdOn", "imageName", "tags", "digest", "imagePath"] as const satisfies readonly (keyof ImageRow)[];

/**
 * The repository of `show images`: the SQL words `in image-repository DB.SCHEMA.REPO`, or `--in REF`.
 * Anything else is a usage error that spells out the accepted form.
 */
export function imagesTarget(words: readonly string[], inOption: string | undefined): RepositoryKey {
  const usage = "usage: spcs show images in image-repository DB.SCHEMA.REPO (or: spcs show images --in DB.SCHEMA.REPO)";
  if (inOption !== undefined) {
    if (words.length) throw new UsageError(`give the repository once, with --in or with 'in image-repository', not both`, usage);
    return parseRepositoryRef(inOption);
  }
  if (words.length !== 3 || words[0].toLowerCase() !== "in" || words[1].toLowerCase() !== "image-repository") {
    throw new UsageError(words.length ? `unexpected words '${words.join(" ")}'` : "which repository?", usage);
  }
  return parseRepositoryRef(words[2]);
}

/** SHOW IMAGE REPOSITORIES' IN clause: one scope at most, as SQL allows one IN. */
export function repositoryScope(o: { inDatabase?: string; inSchema?: string }): { database?: string; schema?: string } {
  if (o.inDatabase !== undefined && o.inSchema !== undefined) throw new UsageError("give --in-database or --in-schema, not both");
  if (o.inSchema !== undefined) return parseSchemaRef(o.inSchema);
  if (o.inDatabase !== undefined) return { database: normalizeIdentifier(o.inDatabase, "database") };
  return {};
}

export function registerImageRepositoryCommands(verbs: Verbs, ctx: CliContext): void {
  verbs.show
    .command("image-repositories")
    .description("SHOW IMAGE REPOSITORIES [LIKE pattern] [IN DATABASE db | IN SCHEMA db.schema]")
    .option("--like <pattern>", "SQL LIKE pattern on the name, case-insensitive (% and _)")
    .option("--in-database <db>", "only repositories in this database")
    .option("--in-schema <db.schema>", "only repositories in this schema")
    .action((o: { like?: string; inDatabase?: string; inSchema?: string }) => {
      const scope = repositoryScope(o); // before opening the platform: a usage error must not create a catalog
      const rows = showRepositories(ctx.platform(), { like: o.like, ...scope });
      ctx.output.rows(rows, SHOW_IMAGE_REPOSITORIES_COLUMNS, SHOW_IMAGE_REPOSITORIES_NARROW);
    });

  verbs.show
    .command("images")
    .description("SHOW IMAGES [LIKE pattern] IN IMAGE REPOSITORY db.schema.repo (read live from the registry)")
    .usage("[--like <pattern>] in image-repository DB.SCHEMA.REPO")
    .argument("[words...]", "in image-repository DB.SCHEMA.REPO")
    .option("--in <db.schema.repo>", "the repository, instead of the words 'in image-repository'")
    .option("--like <pattern>", "SQL LIKE pattern on the image name, case-insensitive (% and _)")
    .action(async (words: string[], o: { in?: string; like?: string }) => {
      const target = imagesTarget(words, o.in);
      const re = o.like ? likePattern(o.like) : undefined;
      const rows = (await showImages(ctx.platform(), target)).filter((r) => !re || re.test(r.imageName));
      ctx.output.rows(rows, SHOW_IMAGES_COLUMNS);
    });

  verbs.describe
    .command("image-repository")
    .description("DESCRIBE IMAGE REPOSITORY db.schema.repo")
    .argument("<db.schema.repo>", "the repository (case-insensitive)")
    .action((ref: string) => {
      const key = parseRepositoryRef(ref);
      const d = describeRepository(ctx.platform(), key);
      if (!d) throw doesNotExist("Image repository", qualifiedName(key.database, key.schema, key.name));
      ctx.output.object(d);
    });
}
