import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";

import { type Connection, feedCursorOf, PageArgs, toConnection } from "../../common/pagination";
import type { Context } from "../../graphql/context";
import { Article } from "../articles/article.entity";
import { Author } from "../authors/author.entity";
import { ArticleConnection } from "./article-connection.type";
import { ArticlesArgs, LatestNewsArgs } from "./feed.args";
import { decodeAfter, type FeedService } from "./feed.service";

@Resolver()
export class FeedResolver {
  constructor(private readonly feed: FeedService) {}

  @Query(() => ArticleConnection, {
    description: "The Latest News feed: published articles, newest first, optionally of one tag or author.",
  })
  latestNews(
    @Args() { first, after, tag, author }: LatestNewsArgs,
    @Ctx() { viewer }: Context,
  ): Promise<Connection<Article>> {
    return this.feed.page(viewer, first, after, { tagSlug: tag, authorSlug: author });
  }

  @Query(() => ArticleConnection, { description: "Published articles, newest first, narrowed by a filter." })
  articles(@Args() { first, after, filter }: ArticlesArgs, @Ctx() { viewer }: Context): Promise<Connection<Article>> {
    return this.feed.page(viewer, first, after, filter);
  }
}

@Resolver(() => Article)
export class ArticleLatestNewsResolver {
  @FieldResolver(() => ArticleConnection, {
    description: "The Latest News feed shown beside this article: the newest published articles except this one.",
  })
  async latestNews(@Root() article: Article, @Args() { first, after }: PageArgs, @Ctx() { loaders }: Context) {
    // One more row than a page needs, plus one for this article itself if it is in the window.
    const rows = await loaders.feedWindow.load({ limit: first + 2, after: decodeAfter(after) });
    const others = rows.filter((row) => row.id !== article.id);
    return toConnection(others, first, feedCursorOf);
  }
}

@Resolver(() => Author)
export class AuthorArticlesResolver {
  @FieldResolver(() => ArticleConnection, { description: "The author's published articles, newest first." })
  async articles(@Root() author: Author, @Args() { first, after }: PageArgs, @Ctx() { loaders }: Context) {
    const rows = await loaders.authorFeed.load({ authorId: author.id, limit: first + 1, after: decodeAfter(after) });
    return toConnection(rows, first, feedCursorOf);
  }
}
