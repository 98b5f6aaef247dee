import type { DataSource } from "typeorm";

import { BadUserInputError, requireExactlyOne } from "../../common/errors";
import { type Connection, decodeCursor, encodeCursor, isUuid, pageLimit, toConnection } from "../../common/pagination";
import { Author } from "./author.entity";

export interface AuthorLookup {
  id?: string;
  slug?: string;
}

export const authorCursorOf = (author: Author): string => encodeCursor("name", { key: author.name, id: author.id });

export class AuthorService {
  constructor(private readonly dataSource: DataSource) {}

  /** An author by id or slug (exactly one), or null. */
  async find(lookup: AuthorLookup): Promise<Author | null> {
    requireExactlyOne(lookup, ["id", "slug"]);
    if (lookup.id !== undefined && !isUuid(lookup.id)) {
      throw BadUserInputError.of("id", "isUuid", 'Argument "id" must be a UUID.');
    }
    const where = lookup.id !== undefined ? { id: lookup.id } : { slug: lookup.slug! };
    return this.dataSource.getRepository(Author).findOneBy(where);
  }

  /** Authors in alphabetical order, keyset-paginated on (name, id). */
  async list(first: number, after?: string | null): Promise<Connection<Author>> {
    const qb = this.dataSource
      .getRepository(Author)
      .createQueryBuilder("au")
      .orderBy("au.name", "ASC")
      .addOrderBy("au.id", "ASC")
      .limit(pageLimit(first));
    if (after != null) {
      const { key, id } = decodeCursor(after, "name");
      qb.where("(au.name, au.id) > (:name, :id)", { name: key, id });
    }
    return toConnection(await qb.getMany(), first, authorCursorOf);
  }
}
