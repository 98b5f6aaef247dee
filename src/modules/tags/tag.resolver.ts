import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";

import type { Context } from "../../graphql/context";
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
  tags(@Root() article: Article, @Ctx() { loaders }: Context): Promise<Tag[]> {
    return loaders.tagsByArticleId.load(article.id);
  }
}
