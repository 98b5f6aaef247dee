import { validateSync, type ValidatorOptions } from "class-validator";
import type { GraphQLSchema } from "graphql";
import { ArgumentValidationError, buildSchema, type NonEmptyArray, type PubSub, type ResolverData } from "type-graphql";

import { rejectUnstorableStrings } from "../common/validation";
import { dependencyKey, recordingFields } from "../delivery/dependencies";
import type { Article } from "../modules/articles/article.entity";
import { ArticleFieldsResolver } from "../modules/articles/article.fields.resolver";
import { ArticleResolver } from "../modules/articles/article.resolver";
import { ArticleEditorResolver } from "../modules/articles/article-editor.resolver";
import { authChecker } from "../modules/auth/auth-checker";
import { AuthorConnectionCountResolver, AuthorResolver } from "../modules/authors/author.resolver";
import { AuthorEditorResolver } from "../modules/authors/author-editor.resolver";
import { PRELOADED_FIELDS } from "../modules/news-feed/article.projection";
import {
  ArticleConnectionCountResolver,
  ArticleLatestNewsResolver,
  AuthorArticlesResolver,
} from "../modules/news-feed/feed.fields.resolver";
import { FeedResolver } from "../modules/news-feed/feed.resolver";
import { NodeResolver } from "../modules/nodes/node.resolver";
import { ArticleRelatedResolver } from "../modules/related-news/related-news.fields.resolver";
import { RelatedNewsEditorResolver } from "../modules/related-news/related-news-editor.resolver";
import { SearchConnectionCountResolver, SearchResolver } from "../modules/search/search.resolver";
import { ArticleSubscriptionResolver } from "../modules/subscriptions/article-subscription.resolver";
import { SyncResolver } from "../modules/sync/sync.resolver";
import { ArticleTagsResolver } from "../modules/tags/tag.fields.resolver";
import { TagResolver } from "../modules/tags/tag.resolver";
import { TagEditorResolver } from "../modules/tags/tag-editor.resolver";
import { WebhookResolver } from "../modules/webhooks/webhook.resolver";
import type { Context, Services } from "./context";
import { answerPreloadedFirst } from "./preloaded";

// skipMissingProperties off: an optional field sent as null must still pass its rules (see OmitOrValid).
const VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: false };

/**
 * Every resolver's arguments: first strings PostgreSQL cannot store (over the field's arguments as graphql-js coerced
 * them, so each is named), then class-validator over every argument object, as type-graphql's own validation does,
 * but synchronously: its default imports class-validator again (a `require` lookup) on every call of every resolver
 * with arguments.
 */
function validateArgs(value: unknown, _type: unknown, { args }: ResolverData): void {
  rejectUnstorableStrings(args);
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) {
    if (item === null || typeof item !== "object") continue;
    const errors = validateSync(item, VALIDATOR_OPTIONS);
    if (errors.length > 0) throw new ArgumentValidationError(errors);
  }
}

const UNUSED_PUB_SUB: PubSub = {
  publish: () => {
    throw new Error("Byline's subscriptions read the article events, not a pubSub");
  },
  subscribe: () => {
    throw new Error("Byline's subscriptions read the article events, not a pubSub");
  },
};

/**
 * Resolver instances with their services, registered explicitly. Each module splits them the same way: public root
 * queries (`<x>.resolver.ts`), field resolvers (`<x>.fields.resolver.ts`), mutations and editor-only fields
 * (`<x>-editor.resolver.ts`).
 */
function resolverInstances(services: Services): object[] {
  return [
    new ArticleResolver(services.articles, services.articlePreviews),
    new ArticleFieldsResolver(services.articleUrls),
    new ArticleEditorResolver(services.articleEditor, services.articlePreviews),
    new AuthorResolver(services.authors),
    new AuthorEditorResolver(services.authorEditor),
    new TagResolver(services.tags),
    new ArticleTagsResolver(),
    new TagEditorResolver(services.tagEditor),
    new ArticleRelatedResolver(),
    new RelatedNewsEditorResolver(services.relatedNewsEditor),
    new FeedResolver(services.feed),
    new ArticleLatestNewsResolver(),
    new AuthorArticlesResolver(),
    new ArticleConnectionCountResolver(),
    new AuthorConnectionCountResolver(),
    new NodeResolver(services.nodes),
    new SyncResolver(services.sync),
    new SearchResolver(services.search),
    new SearchConnectionCountResolver(),
    new ArticleSubscriptionResolver(),
    new WebhookResolver(services.webhooks),
  ];
}

/**
 * Resolver instances per set of services, made once each: a reader request served by a replica carries that
 * replica's services in its context (Context.services); every other request uses `primary`'s.
 */
function resolverInstancesBy(primary: Services): (services: Services | undefined) => object[] {
  const made = new WeakMap<Services, object[]>([[primary, resolverInstances(primary)]]);
  return (services = primary) => {
    let instances = made.get(services);
    if (!instances) made.set(services, (instances = resolverInstances(services)));
    return instances;
  };
}

/** Builds the executable schema; `services` back the resolvers (any object works for printing the SDL). */
export async function buildBylineSchema(services: Services): Promise<GraphQLSchema> {
  const instancesFor = resolverInstancesBy(services);
  const schema = await buildSchema({
    resolvers: instancesFor(services).map((instance) => instance.constructor) as NonEmptyArray<Function>,
    container: {
      get: (someClass: Function, { context }: ResolverData<Partial<Context>>) =>
        instancesFor(context?.services).find((instance) => instance.constructor === someClass),
    },
    validateFn: validateArgs,
    authChecker,
    // type-graphql insists on a pubSub once there are subscriptions; every one of Byline's has its own `subscribe`
    // over the article events (src/modules/subscriptions/), so this one is never used.
    pubSub: UNUSED_PUB_SUB,
  });
  answerPreloadedFirst(schema, "Article", PRELOADED_FIELDS);
  // What shows an article's related news depends on its stored list (src/modules/related-news/related-engine.ts).
  recordingFields(schema, "Article", ["related", "relatedNews", "latestNews"], (article: Article) =>
    dependencyKey.relatedList(article.id),
  );
  return schema;
}
