import type { Keyset } from "../../common/pagination";
import { feedKeySql, statusSql, visibleArticleSql } from "../articles/article.visibility";
import type { Viewer } from "../auth/viewer";
import type { ArticleFilter } from "./feed.args";

/** Adds a value to a statement and returns its placeholder (`$n`, or `:name` for TypeORM), cast to `type` if given. */
export type Bind = (value: unknown, type?: string) => string;

/** Feed order, newest first: the feed key, then the id, both descending (the feed indexes' order). */
export const newestFirstSql = (alias: string, viewer: Viewer): string =>
  `${feedKeySql(alias, viewer)} DESC, ${alias}.id DESC`;

/** Rows strictly after a keyset position in feed order: a row comparison the feed indexes answer as a range. */
export const afterKeysetSql = (alias: string, viewer: Viewer, after: Keyset, bind: Bind): string =>
  `(${feedKeySql(alias, viewer)}, ${alias}.id) < (${bind(after.key, "timestamptz")}, ${bind(after.id, "uuid")})`;

/**
 * The conditions of one feed window, ANDed: what the viewer may see, the position, and the filter. Slugs are looked up
 * inside the statement; an unknown tag is a one-time filter (false before any article is read), and an unknown author
 * makes the author index's range empty, so neither walks the feed.
 */
export function feedConditions(
  alias: string,
  viewer: Viewer,
  after: Keyset | null,
  filter: ArticleFilter,
  bind: Bind,
): string[] {
  const conditions = [visibleArticleSql(alias, viewer)];
  if (after) conditions.push(afterKeysetSql(alias, viewer, after, bind));
  if (filter.status != null) conditions.push(statusSql(alias, filter.status));
  if (filter.authorSlug != null) {
    conditions.push(`${alias}.author_id = (SELECT au.id FROM authors au WHERE au.slug = ${bind(filter.authorSlug)})`);
  }
  if (filter.tagSlug != null) {
    const tag = `(SELECT t.id FROM tags t WHERE t.slug = ${bind(filter.tagSlug)})`;
    conditions.push(
      `${tag} IS NOT NULL`,
      `EXISTS (SELECT 1 FROM article_tags x WHERE x.article_id = ${alias}.id AND x.tag_id = ${tag})`,
    );
  }
  if (filter.publishedAfter != null) {
    conditions.push(`${alias}.published_at >= ${bind(filter.publishedAfter, "timestamptz")}`);
  }
  if (filter.publishedBefore != null) {
    conditions.push(`${alias}.published_at < ${bind(filter.publishedBefore, "timestamptz")}`);
  }
  return conditions;
}
