import { Args, Ctx, Query, Resolver } from "type-graphql";

import { countFieldsResolver } from "../../common/pagination";
import type { Context } from "../../graphql/context";
import type { SearchService } from "./search.service";
import { MAX_CANDIDATES, MAX_RANKED_MATCHES } from "./search.sql";
import { SearchArgs, SearchConnection, type SearchPage } from "./search.types";

/** The public search query. Not in the response cache: its answers record no dependencies to purge them by. */
@Resolver()
export class SearchResolver {
  constructor(private readonly searchService: SearchService) {}

  @Query(() => SearchConnection, {
    description:
      "Full-text search over titles, excerpts, tag names and bodies: hits best first (relevance blended with " +
      "recency, see `SearchHit.rank`), each with highlights. Readers find published articles only; editors find " +
      `every article. A broad query ranks its ${MAX_RANKED_MATCHES} newest matches only (\`totalCount\` counts ` +
      `them all); a query whose words are in more than ${MAX_CANDIDATES} articles looks for its matches among the ` +
      `newest ${MAX_CANDIDATES} only.`,
  })
  search(@Args() { query, first, after, filter }: SearchArgs, @Ctx() { viewer }: Context): Promise<SearchPage> {
    return this.searchService.search(viewer, query, first, after, filter);
  }
}

/** `SearchConnection.totalCount` and `totalCountIsEstimate`: the search's matches, counted once per request when asked. */
export const SearchConnectionCountResolver = countFieldsResolver(
  SearchConnection,
  "search hit",
  (page: SearchPage, { loaders }: Context) => loaders.searchCount.load(page.scope),
);
