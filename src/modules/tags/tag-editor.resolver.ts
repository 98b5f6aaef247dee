import { Args, Authorized, ID, Mutation, Resolver } from "type-graphql";

import { IdArgs } from "../../common/id.args";
import { Article } from "../articles/article.entity";
import { Role } from "../auth/viewer";
import { Tag } from "./tag.entity";
import { CreateTagArgs, RenameTagArgs, TagArticleArgs } from "./tag.inputs";
import type { TagEditorService } from "./tag-editor.service";

@Resolver(() => Tag)
export class TagEditorResolver {
  constructor(private readonly editor: TagEditorService) {}

  @Authorized(Role.EDITOR)
  @Mutation(() => Tag, { description: "Creates a tag; CONFLICT when the slug is taken. Editors." })
  createTag(@Args() { name, slug }: CreateTagArgs): Promise<Tag> {
    return this.editor.create(name, slug);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Tag, { description: "Renames a tag (and its slug, if given). Editors." })
  renameTag(@Args() { id, name, slug }: RenameTagArgs): Promise<Tag> {
    return this.editor.rename(id, name, slug);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, { description: "Deletes a tag and takes it off every article; returns its id. Editors." })
  deleteTag(@Args() { id }: IdArgs): Promise<string> {
    return this.editor.delete(id);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Article, { description: "Adds tags (by slug) to an article. Editors." })
  attachTags(@Args() { articleId, tags }: TagArticleArgs): Promise<Article> {
    return this.editor.attach(articleId, tags);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Article, { description: "Takes tags (by slug) off an article. Editors." })
  detachTags(@Args() { articleId, tags }: TagArticleArgs): Promise<Article> {
    return this.editor.detach(articleId, tags);
  }
}
