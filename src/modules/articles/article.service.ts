import type { DataSource } from "typeorm";

import { BadUserInputError, NotFoundError, requireExactlyOne } from "../../common/errors";
import { isUuid } from "../../common/pagination";
import type { Viewer } from "../auth/viewer";
import type { LookAheadOf } from "../news-feed/look-ahead";
import type { ReaderPages } from "../news-feed/reader-pages";
import { Article } from "./article.entity";
import { visibleArticleSql } from "./article.visibility";

export interface ArticleLookup {
  id?: string;
  slug?: string;
}

export class ArticleService {
  constructor(
    private readonly dataSource: DataSource,
    /** The one-statement path for pages whose selection is known ahead; null to load everything through loaders. */
    private readonly pages: ReaderPages | null = null,
  ) {}

  /**
   * A published article by id or slug (exactly one), or null when there is no such visible article. With a look-ahead,
   * the article comes with everything its query selects, in one statement.
   */
  async findVisible(viewer: Viewer, lookup: ArticleLookup, lookAheadOf?: LookAheadOf): Promise<Article | null> {
    requireExactlyOne(lookup, ["id", "slug"]);
    if (lookup.id != null && !isUuid(lookup.id)) {
      throw BadUserInputError.of("id", "isUuid", 'Argument "id" must be a UUID.');
    }
    const lookAhead = this.pages && lookAheadOf?.();
    if (this.pages && lookAhead) {
      const [by, value] = lookup.id != null ? (["id", lookup.id] as const) : (["slug", lookup.slug!] as const);
      return this.pages.article(viewer, by, value, lookAhead);
    }
    const qb = this.dataSource
      .getRepository(Article)
      .createQueryBuilder("a")
      .innerJoinAndSelect("a.author", "author")
      // A single article is usually shown whole: its body comes in the same statement.
      .addSelect(["a.body", "a.bodyHtml"])
      .where(visibleArticleSql("a", viewer));
    if (lookup.id != null) {
      qb.andWhere("a.id = :id", { id: lookup.id });
    } else {
      qb.andWhere("a.slug = :slug", { slug: lookup.slug });
    }
    return qb.getOne();
  }

  /** Any article by id, whatever its state (preview tokens, editors). */
  findAny(id: string): Promise<Article | null> {
    return this.dataSource
      .getRepository(Article)
      .createQueryBuilder("a")
      .addSelect(["a.body", "a.bodyHtml"])
      .where("a.id = :id", { id })
      .getOne();
  }

  async findAnyOrFail(id: string): Promise<Article> {
    const article = await this.findAny(id);
    if (!article) throw new NotFoundError("id", "article");
    return article;
  }
}
