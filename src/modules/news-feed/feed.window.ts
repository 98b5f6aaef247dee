import {
  type Connection,
  decodeCursor,
  feedCursorOf,
  type Keyset,
  pageLimit,
  toConnection,
} from "../../common/pagination";
import type { Article } from "../articles/article.entity";

/** The position a feed's `after` argument names, or null for the first page; BAD_USER_INPUT for a foreign cursor. */
export const decodeAfter = (after: string | null | undefined): Keyset | null =>
  after === undefined || after === null ? null : decodeCursor(after, "published");

/**
 * The rows of `Article.latestNews`: one more than a page needs, plus one for the article itself if it is in the
 * window. Every article of a page asks for the same window, so it is fetched once however many articles there are.
 */
export const latestNewsWindow = (first: number): { limit: number } => ({ limit: pageLimit(first) + 1 });

/** The latest-news page beside `article`: its window without the article itself. */
export function latestNewsPage(article: Pick<Article, "id">, rows: Article[], first: number): Connection<Article> {
  return toConnection(
    rows.filter((row) => row.id !== article.id),
    first,
    feedCursorOf,
  );
}
