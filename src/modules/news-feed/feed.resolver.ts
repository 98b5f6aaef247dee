import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";

import { type Connection, feedCursorOf, PageArgs, toConnection } from "../../common/pagination";
import type { Context } from "../../graphql/context";
import { Article } from "../articles/article.entity";
import { Author } from "../authors/author.entity";
import { ArticleConnection } from "./article-connection.type";
import { ArticlesArgs, LatestNewsArgs } from "./feed.args";
import type { FeedService } from "./feed.service";
import { decodeAfter, feedPageLimit, latestNewsPage, latestNewsWindow } from "./feed.window";
import { connectionLookAhead } from "./look-ahead";

@Resolver()
export class FeedResolver {
  constructor(private readonly feed: FeedService) {}

  @Query(() => ArticleConnection, {
    description: "The Latest News feed: published articles, newest first, optionally of one tag or author.",
  })
  latestNews(
    @Args() { first, after, tag, author }: LatestNewsArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Article>> {
    const filter = { tagSlug: tag ?? undefined, authorSlug: author ?? undefined };
    return this.feed.page(context.viewer, first, after, filter, connectionLookAhead(info, context));
  }

  @Query(() => ArticleConnection, { description: "Published articles, newest first, narrowed by a filter." })
  articles(
    @Args() { first, after, filter }: ArticlesArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Article>> {
    return this.feed.page(context.viewer, first, after, filter, connectionLookAhead(info, context));
  }
}

@Resolver(() => Article)
export class ArticleLatestNewsResolver {
  @FieldResolver(() => ArticleConnection, {
    description: "The Latest News feed shown beside this article: the newest published articles except this one.",
  })
  async latestNews(@Root() article: Article, @Args() { first, after }: PageArgs, @Ctx() { loaders }: Context) {
    const rows = await loaders.feedWindow.load({ ...latestNewsWindow(first), after: decodeAfter(after) });
    return latestNewsPage(article, rows, first);
  }
}

@Resolver(() => Author)
export class AuthorArticlesResolver {
  @FieldResolver(() => ArticleConnection, { description: "The author's published articles, newest first." })
  async articles(@Root() author: Author, @Args() { first, after }: PageArgs, @Ctx() { loaders }: Context) {
    const window = { authorId: author.id, limit: feedPageLimit(first), after: decodeAfter(after) };
    return toConnection(await loaders.authorFeed.load(window), first, feedCursorOf);
  }
}
