import { decodeCursor, feedCursorOf, type Keyset, pageLimit, toConnection } from "../../common/pagination";
import type { Article } from "../articles/article.entity";
import { MAX_RELATED_LINKS } from "../related-news/related-link.entity";
import { type ArticlePage, withScope } from "./feed.count";

/** The position a feed's `after` argument names, or null for the first page; BAD_USER_INPUT for a foreign cursor. */
export const decodeAfter = (after: string | null | undefined): Keyset | null =>
  after === undefined || after === null ? null : decodeCursor(after, "published");

/**
 * The rows of `Article.latestNews`: one more than a page needs, plus one for the article itself if it is in the
 * window, plus, when its related news is left out too, as many as that list can hold (MAX_RELATED_LINKS), so a page
 * is still full. Every article of a page asks for the same window, so it is fetched once however many articles there
 * are, and each leaves out its own.
 */
export const latestNewsWindow = (first: number, excludeRelated = false): { limit: number } => ({
  limit: pageLimit(first) + 1 + (excludeRelated ? MAX_RELATED_LINKS : 0),
});

/** The latest-news page beside `article`: its window without the article itself and the `related` article ids. */
export function latestNewsPage(
  article: Pick<Article, "id">,
  rows: Article[],
  first: number,
  related: ReadonlySet<string> = new Set(),
): ArticlePage {
  return withScope(
    toConnection(
      rows.filter((row) => row.id !== article.id && !related.has(row.id)),
      first,
      feedCursorOf,
    ),
    { filter: {}, excluded: [article.id, ...related] },
  );
}
