import { Max, Min } from "class-validator";
import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Int, Mutation, Resolver, Root } from "type-graphql";

import type { Context } from "../../graphql/context";
import { Article } from "../articles/article.entity";
import { Role } from "../auth/viewer";
import { RelatedItem } from "./related-item.type";
import { MAX_RELATED_LINKS } from "./related-link.entity";
import {
  AddRelatedLinkArgs,
  MoveRelatedLinkArgs,
  RemoveRelatedLinkArgs,
  SetRelatedLinksArgs,
} from "./related-link.inputs";
import type { RelatedNewsEditorService } from "./related-news-editor.service";

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
  constructor(private readonly editor: RelatedNewsEditorService) {}

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

  @Authorized(Role.EDITOR)
  @Mutation(() => Article, { description: "Replaces an article's whole related-news list, in order. Editors." })
  setRelatedLinks(@Args() { articleId, links }: SetRelatedLinksArgs): Promise<Article> {
    return this.editor.replace(articleId, links);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Article, { description: "Inserts one related-news entry (at the end by default). Editors." })
  addRelatedLink(@Args() { articleId, link, position }: AddRelatedLinkArgs): Promise<Article> {
    return this.editor.add(articleId, link, position);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Article, { description: "Removes the related-news entry at a position. Editors." })
  removeRelatedLink(@Args() { articleId, position }: RemoveRelatedLinkArgs): Promise<Article> {
    return this.editor.remove(articleId, position);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Article, { description: "Moves a related-news entry to another position. Editors." })
  moveRelatedLink(@Args() { articleId, position, to }: MoveRelatedLinkArgs): Promise<Article> {
    return this.editor.move(articleId, position, to);
  }
}
