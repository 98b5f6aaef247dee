import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";

import type { Context } from "../../graphql/context";
import { Author } from "../authors/author.entity";
import { Article } from "./article.entity";

/**
 * Article's own fields that are not plain columns. Each answers synchronously with what the article was read with
 * (lists, lookups and look-aheads bring it along) and falls back to a loader on other paths.
 */
@Resolver(() => Article)
export class ArticleFieldsResolver {
  @FieldResolver(() => Author, { description: "Who wrote the article." })
  author(@Root() article: Article, @Ctx() { loaders }: Context): Author | Promise<Author> {
    return article.author ?? loaders.authorById.load(article.authorId);
  }

  @FieldResolver(() => String, { description: "Full text as Markdown source." })
  body(@Root() article: Article, @Ctx() { loaders }: Context): string | Promise<string> {
    return article.body ?? loaders.articleBody.load(article.id).then(({ body }) => body);
  }

  @FieldResolver(() => String, {
    description: "The body rendered to HTML and sanitized (no scripts, event handlers or javascript: URLs).",
  })
  bodyHtml(@Root() article: Article, @Ctx() { loaders }: Context): string | Promise<string> {
    return article.bodyHtml ?? loaders.articleBody.load(article.id).then(({ bodyHtml }) => bodyHtml);
  }
}
