import DataLoader from "dataloader";

import type { TotalCount } from "../../common/pagination";
import type { RowCounter } from "../../database/row-counts";
import type { Viewer } from "../auth/viewer";
import { matchesSql } from "./search.sql";
import type { SearchScope } from "./search.types";

/** Searches of the same query and filter list the same hits, and share one count. */
const scopeKey = ({ query, filter }: SearchScope): string =>
  JSON.stringify([
    query,
    filter.authorSlug ?? null,
    filter.tagSlug ?? null,
    filter.publishedAfter ?? null,
    filter.publishedBefore ?? null,
    filter.status ?? null,
  ]);

/**
 * Total counts of searches for one viewer and request: every match the viewer may see within the filter (also those
 * past the ranked bound, MAX_RANKED_MATCHES, which no page reaches), counted by the row counter's bounds (exact up to
 * COUNT_EXACT_LIMIT and within COUNT_TIMEOUT_MS, else the planner's estimate). Every search asked in a tick is counted
 * in one statement.
 */
export function searchCountLoader(counter: RowCounter, viewer: Viewer): DataLoader<SearchScope, TotalCount, string> {
  return new DataLoader(
    async (scopes) => {
      const counts = await counter.count(
        scopes.map(({ query, filter }) => ({ rows: (add) => matchesSql(viewer, query, filter, add) })),
      );
      return counts.map(({ count, isEstimate }) => ({ count, isEstimate }));
    },
    { cacheKeyFn: scopeKey },
  );
}
