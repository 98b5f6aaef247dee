import { Max, Min } from "class-validator";
import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Resolver, Root } from "type-graphql";

import type { Context } from "../../graphql/context";
import { Article } from "../articles/article.entity";
import { RelatedItem } from "./related-item.type";
import { MAX_RELATED_LINKS } from "./related-link.entity";
import { firstRelated, firstRelatedNews } from "./related-link.loaders";
import { RelatedNewsEntry } from "./related-news-entry.type";

@ArgsType()
class RelatedArgs {
  @Field(() => Int, {
    defaultValue: MAX_RELATED_LINKS,
    description: `How many entries, from 1 to ${MAX_RELATED_LINKS}.`,
  })
  @Min(1)
  @Max(MAX_RELATED_LINKS)
  first: number = MAX_RELATED_LINKS;
}

/** The fields related news adds to Article: one list (pinned, then computed), two shapes. */
@Resolver(() => Article)
export class ArticleRelatedResolver {
  @FieldResolver(() => [RelatedItem], {
    description:
      "Related news: the editor's pinned articles and external links in their order, then computed related articles " +
      "(shared tags, same author, similar headline), never this article, never twice, only visible ones.",
  })
  related(
    @Root() article: Article,
    @Args() { first }: RelatedArgs,
    @Ctx() { loaders }: Context,
  ): Promise<RelatedItem[]> {
    return firstRelated(loaders.relatedByArticleId, article.id, first);
  }

  @FieldResolver(() => [RelatedNewsEntry], {
    description: "The same list as `related`, each entry with why it is there (`reason`) and its `score`.",
  })
  relatedNews(
    @Root() article: Article,
    @Args() { first }: RelatedArgs,
    @Ctx() { loaders }: Context,
  ): Promise<RelatedNewsEntry[]> {
    return firstRelatedNews(loaders.relatedByArticleId, article.id, first);
  }
}
