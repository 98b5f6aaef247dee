import type { DataSource, SelectQueryBuilder } from "typeorm";

import { type Connection, decodeCursor, feedCursorOf, type Keyset, toConnection } from "../../common/pagination";
import { Article } from "../articles/article.entity";
import { feedKeySql, statusSql, visibleArticleSql } from "../articles/article.visibility";
import type { Viewer } from "../auth/viewer";
import { Author } from "../authors/author.entity";
import { Tag } from "../tags/tag.entity";
import type { ArticleFilter } from "./feed.args";

/**
 * The published feed as a read model over articles: newest first, keyset-paginated on (publishedAt, id).
 * A keyset (unlike an offset) stays exact while articles are published during a walk: newer ones land before the
 * walker's position, so every page continues where the last one ended.
 */
export class FeedService {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of the feed, filtered. */
  async page(
    viewer: Viewer,
    first: number,
    after: string | undefined,
    filter: ArticleFilter = {},
  ): Promise<Connection<Article>> {
    const rows = await this.rows(viewer, first + 1, decodeAfter(after), filter);
    return toConnection(rows, first, feedCursorOf);
  }

  /** Up to `limit` feed rows after a position. */
  async rows(viewer: Viewer, limit: number, after: Keyset | null, filter: ArticleFilter = {}): Promise<Article[]> {
    // Slugs become ids first: a slug that names nothing is an empty page at once, instead of a walk through the whole
    // feed looking for matches that cannot exist.
    const authorId = filter.authorSlug === undefined ? undefined : await this.idOf(Author, filter.authorSlug);
    const tagId = filter.tagSlug === undefined ? undefined : await this.idOf(Tag, filter.tagSlug);
    if (authorId === null || tagId === null) return [];
    const key = feedKeySql("a", viewer);
    const qb = withAuthor(this.dataSource.getRepository(Article).createQueryBuilder("a")).where(
      visibleArticleSql("a", viewer),
    );
    if (after) qb.andWhere(`(${key}, a.id) < (:afterAt, :afterId)`, { afterAt: after.key, afterId: after.id });
    if (filter.status !== undefined) qb.andWhere(statusSql("a", filter.status));
    if (authorId) qb.andWhere("a.author_id = :authorId", { authorId });
    if (tagId) {
      qb.andWhere("EXISTS (SELECT 1 FROM article_tags at WHERE at.article_id = a.id AND at.tag_id = :tagId)", {
        tagId,
      });
    }
    if (filter.publishedAfter)
      qb.andWhere("a.published_at >= :publishedAfter", { publishedAfter: filter.publishedAfter });
    if (filter.publishedBefore)
      qb.andWhere("a.published_at < :publishedBefore", { publishedBefore: filter.publishedBefore });
    return newestFirst(qb, key).limit(limit).getMany();
  }

  private async idOf(entity: typeof Author | typeof Tag, slug: string): Promise<string | null> {
    const found = await this.dataSource.getRepository(entity).findOne({ select: { id: true }, where: { slug } });
    return found?.id ?? null;
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
    const key = feedKeySql("y", viewer);
    const keyset = after ? `AND (${key}, y.id) < (:afterAt, :afterId)` : "";
    const qb = withAuthor(this.dataSource.getRepository(Article).createQueryBuilder("a")).where(
      `a.id IN (SELECT x.id FROM unnest(CAST(:authorIds AS uuid[])) AS k(author_id) CROSS JOIN LATERAL (
           SELECT y.id FROM articles y
           WHERE y.author_id = k.author_id AND ${visibleArticleSql("y", viewer)} ${keyset}
           ORDER BY ${key} DESC, y.id DESC LIMIT :limit) x)`,
      { authorIds: [...authorIds], limit, afterAt: after?.key, afterId: after?.id },
    );
    const byAuthor = new Map<string, Article[]>(authorIds.map((id) => [id, []]));
    for (const article of await newestFirst(qb, feedKeySql("a", viewer)).getMany())
      byAuthor.get(article.authorId)?.push(article);
    return byAuthor;
  }
}

export const decodeAfter = (after: string | undefined): Keyset | null =>
  after === undefined || after === null ? null : decodeCursor(after, "published");

/**
 * Feed rows carry their author (one join instead of a second batch): a page of any size then costs a fixed number of
 * statements however its fields resolve in time.
 */
export const withAuthor = (qb: SelectQueryBuilder<Article>) => qb.innerJoinAndSelect("a.author", "author");

const newestFirst = (qb: SelectQueryBuilder<Article>, key: string) =>
  qb.orderBy(key, "DESC").addOrderBy("a.id", "DESC");
