import DataLoader from "dataloader";

import type { Keyset } from "../../common/pagination";
import type { Article } from "../articles/article.entity";
import type { Viewer } from "../auth/viewer";
import type { FeedService } from "./feed.service";

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
