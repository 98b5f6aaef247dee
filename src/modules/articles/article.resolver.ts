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
  async author(@Root() article: Article, @Ctx() { loaders }: Context): Promise<Author> {
    // Lists and lookups join the author already; the loader covers any other path.
    const author = article.author ?? (await loaders.authorById.load(article.authorId));
    if (!author) throw new Error(`article ${article.id} has no author ${article.authorId}`);
    return author;
  }

  @FieldResolver(() => String, { description: "Full text as Markdown source." })
  async body(@Root() article: Article, @Ctx() { loaders }: Context): Promise<string> {
    return article.body ?? (await loaders.articleBody.load(article.id)).body;
  }

  @FieldResolver(() => String, {
    description: "The body rendered to HTML and sanitized (no scripts, event handlers or javascript: URLs).",
  })
  async bodyHtml(@Root() article: Article, @Ctx() { loaders }: Context): Promise<string> {
    return article.bodyHtml ?? (await loaders.articleBody.load(article.id)).bodyHtml;
  }
}
