import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";

import type { Context } from "../../graphql/context";
import { preloaded } from "../../graphql/preloaded";
import { Article } from "../articles/article.entity";
import { Tag } from "./tag.entity";
import type { TagService } from "./tag.service";

@Resolver(() => Tag)
export class TagResolver {
  constructor(private readonly tagService: TagService) {}

  @Query(() => [Tag], { description: "Every tag, alphabetically." })
  tags(): Promise<Tag[]> {
    return this.tagService.all();
  }
}

@Resolver(() => Article)
export class ArticleTagsResolver {
  @FieldResolver(() => [Tag], { description: "Topics of the article, alphabetically." })
  tags(
    @Root() article: Article,
    @Ctx() { loaders }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Tag[] | Promise<Tag[]> {
    return preloaded<Tag[]>(article, info) ?? loaders.tagsByArticleId.load(article.id);
  }
}
