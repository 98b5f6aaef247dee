import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";

import { type Connection, countFieldsResolver, PageArgs } from "../../common/pagination";
import type { Context } from "../../graphql/context";
import { Article } from "../articles/article.entity";
import { Author } from "../authors/author.entity";
import { ArticleConnection } from "./article-connection.type";
import { ArticleLatestNewsArgs } from "./feed.args";
import type { ArticlePage } from "./feed.count";
import { authorArticlesPage, latestNewsBeside } from "./feed.loaders";

/** The field the feed adds to Article. */
@Resolver(() => Article)
export class ArticleLatestNewsResolver {
  @FieldResolver(() => ArticleConnection, {
    description:
      "The Latest News feed shown beside this article: the newest published articles except this one and, unless " +
      "`excludeRelated` is false, except those in its related news.",
  })
  latestNews(
    @Root() article: Article,
    @Args() { excludeRelated, ...page }: ArticleLatestNewsArgs,
    @Ctx() { loaders }: Context,
  ): Promise<Connection<Article>> {
    return latestNewsBeside(loaders.feedWindow, article, page, excludeRelated ? loaders.relatedByArticleId : undefined);
  }
}

/** The field the feed adds to Author. */
@Resolver(() => Author)
export class AuthorArticlesResolver {
  @FieldResolver(() => ArticleConnection, { description: "The author's published articles, newest first." })
  articles(@Root() author: Author, @Args() page: PageArgs, @Ctx() { loaders }: Context): Promise<Connection<Article>> {
    return authorArticlesPage(loaders.authorFeed, author, page);
  }
}

/** `ArticleConnection.totalCount` and `totalCountIsEstimate`: the page's list, counted once per request when asked. */
export const ArticleConnectionCountResolver = countFieldsResolver(
  ArticleConnection,
  "article",
  (page: ArticlePage, { loaders }: Context) => loaders.feedCount.load(page.scope),
);
