import { Ctx, Query, Resolver } from "type-graphql";

import { dependencyKey } from "../../delivery/dependencies";
import type { Context } from "../../graphql/context";
import { Tag } from "./tag.entity";
import type { TagService } from "./tag.service";

/** The public root queries of tags. */
@Resolver(() => Tag)
export class TagResolver {
  constructor(private readonly tagService: TagService) {}

  @Query(() => [Tag], { description: "Every tag, alphabetically." })
  tags(@Ctx() context: Context): Promise<Tag[]> {
    // Every write to a tag purges the list's key, so the list needs no key per tag (and stays a short header).
    context.dependencies?.add(dependencyKey.tags);
    return this.tagService.all();
  }
}
