import { Args, Authorized, Mutation, Resolver } from "type-graphql";

import { Article } from "../articles/article.entity";
import { Role } from "../auth/viewer";
import {
  AddRelatedLinkArgs,
  MoveRelatedLinkArgs,
  RelatedExclusionArgs,
  RemoveRelatedLinkArgs,
  SetRelatedLinksArgs,
} from "./related-link.inputs";
import type { RelatedNewsEditorService } from "./related-news-editor.service";

/** Editors' mutations of an article's related news. */
@Resolver(() => Article)
export class RelatedNewsEditorResolver {
  constructor(private readonly editor: RelatedNewsEditorService) {}

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

  @Authorized(Role.EDITOR)
  @Mutation(() => Article, {
    description: "Leaves an article out of another article's computed related news (pinning it still works). Editors.",
  })
  excludeRelated(@Args() { articleId, targetId }: RelatedExclusionArgs): Promise<Article> {
    return this.editor.exclude(articleId, targetId);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Article, {
    description: "Lets an excluded article back into another article's computed related news. Editors.",
  })
  includeRelated(@Args() { articleId, targetId }: RelatedExclusionArgs): Promise<Article> {
    return this.editor.include(articleId, targetId);
  }
}
