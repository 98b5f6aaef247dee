import { Max, Min } from "class-validator";
import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Resolver, Root } from "type-graphql";

import type { Context } from "../../graphql/context";
import { Article } from "../articles/article.entity";
import { RelatedItem } from "./related-item.type";
import { MAX_RELATED_LINKS } from "./related-link.entity";
import { firstRelated } from "./related-link.loaders";

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

/** The field related news adds to Article. */
@Resolver(() => Article)
export class ArticleRelatedResolver {
  @FieldResolver(() => [RelatedItem], {
    description: "Related news in editorial order: published articles and external links in one list.",
  })
  related(
    @Root() article: Article,
    @Args() { first }: RelatedArgs,
    @Ctx() { loaders }: Context,
  ): Promise<RelatedItem[]> {
    return firstRelated(loaders.relatedByArticleId, article.id, first);
  }
}
