import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";

import type { Context } from "../../graphql/context";
import { Article } from "../articles/article.entity";
import { Tag } from "./tag.entity";

/** The field tags add to Article. */
@Resolver(() => Article)
export class ArticleTagsResolver {
  @FieldResolver(() => [Tag], { description: "Topics of the article, alphabetically." })
  tags(@Root() article: Article, @Ctx() { loaders }: Context): Promise<Tag[]> {
    return loaders.tagsByArticleId.load(article.id);
  }
}
