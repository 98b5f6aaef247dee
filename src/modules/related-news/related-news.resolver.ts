import { Max, Min } from "class-validator";
import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Resolver, Root } from "type-graphql";

import type { Context } from "../../graphql/context";
import { Article } from "../articles/article.entity";
import { RelatedItem } from "./related-item.type";

/** Most related links an article may carry; lists are short and returned whole. */
export const MAX_RELATED_LINKS = 20;

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

@Resolver(() => Article)
export class RelatedNewsResolver {
  @FieldResolver(() => [RelatedItem], {
    description: "Related news in editorial order: published articles and external links in one list.",
  })
  async related(
    @Root() article: Article,
    @Args() { first }: RelatedArgs,
    @Ctx() { loaders }: Context,
  ): Promise<RelatedItem[]> {
    return (await loaders.relatedByArticleId.load(article.id)).slice(0, first);
  }
}
