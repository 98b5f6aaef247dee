import { Args, Query, Resolver } from "type-graphql";

import type { SyncService } from "./sync.service";
import { FeedChanges, FeedChangesArgs } from "./sync.types";

/** The public root query of delta sync. */
@Resolver()
export class SyncResolver {
  constructor(private readonly sync: SyncService) {}

  @Query(() => FeedChanges, {
    description:
      "Delta sync of the feed for apps that keep a local copy: without `since`, the feed as readers see it (paged); with the last `nextSince`, what changed since. Optionally of one tag or author, kept by the token.",
  })
  feedChanges(@Args() { since, first, tag, author }: FeedChangesArgs): Promise<FeedChanges> {
    return this.sync.changes(since, first, { tag: tag ?? null, author: author ?? null });
  }
}
