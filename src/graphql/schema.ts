import type { GraphQLSchema } from "graphql";
import { buildSchema, type NonEmptyArray } from "type-graphql";

import { ArticleResolver } from "../modules/articles/article.resolver";
import { AuthorResolver } from "../modules/authors/author.resolver";
import { ArticleLatestNewsResolver, AuthorArticlesResolver, FeedResolver } from "../modules/news-feed/feed.resolver";
import { RelatedNewsResolver } from "../modules/related-news/related-news.resolver";
import { ArticleTagsResolver, TagResolver } from "../modules/tags/tag.resolver";
import type { Services } from "./context";

/** Resolver instances with their services, registered explicitly. */
function resolverInstances(services: Services): object[] {
  return [
    new ArticleResolver(services.articles),
    new AuthorResolver(services.authors),
    new TagResolver(services.tags),
    new ArticleTagsResolver(),
    new RelatedNewsResolver(),
    new FeedResolver(services.feed),
    new ArticleLatestNewsResolver(),
    new AuthorArticlesResolver(),
  ];
}

/** Builds the executable schema; `services` back the resolvers (any object works for printing the SDL). */
export async function buildBylineSchema(services: Services): Promise<GraphQLSchema> {
  const instances = resolverInstances(services);
  return buildSchema({
    resolvers: instances.map((instance) => instance.constructor) as NonEmptyArray<Function>,
    container: { get: (someClass: Function) => instances.find((instance) => instance.constructor === someClass) },
    validate: { forbidUnknownValues: false },
  });
}
