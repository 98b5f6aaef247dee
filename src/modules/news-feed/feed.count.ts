import DataLoader from "dataloader";

import type { Connection, TotalCount } from "../../common/pagination";
import type { AddParam, RowCounter } from "../../database/row-counts";
import type { Article } from "../articles/article.entity";
import type { Viewer } from "../auth/viewer";
import type { ArticleFilter } from "./feed.args";
import { feedConditions } from "./feed.sql";

/** Which articles an ArticleConnection lists, all its pages together: what its `totalCount` counts. */
export interface FeedScope {
  filter: ArticleFilter;
  /** `Author.articles`: only this author's articles. */
  authorId?: string;
  /** Articles the list leaves out (`Article.latestNews`: the article itself). */
  excluded?: readonly string[];
}

/** A page of articles that knows the list it was taken from. */
export type ArticlePage = Connection<Article> & { scope: FeedScope };

/** Marks a page with the list it was taken from, so that `totalCount` can count that list if asked. */
export const withScope = (page: Connection<Article>, scope: FeedScope): ArticlePage => Object.assign(page, { scope });

/** The rows of a scope's list, before leaving anything out: the feed's own conditions (visibility and filter). */
function feedRows(viewer: Viewer, { filter, authorId }: FeedScope, add: AddParam): string {
  const conditions = feedConditions("a", viewer, null, filter, add);
  if (authorId !== undefined) conditions.push(`a.author_id = ${add(authorId, "uuid")}`);
  return `SELECT a.id FROM articles a WHERE ${conditions.join(" AND ")}`;
}

/** Scopes that count the same rows (leaving out different articles) share a key, and one count. */
const listKey = ({ filter, authorId }: FeedScope): string =>
  JSON.stringify([
    authorId ?? null,
    filter.authorSlug ?? null,
    filter.tagSlug ?? null,
    filter.publishedAfter ?? null,
    filter.publishedBefore ?? null,
    filter.status ?? null,
  ]);
const scopeKey = (scope: FeedScope): string => `${listKey(scope)}|${[...(scope.excluded ?? [])].sort().join(",")}`;

/**
 * Total counts of article lists for one viewer and request. Every scope asked in a tick is counted in one
 * statement; scopes of the same list (the latest news beside each article of a page) share one count, each leaving
 * out its own articles where the count is exact.
 */
export function feedCountLoader(counter: RowCounter, viewer: Viewer): DataLoader<FeedScope, TotalCount, string> {
  return new DataLoader(
    async (scopes) => {
      const lists = new Map<string, { scope: FeedScope; excluded: Set<string> }>();
      for (const scope of scopes) {
        const key = listKey(scope);
        const list = lists.get(key) ?? { scope, excluded: new Set<string>() };
        for (const id of scope.excluded ?? []) list.excluded.add(id);
        lists.set(key, list);
      }
      const groups = [...lists.entries()];
      const counts = await counter.count(
        groups.map(([, { scope, excluded }]) => ({
          rows: (add) => feedRows(viewer, scope, add),
          probes: [...excluded],
        })),
      );
      const byList = new Map(groups.map(([key], i) => [key, counts[i]!]));
      return scopes.map((scope) => {
        const { count, isEstimate, present } = byList.get(listKey(scope))!;
        const left = [...new Set(scope.excluded)].filter((id) => present.has(id)).length;
        return { count: count - left, isEstimate };
      });
    },
    { cacheKeyFn: scopeKey },
  );
}
