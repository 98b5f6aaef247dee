import { Query, Resolver } from "type-graphql";

import { Tag } from "./tag.entity";
import type { TagService } from "./tag.service";

/** The public root queries of tags. */
@Resolver(() => Tag)
export class TagResolver {
  constructor(private readonly tagService: TagService) {}

  @Query(() => [Tag], { description: "Every tag, alphabetically." })
  tags(): Promise<Tag[]> {
    return this.tagService.all();
  }
}
