import DataLoader from "dataloader";

import { feedCursorOf, type Keyset, type PageArgs, pageLimit, toConnection } from "../../common/pagination";
import type { Article } from "../articles/article.entity";
import type { Viewer } from "../auth/viewer";
import type { Author } from "../authors/author.entity";
import { relatedArticleIds } from "../related-news/related-link.loaders";
import type { RelatedNewsEntry } from "../related-news/related-news-entry.type";
import { type ArticlePage, withScope } from "./feed.count";
import type { FeedService } from "./feed.service";
import { decodeAfter, latestNewsPage, latestNewsWindow } from "./feed.window";

export interface FeedWindow {
  /** Rows wanted. */
  limit: number;
  after: Keyset | null;
}
const windowKey = ({ limit, after }: FeedWindow) => `${limit}|${after?.key ?? ""}|${after?.id ?? ""}`;

/**
 * Feed rows per window. `Article.latestNews` of many articles asks for the same window and each leaves itself
 * out in memory, so a page of any size costs one statement per distinct (first, after).
 */
export function feedWindowLoader(feed: FeedService, viewer: Viewer): DataLoader<FeedWindow, Article[], string> {
  return new DataLoader((windows) => Promise.all(windows.map((w) => feed.rows(viewer, w.limit, w.after))), {
    cacheKeyFn: windowKey,
  });
}

export interface AuthorWindow extends FeedWindow {
  authorId: string;
}

/** Feed rows per author: one statement per distinct window, whatever the number of authors. */
export function authorFeedLoader(feed: FeedService, viewer: Viewer): DataLoader<AuthorWindow, Article[], string> {
  return new DataLoader(
    async (keys) => {
      const groups = new Map<string, AuthorWindow[]>();
      for (const key of keys) {
        const group = groups.get(windowKey(key));
        if (group) group.push(key);
        else groups.set(windowKey(key), [key]);
      }
      const results = new Map<string, Article[]>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const { limit, after } = group[0]!;
          const byAuthor = await feed.rowsByAuthor(
            viewer,
            group.map((key) => key.authorId),
            limit,
            after,
          );
          for (const key of group) results.set(`${key.authorId}|${windowKey(key)}`, byAuthor.get(key.authorId) ?? []);
        }),
      );
      return keys.map((key) => results.get(`${key.authorId}|${windowKey(key)}`)!);
    },
    { cacheKeyFn: (key) => `${key.authorId}|${windowKey(key)}` },
  );
}

/**
 * `Article.latestNews`: the page beside `article`, from the window every article of the request shares, without the
 * article's related news when `related` (its loader) is given.
 */
export async function latestNewsBeside(
  windows: DataLoader<FeedWindow, Article[], string>,
  article: Pick<Article, "id">,
  { first, after }: PageArgs,
  related?: DataLoader<string, RelatedNewsEntry[]>,
): Promise<ArticlePage> {
  const [rows, entries] = await Promise.all([
    windows.load({ ...latestNewsWindow(first, related !== undefined), after: decodeAfter(after) }),
    related?.load(article.id),
  ]);
  return latestNewsPage(article, rows, first, entries && relatedArticleIds(entries));
}

/** `Author.articles`: one page of the author's feed. */
export async function authorArticlesPage(
  authorFeed: DataLoader<AuthorWindow, Article[], string>,
  author: Pick<Author, "id">,
  { first, after }: PageArgs,
): Promise<ArticlePage> {
  const rows = await authorFeed.load({ authorId: author.id, limit: pageLimit(first), after: decodeAfter(after) });
  return withScope(toConnection(rows, first, feedCursorOf), { filter: {}, authorId: author.id });
}
