import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";

import type { Context } from "../../graphql/context";
import { Author } from "../authors/author.entity";
import { Article } from "./article.entity";
import type { ArticleUrls } from "./article-url";

/**
 * Article's own fields that are not plain columns. Each answers synchronously with what the article was read with
 * (lists, lookups and look-aheads bring it along) and falls back to a loader on other paths.
 */
@Resolver(() => Article)
export class ArticleFieldsResolver {
  constructor(private readonly urls: ArticleUrls) {}

  // Needs only the id and slug, which every read path loads (the look-ahead projection lists its columns).
  @FieldResolver(() => String, {
    description: "The article's public web address (from `PUBLIC_ARTICLE_URL`), as feeds and sitemaps link it.",
  })
  url(@Root() article: Article): string {
    return this.urls.of(article);
  }

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
