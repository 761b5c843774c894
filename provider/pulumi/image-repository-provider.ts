import { withFix } from "../common/fix";
import { autoName, identifierProblem, qualifiedName } from "../common/identifiers";
import { isUnknown } from "../common/unknown";
import { ENCRYPTION_TYPES, type EncryptionType } from "../catalog/image-repository-store";
import { currentPlatform } from "../platform/current-platform";
import { RESOURCE_NAME_KEY, plain, randomSuffix, same, type CheckFailure, type ResourceProvider } from "./provider-types";
import {
  createRepository, describeRepository, dropRepository, setRepositoryComment, showImages,
  type ImageRepositoryDescription, type ImageRow, type RepositoryKey,
} from "../statements/image-repositories";

export interface ImageRepositoryInputs {
  database: string;
  schema: string;
  name: string;
  comment: string | null;
  encryption: EncryptionType;
  [RESOURCE_NAME_KEY]?: string;
}

export type ImageRepositoryOutputs = ImageRepositoryInputs & ImageRepositoryDescription & { images: ImageRow[] };

/** Changing any of these replaces the repository (encryption cannot be altered in SPCS either). */
const REPLACE_ON_CHANGE = ["database", "schema", "name", "encryption"] as const;

/**
 * ImageRepository: CREATE / ALTER / DROP IMAGE REPOSITORY, plus SHOW IMAGES as the `images` output.
 *
 * Partial failure: create writes one catalog row (nothing to leave behind). Delete removes the images
 * from the registry first and the row last, so a delete that fails half-way is retried from the start by
 * the next `pulumi destroy` and never orphans images behind a vanished catalog row.
 */
export const imageRepositoryProvider: ResourceProvider<ImageRepositoryInputs, ImageRepositoryOutputs> = {
  async check(olds, news) {
    const resourceName = news[RESOURCE_NAME_KEY] ?? "repository";
    const inputs: ImageRepositoryInputs = {
      database: upper(news.database) as string,
      schema: upper(news.schema) as string,
      name: upper(news.name ?? olds.name ?? autoName(resourceName, randomSuffix())),
      comment: news.comment ?? null,
      encryption: upper(news.encryption ?? "SNOWFLAKE_FULL") as EncryptionType,
      [RESOURCE_NAME_KEY]: news[RESOURCE_NAME_KEY],
    };
    const failures: CheckFailure[] = [];
    for (const field of ["database", "schema", "name"] as const) {
      const v = inputs[field];
      if (v === undefined) failures.push({ property: field, reason: withFix(`ImageRepository ${field} is required`, `set ${field} to an unquoted identifier such as ${field === "name" ? "tutorial_repository" : "tutorial_db"}`, "check") });
      else if (!isUnknown(v)) {
        const p = identifierProblem(v);
        if (p) failures.push({ property: field, reason: `ImageRepository ${field}: ${p}. Quoted identifiers are not supported for image repositories.` });
      }
    }
    if (!isUnknown(inputs.encryption) && !ENCRYPTION_TYPES.includes(inputs.encryption)) {
      failures.push({ property: "encryption", reason: withFix(`ImageRepository encryption: invalid value '${inputs.encryption}' for property 'ENCRYPTION'`, `use ${ENCRYPTION_TYPES.join(" or ")}`, "check") });
    }
    return { inputs: plain(inputs), failures };
  },

  async diff(_id, olds, news) {
    const replaces = REPLACE_ON_CHANGE.filter((k) => !same(olds[k], news[k]));
    const changes = replaces.length > 0 || !same(olds.comment, news.comment);
    // Same qualified name (only encryption changed): the old repository must go before the new one exists.
    const sameName = REPLACE_ON_CHANGE.slice(0, 3).every((k) => same(olds[k], news[k]));
    return { changes, replaces: [...replaces], deleteBeforeReplace: replaces.length > 0 && sameName };
  },

  async create(inputs) {
    const platform = currentPlatform();
    const described = createRepository(platform, key(inputs), { comment: inputs.comment, encryption: inputs.encryption });
    return { id: idOf(inputs), outs: await outputs(inputs, described) };
  },

  async read(id, props) {
    const k = props.database ? key(props) : parseId(id);
    const described = describeRepository(currentPlatform(), k);
    if (!described) return {};
    const inputs: ImageRepositoryInputs = {
      database: described.databaseName,
      schema: described.schemaName,
      name: described.name,
      comment: described.comment,
      encryption: described.encryption,
      [RESOURCE_NAME_KEY]: props[RESOURCE_NAME_KEY],
    };
    return { id, props: await outputs(inputs, described), inputs: plain(inputs) };
  },

  async update(_id, _olds, news) {
    const described = setRepositoryComment(currentPlatform(), key(news), news.comment);
    return { outs: await outputs(news, described) };
  },

  async delete(id, props) {
    await dropRepository(currentPlatform(), props.database ? key(props) : parseId(id), { ifExists: true });
  },
};

async function outputs(inputs: ImageRepositoryInputs, described: ImageRepositoryDescription): Promise<ImageRepositoryOutputs> {
  const images = await showImages(currentPlatform(), key(inputs));
  return plain({ ...inputs, ...described, images });
}

const key = (i: Pick<ImageRepositoryInputs, "database" | "schema" | "name">): RepositoryKey => ({ database: i.database, schema: i.schema, name: i.name });
const idOf = (i: ImageRepositoryInputs) => qualifiedName(i.database, i.schema, i.name);

function parseId(id: string): RepositoryKey {
  const [database, schema, name] = id.split(".");
  return { database, schema, name };
}

function upper<T>(v: T): T {
  return (typeof v === "string" && !isUnknown(v) ? v.toUpperCase() : v) as T;
}
