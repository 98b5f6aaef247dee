import { GraphQLError } from "graphql";
import { Arg, ID, Resolver, Root, Subscription } from "type-graphql";

import { BadUserInputError, ErrorCode } from "../../common/errors";
import { isUuid } from "../../common/pagination";
import type { Context } from "../../graphql/context";
import { Article } from "../articles/article.entity";
import { ArticleRemoval } from "./article-removal.type";
import type { LiveArticles, LiveContext } from "./live-articles";

/** The longest tag or author slug a filter takes (as `latestNews`'s). */
const MAX_FILTER_LENGTH = 200;

const notLive = () =>
  new GraphQLError(
    "Subscriptions are served over WebSocket (graphql-ws) at /graphql and over Server-Sent Events at /graphql/stream.",
    { extensions: { code: ErrorCode.BAD_REQUEST } },
  );

/** The live articles of a subscription's context; over HTTP there are none (Apollo serves no subscriptions). */
function liveOf(context: Context): LiveArticles {
  const live = (context as Partial<LiveContext>).live;
  if (live) return live;
  throw notLive();
}

/**
 * An event's payload. Over HTTP, Apollo executes a subscription operation like a query (graphql-js runs the
 * fields' resolvers without an event): that is the client's mistake, answered as such.
 */
function payloadOf<T>(payload: T | undefined): T {
  if (payload === undefined) throw notLive();
  return payload;
}

/** type-graphql validates a subscription's arguments only when its payload resolves: `subscribe` checks its own. */
function slugFilter(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.length > MAX_FILTER_LENGTH) {
    throw BadUserInputError.of(
      name,
      "maxLength",
      `${name} must be shorter than or equal to ${MAX_FILTER_LENGTH} characters`,
    );
  }
  return value;
}

/**
 * The live root fields. Each payload is the event's article as the subscriber may see it, re-read when it is sent
 * (src/modules/subscriptions/live-articles.ts); the field resolvers of Article run on it as on a query's.
 */
@Resolver()
export class ArticleSubscriptionResolver {
  @Subscription(() => Article, {
    description:
      "Each article as it becomes visible to readers: published now, or a scheduled article at its time. `tag` and `author` (slugs) narrow it down.",
    subscribe: ({ args, context }) =>
      liveOf(context).published(context as Context, {
        tag: slugFilter(args, "tag"),
        author: slugFilter(args, "author"),
      }),
  })
  articlePublished(
    @Root() article: Article,
    @Arg("tag", { nullable: true, description: "Only articles with this tag (a tag slug)." }) _tag?: string,
    @Arg("author", { nullable: true, description: "Only articles by this author (an author slug)." }) _author?: string,
  ): Article {
    return payloadOf(article);
  }

  @Subscription(() => Article, {
    description: "The article `id` each time it changes while visible (to readers; editors see it as editors do).",
    subscribe: ({ args, context }) => {
      const id = args.id as string;
      if (!isUuid(id)) throw BadUserInputError.of("id", "isUuid", 'Argument "id" must be a UUID.');
      return liveOf(context).updated(context as Context, id);
    },
  })
  articleUpdated(@Root() article: Article, @Arg("id", () => ID) _id: string): Article {
    return payloadOf(article);
  }

  @Subscription(() => ArticleRemoval, {
    description: "Each article as readers stop seeing it: unpublished, archived, rescheduled to later, or deleted.",
    subscribe: ({ context }) => liveOf(context).removed(),
  })
  articleRemoved(@Root() removal: ArticleRemoval): ArticleRemoval {
    return payloadOf(removal);
  }
}
