import type { EntityManager, EntityTarget } from "typeorm";

import type { VersionedEntity } from "./base.entity";
import { ConflictError, NotFoundError } from "./errors";

/**
 * Locks a record for the rest of the transaction and checks that it is still at the version the client read. The row
 * lock makes concurrent updates from one version queue up, so exactly one of them finds the version it read; the
 * others get CONFLICT with the current version, having changed nothing.
 */
export async function lockAtVersion<T extends VersionedEntity>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  what: string,
  id: string,
  version: number,
  /** Columns left out by default (`select: false`) that the caller needs, e.g. `["body"]`. */
  alsoSelect: string[] = [],
): Promise<T> {
  const current = await manager
    .getRepository(entity)
    .createQueryBuilder("record")
    .addSelect(alsoSelect.map((column) => `record.${column}`))
    .setLock("pessimistic_write")
    .where("record.id = :id", { id })
    .getOne();
  if (!current) throw new NotFoundError("id", what);
  if (current.version !== version) {
    throw new ConflictError(
      `The ${what} was changed since version ${version}; it is now at version ${current.version}. ` +
        "Re-read it and apply your change again.",
      { field: "version", currentVersion: current.version },
    );
  }
  return current;
}
