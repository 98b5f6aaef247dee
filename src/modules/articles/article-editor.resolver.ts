import { IsInt, IsOptional, IsUUID, Max, Min } from "class-validator";
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from "type-graphql";

import { IdArgs, VersionedIdArgs } from "../../common/id.args";
import type { Context } from "../../graphql/context";
import { DEFAULT_PREVIEW_MINUTES, MAX_PREVIEW_MINUTES, type PreviewGrant } from "../auth/preview-token";
import { Role } from "../auth/viewer";
import { Article } from "./article.entity";
import { CreateArticleInput, UpdateArticleInput } from "./article.inputs";
import type { ArticleEditorService } from "./article-editor.service";
import type { ArticlePreviewService } from "./article-preview.service";
import { ArticleRevision } from "./article-revision.entity";

@ArgsType()
class PublishArgs extends VersionedIdArgs {
  @Field({ nullable: true, description: "Publication time; omitted means now, a future time schedules the article." })
  @IsOptional()
  at?: Date;
}

@ArgsType()
class RestoreArgs extends VersionedIdArgs {
  @Field(() => ID, { description: "The revision to bring back (from `Article.revisions`)." })
  @IsUUID("all", { message: "revisionId must be a UUID" })
  revisionId!: string;
}

@ArgsType()
class PreviewArgs extends IdArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_PREVIEW_MINUTES,
    description: `How long the token works, 1 to ${MAX_PREVIEW_MINUTES} minutes.`,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_PREVIEW_MINUTES)
  minutes: number = DEFAULT_PREVIEW_MINUTES;
}

@ObjectType({
  description: "A link-shareable permission to read one article in any state, until it expires.",
  simpleResolvers: true,
})
class ArticlePreview implements PreviewGrant {
  @Field({ description: "Pass it to `articlePreview(token:)`; anyone holding it can read the article." })
  token!: string;

  @Field({ description: "When the token stops working." })
  expiresAt!: Date;
}

/** Editors' mutations and editor-only fields of articles. */
@Resolver(() => Article)
export class ArticleEditorResolver {
  constructor(
    private readonly editor: ArticleEditorService,
    private readonly previews: ArticlePreviewService,
  ) {}

  @Authorized(Role.EDITOR)
  @Mutation(() => Article, { description: "Creates a DRAFT article. Editors." })
  createArticle(@Arg("input", () => CreateArticleInput) input: CreateArticleInput): Promise<Article> {
    return this.editor.create(input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Article, {
    description: "Changes an article's content, keeping the old state as a revision. Editors.",
  })
  updateArticle(
    @Arg("input", () => UpdateArticleInput) input: UpdateArticleInput,
    @Ctx() { viewer }: Context,
  ): Promise<Article> {
    return this.editor.update(viewer, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Article, { description: "Publishes now, or schedules for a future `at`. Editors." })
  publishArticle(@Args() { id, version, at }: PublishArgs, @Ctx() { viewer }: Context): Promise<Article> {
    return this.editor.publish(viewer, id, version, at);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Article, { description: "Takes an article back to DRAFT. Editors." })
  unpublishArticle(@Args() { id, version }: VersionedIdArgs, @Ctx() { viewer }: Context): Promise<Article> {
    return this.editor.unpublish(viewer, id, version);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Article, { description: "Withdraws an article from readers, keeping it. Editors." })
  archiveArticle(@Args() { id, version }: VersionedIdArgs, @Ctx() { viewer }: Context): Promise<Article> {
    return this.editor.archive(viewer, id, version);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Article, { description: "Brings back a revision's content as a new version. Editors." })
  restoreArticleRevision(
    @Args() { id, version, revisionId }: RestoreArgs,
    @Ctx() { viewer }: Context,
  ): Promise<Article> {
    return this.editor.restoreRevision(viewer, id, version, revisionId);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ID, { description: "Deletes an article with its links and revisions; returns its id. Editors." })
  deleteArticle(@Args() { id }: IdArgs): Promise<string> {
    return this.editor.delete(id);
  }

  @Authorized(Role.EDITOR)
  @FieldResolver(() => [ArticleRevision], { description: "Earlier states of the article, newest first. Editors." })
  revisions(@Root() article: Article, @Ctx() { loaders }: Context): Promise<ArticleRevision[]> {
    return loaders.revisionsByArticleId.load(article.id);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ArticlePreview, { description: "A signed, expiring token to show one article to anyone. Editors." })
  createArticlePreview(@Args() { id, minutes }: PreviewArgs): Promise<ArticlePreview> {
    return this.previews.create(id, minutes);
  }
}
