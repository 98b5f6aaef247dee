import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";

import type { Connection } from "../../common/pagination";
import { feedKey, recordAnswer } from "../../delivery/dependencies";
import type { Context } from "../../graphql/context";
import { Article } from "../articles/article.entity";
import { ArticleConnection } from "./article-connection.type";
import { ArticlesArgs, LatestNewsArgs } from "./feed.args";
import type { FeedService } from "./feed.service";
import { connectionLookAhead } from "./look-ahead";

/** The public root queries of the feed. */
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
    const page = this.feed.page(context.viewer, first, after, filter, connectionLookAhead(info, context));
    return recordAnswer(context.dependencies, [feedKey(filter)], page);
  }

  @Query(() => ArticleConnection, { description: "Published articles, newest first, narrowed by a filter." })
  articles(
    @Args() { first, after, filter }: ArticlesArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Article>> {
    const page = this.feed.page(context.viewer, first, after, filter, connectionLookAhead(info, context));
    return recordAnswer(context.dependencies, [feedKey(filter ?? {})], page);
  }
}
