import type BetterSqlite3 from "better-sqlite3";
import { fromDb, insertSql, toDb, type RowMapping } from "./row-mapping";

/** CRE_STATUS values: RESOLVED (usable) and DEPRECATED (listed, refused for new jobs and notebooks). */
export const CRE_STATUSES = ["RESOLVED", "DEPRECATED"] as const;
export type CreStatus = (typeof CRE_STATUSES)[number];

export const BASE_IMAGE_TYPES = ["CPU", "GPU"] as const;
export type BaseImageType = (typeof BASE_IMAGE_TYPES)[number];

/** One check of the validation run at CREATE, kept with the object. */
export interface StoredCheckResult {
  check: string;
  passed: boolean;
  message: string;
}

export interface CustomRuntimeEnvironmentRow {
  name: string;
  /** IMAGE_PATH as given at CREATE. */
  imagePath: string;
  /** Image name within its repository. */
  imageName: string;
  tag: string;
  /** The manifest digest the tag pointed to at CREATE; later use is refused when the tag has moved. */
  digest: string;
  /** `/db/schema/repo/image:tag`, lower case: the image path in the repository. */
  image: string;
  baseImageType: BaseImageType;
  creStatus: CreStatus;
  comment: string | null;
  validationReport: StoredCheckResult[];
  createdOn: string;
  updatedOn: string;
  owner: string;
}

const MAP: RowMapping = { json: ["validationReport"] };
const COLUMNS = [
  "name", "imagePath", "imageName", "tag", "digest", "image", "baseImageType", "creStatus", "comment", "validationReport", "createdOn", "updatedOn", "owner",
] as const satisfies readonly (keyof CustomRuntimeEnvironmentRow)[];

/** Rows of `custom_runtime_environments`, keyed by the account-level name (upper-case). */
export class CustomRuntimeEnvironmentStore {
  constructor(private readonly db: BetterSqlite3.Database) {}

  get(name: string): CustomRuntimeEnvironmentRow | undefined {
    const r = this.db.prepare("SELECT * FROM custom_runtime_environments WHERE name = ?").get(name) as Record<string, unknown> | undefined;
    return r && fromDb<CustomRuntimeEnvironmentRow>(r, MAP);
  }

  list(): CustomRuntimeEnvironmentRow[] {
    const rows = this.db.prepare("SELECT * FROM custom_runtime_environments ORDER BY name").all() as Record<string, unknown>[];
    return rows.map((r) => fromDb<CustomRuntimeEnvironmentRow>(r, MAP));
  }

  insert(row: CustomRuntimeEnvironmentRow): void {
    this.db.prepare(insertSql("custom_runtime_environments", COLUMNS)).run(toDb(row, MAP));
  }

  setStatus(name: string, status: CreStatus, updatedOn: string): void {
    this.db.prepare("UPDATE custom_runtime_environments SET cre_status = ?, updated_on = ? WHERE name = ?").run(status, updatedOn, name);
  }

  setComment(name: string, comment: string | null, updatedOn: string): void {
    this.db.prepare("UPDATE custom_runtime_environments SET comment = ?, updated_on = ? WHERE name = ?").run(comment, updatedOn, name);
  }

  delete(name: string): boolean {
    return this.db.prepare("DELETE FROM custom_runtime_environments WHERE name = ?").run(name).changes > 0;
  }
}
