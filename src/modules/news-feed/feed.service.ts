import type { DataSource, SelectQueryBuilder } from "typeorm";

import { feedCursorOf, type Keyset, pageLimit, toConnection } from "../../common/pagination";
import { Article } from "../articles/article.entity";
import { feedKeySql, visibleArticleSql } from "../articles/article.visibility";
import type { Viewer } from "../auth/viewer";
import type { ArticleFilter } from "./feed.args";
import { type ArticlePage, withScope } from "./feed.count";
import { afterKeysetSql, type Bind, feedConditions, newestFirstSql } from "./feed.sql";
import { decodeAfter } from "./feed.window";
import type { LookAheadOf } from "./look-ahead";
import type { ReaderPages } from "./reader-pages";

/**
 * The published feed as a read model over articles: newest first, keyset-paginated on (publishedAt, id).
 * A keyset (unlike an offset) stays exact while articles are published during a walk: newer ones land before the
 * walker's position, so every page continues where the last one ended.
 */
export class FeedService {
  constructor(
    private readonly dataSource: DataSource,
    /** The one-statement path for pages whose selection is known ahead; null to load everything through loaders. */
    private readonly pages: ReaderPages | null = null,
  ) {}

  /** One page of the feed, filtered; with a look-ahead, the page and everything it selects in one statement. */
  async page(
    viewer: Viewer,
    first: number,
    after: string | null | undefined,
    filter: ArticleFilter | null = {},
    lookAheadOf?: LookAheadOf,
  ): Promise<ArticlePage> {
    const limit = pageLimit(first);
    const keyset = decodeAfter(after);
    const lookAhead = this.pages && lookAheadOf?.();
    const rows =
      this.pages && lookAhead
        ? await this.pages.feed(viewer, limit, keyset, filter ?? {}, lookAhead)
        : await this.rows(viewer, limit, keyset, filter ?? {});
    return withScope(toConnection(rows, first, feedCursorOf), { filter: filter ?? {} });
  }

  /** Up to `limit` feed rows after a position, authors joined. */
  async rows(viewer: Viewer, limit: number, after: Keyset | null, filter: ArticleFilter = {}): Promise<Article[]> {
    const qb = withAuthor(this.dataSource.getRepository(Article).createQueryBuilder("a"));
    const conditions = feedConditions("a", viewer, after, filter, typeormBind(qb));
    return newestFirst(qb.where(conditions.join(" AND ")), viewer)
      .limit(limit)
      .getMany();
  }

  /**
   * Up to `limit` feed rows per author, for many authors in ONE statement: a LATERAL subquery walks each author's
   * slice of the partial index articles_author_feed_idx (author_id, published_at, id), in order.
   */
  async rowsByAuthor(
    viewer: Viewer,
    authorIds: readonly string[],
    limit: number,
    after: Keyset | null,
  ): Promise<Map<string, Article[]>> {
    const qb = withAuthor(this.dataSource.getRepository(Article).createQueryBuilder("a"));
    const bind = typeormBind(qb);
    const keyset = after ? `AND ${afterKeysetSql("y", viewer, after, bind)}` : "";
    qb.where(
      `a.id IN (SELECT x.id FROM unnest(${bind([...authorIds], "uuid[]")}) AS k(author_id) CROSS JOIN LATERAL (
           SELECT y.id FROM articles y
           WHERE y.author_id = k.author_id AND ${visibleArticleSql("y", viewer)} ${keyset}
           ORDER BY ${newestFirstSql("y", viewer)} LIMIT ${bind(limit)}) x)`,
    );
    const byAuthor = new Map<string, Article[]>(authorIds.map((id) => [id, []]));
    for (const article of await newestFirst(qb, viewer).getMany()) byAuthor.get(article.authorId)?.push(article);
    return byAuthor;
  }
}

/** Binds values as TypeORM named parameters (`:p0`, `:p1`, ...) of this query builder. */
export function typeormBind(qb: SelectQueryBuilder<Article>): Bind {
  let n = 0;
  return (value, type) => {
    const name = `p${n++}`;
    qb.setParameter(name, value);
    return type ? `CAST(:${name} AS ${type})` : `:${name}`;
  };
}

/**
 * Feed rows carry their author (one join instead of a second batch): a page of any size then costs a fixed number of
 * statements however its fields resolve in time.
 */
export const withAuthor = (qb: SelectQueryBuilder<Article>) => qb.innerJoinAndSelect("a.author", "author");

/** {@link newestFirstSql} for TypeORM, which takes its ORDER BY term by term. */
const newestFirst = (qb: SelectQueryBuilder<Article>, viewer: Viewer) =>
  qb.orderBy(feedKeySql("a", viewer), "DESC").addOrderBy("a.id", "DESC");
