import { IsOptional, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, ID, Int, ObjectType } from "type-graphql";

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../../common/pagination";
import { Article } from "../articles/article.entity";

@ArgsType()
export class FeedChangesArgs {
  @Field({
    nullable: true,
    description:
      "The `nextSince` of the previous call; omit it for the initial sync (the whole feed). A token only works with the `tag` and `author` it was issued for.",
  })
  @IsOptional()
  since?: string;

  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many changes (changed and removed together) to return, from 1 to ${MAX_PAGE_SIZE}.`,
  })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field({ nullable: true, description: "Only follow articles with this tag (a tag slug)." })
  @IsOptional()
  @MaxLength(200)
  tag?: string;

  @Field({ nullable: true, description: "Only follow articles by this author (an author slug)." })
  @IsOptional()
  @MaxLength(200)
  author?: string;
}

@ObjectType({
  description:
    "One page of a delta sync of the feed. Apply it to the local copy: upsert `changed`, delete `removed`; then call again with `nextSince` (at once while `hasMore`, later for news). Delivery is at least once: an article may come again, and `removed` may name articles the copy never had.",
  simpleResolvers: true,
})
export class FeedChanges {
  @Field(() => [Article], {
    description:
      "Articles readers can see that are new to the copy: created, edited, published, or whose scheduled time came. Ordered by id, not by time.",
  })
  changed!: Article[];

  @Field(() => [ID], {
    description: "Ids of articles readers no longer see (unpublished, archived, deleted, or out of the filter).",
  })
  removed!: string[];

  @Field({
    description: "Pass it as `since` on the next call. Opaque; expires after the server's tombstone retention.",
  })
  nextSince!: string;

  @Field({ description: "Whether more changes of this sync follow at once: call again with `nextSince` now." })
  hasMore!: boolean;
}
