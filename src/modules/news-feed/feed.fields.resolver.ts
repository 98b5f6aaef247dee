import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";

import { type Connection, PageArgs } from "../../common/pagination";
import type { Context } from "../../graphql/context";
import { Article } from "../articles/article.entity";
import { Author } from "../authors/author.entity";
import { ArticleConnection } from "./article-connection.type";
import { authorArticlesPage, latestNewsBeside } from "./feed.loaders";

/** The field the feed adds to Article. */
@Resolver(() => Article)
export class ArticleLatestNewsResolver {
  @FieldResolver(() => ArticleConnection, {
    description: "The Latest News feed shown beside this article: the newest published articles except this one.",
  })
  latestNews(
    @Root() article: Article,
    @Args() page: PageArgs,
    @Ctx() { loaders }: Context,
  ): Promise<Connection<Article>> {
    return latestNewsBeside(loaders.feedWindow, article, page);
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
