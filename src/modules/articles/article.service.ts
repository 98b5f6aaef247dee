import type { DataSource } from "typeorm";

import { BadUserInputError, requireExactlyOne } from "../../common/errors";
import { isUuid } from "../../common/pagination";
import { Article } from "./article.entity";
import { visibleArticleSql } from "./article.visibility";

export interface ArticleLookup {
  id?: string;
  slug?: string;
}

export class ArticleService {
  constructor(private readonly dataSource: DataSource) {}

  /** A published article by id or slug (exactly one), or null when there is no such visible article. */
  async findVisible(lookup: ArticleLookup): Promise<Article | null> {
    requireExactlyOne(lookup, ["id", "slug"]);
    const qb = this.dataSource
      .getRepository(Article)
      .createQueryBuilder("a")
      .innerJoinAndSelect("a.author", "author")
      .where(visibleArticleSql("a"));
    if (lookup.id !== undefined) {
      if (!isUuid(lookup.id)) throw BadUserInputError.of("id", "isUuid", 'Argument "id" must be a UUID.');
      qb.andWhere("a.id = :id", { id: lookup.id });
    } else {
      qb.andWhere("a.slug = :slug", { slug: lookup.slug });
    }
    return qb.getOne();
  }
}
