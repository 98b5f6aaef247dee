import { visibleArticleSql } from "../articles/article.visibility";
import type { Viewer } from "../auth/viewer";
import { MAX_RELATED_LINKS } from "./related-link.entity";

/** The aliases one use of {@link relatedEntriesSql} takes (unique within its statement). */
export interface RelatedAliases {
  /** The entries (columns url, title, target_id, reason, score, part, position). */
  e: string;
  /** The target article (null for an external link). */
  t: string;
  l: string;
  r: string;
  p: string;
}

/**
 * An article's related news as readers get it: the one rule both read paths (the look-ahead and the loaders) use.
 * The editor's pinned links in their order, then the stored computed list in its order; each target article once (a
 * pinned target is not repeated computed); only targets `viewer` may see, applied here at read time because a
 * scheduled or unpublished target changes without a write to the article that lists it; at most MAX_RELATED_LINKS
 * entries (what `Article.related` shows at most, and what `latestNews` leaves out). `articleId` is an SQL expression.
 */
export function relatedEntriesSql(
  articleId: string,
  viewer: Viewer,
  select: string,
  { e, t, l, r, p }: RelatedAliases,
) {
  return `SELECT ${select} FROM (
      SELECT ${l}.url, ${l}.title, ${l}.target_article_id AS target_id, 'PINNED' AS reason, NULL::float8 AS score, 0 AS part, ${l}.position
        FROM related_links ${l} WHERE ${l}.article_id = ${articleId}
      UNION ALL
      SELECT NULL, NULL, ${r}.target_id, ${r}.reason::text, ${r}.score, 1, ${r}.position
        FROM article_related ${r} WHERE ${r}.article_id = ${articleId}
         AND NOT EXISTS (SELECT 1 FROM related_links ${p} WHERE ${p}.article_id = ${r}.article_id AND ${p}.target_article_id = ${r}.target_id)
    ) ${e} LEFT JOIN articles ${t} ON ${t}.id = ${e}.target_id
    WHERE ${e}.url IS NOT NULL OR (${t}.id IS NOT NULL AND ${visibleArticleSql(t, viewer)})
    ORDER BY ${e}.part, ${e}.position LIMIT ${MAX_RELATED_LINKS}`;
}
