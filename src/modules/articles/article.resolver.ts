import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";

import { LookupArgs } from "../../common/lookup.args";
import type { Context } from "../../graphql/context";
import { Author } from "../authors/author.entity";
import { articleLookAhead } from "../news-feed/look-ahead";
import { Article } from "./article.entity";
import type { ArticleService } from "./article.service";

@Resolver(() => Article)
export class ArticleResolver {
  constructor(private readonly articles: ArticleService) {}

  @Query(() => Article, {
    nullable: true,
    description: "A published article by `id` or `slug` (exactly one); null when no such article is published.",
  })
  article(
    @Args() lookup: LookupArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Article | null> {
    return this.articles.findVisible(context.viewer, lookup, articleLookAhead(info, context));
  }

  @FieldResolver(() => Author, { description: "Who wrote the article." })
  author(@Root() article: Article, @Ctx() { loaders }: Context): Author | Promise<Author> {
    // Lists, lookups and look-aheads bring the author along (no promise to wait for); the loader covers other paths.
    return article.author ?? loaders.authorById.load(article.authorId).then((author) => authorOf(article, author));
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

function authorOf(article: Article, author: Author | null): Author {
  if (!author) throw new Error(`article ${article.id} has no author ${article.authorId}`);
  return author;
}
