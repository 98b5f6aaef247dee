import { type DataSource, type EntityManager, QueryFailedError } from "typeorm";

import { BadUserInputError, ConflictError } from "./errors";

/** Unique constraints a client can collide with, and the input field each one is about. */
const UNIQUE_FIELDS: Record<string, { field: string; message: string }> = {
  articles_slug_key: { field: "slug", message: "An article with this slug already exists." },
  authors_slug_key: { field: "slug", message: "An author with this slug already exists." },
  tags_slug_key: { field: "slug", message: "A tag with this slug already exists." },
  related_links_target_article_key: { field: "links", message: "An article is linked twice." },
  related_links_url_key: { field: "links", message: "A URL is linked twice." },
};

const camel = (column: string) => column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/**
 * Turns a constraint violation into the coded error the client should see; anything else is rethrown as it is.
 * The database is the last line of defence: services check first, but concurrent writers can still collide here.
 */
export function translateDatabaseError(error: unknown): never {
  if (error instanceof QueryFailedError) {
    const driverError = error.driverError as { code?: string; constraint?: string; detail?: string };
    if (driverError.code === "23505") {
      const known = UNIQUE_FIELDS[driverError.constraint ?? ""];
      throw new ConflictError(known?.message ?? "This record already exists.", { field: known?.field });
    }
    if (driverError.code === "23503") {
      const column = /Key \(([a-z_]+)\)/.exec(driverError.detail ?? "")?.[1];
      const field = column ? camel(column) : "input";
      throw BadUserInputError.of(field, "exists", `"${field}" names a record that does not exist.`);
    }
    if (driverError.code === "23502") {
      const column = (error.driverError as { column?: string }).column;
      const field = column ? camel(column) : "input";
      throw BadUserInputError.of(field, "notNull", `"${field}" cannot be null.`);
    }
    if (driverError.code === "23514") {
      throw BadUserInputError.of("input", driverError.constraint ?? "check", "The input breaks a data rule.");
    }
  }
  throw error;
}

/**
 * Runs `work` in one transaction: all of it is written or none of it, and a constraint violation reaches the client
 * as a coded error.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  try {
    return await dataSource.transaction(work);
  } catch (error) {
    return translateDatabaseError(error);
  }
}
