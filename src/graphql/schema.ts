import { validateSync, type ValidatorOptions } from "class-validator";
import type { GraphQLSchema } from "graphql";
import { ArgumentValidationError, buildSchema, type NonEmptyArray, type ResolverData } from "type-graphql";

import { rejectUnstorableStrings } from "../common/validation";
import { ArticleFieldsResolver } from "../modules/articles/article.fields.resolver";
import { ArticleResolver } from "../modules/articles/article.resolver";
import { ArticleEditorResolver } from "../modules/articles/article-editor.resolver";
import { authChecker } from "../modules/auth/auth-checker";
import { AuthorResolver } from "../modules/authors/author.resolver";
import { AuthorEditorResolver } from "../modules/authors/author-editor.resolver";
import { PRELOADED_FIELDS } from "../modules/news-feed/article.projection";
import { ArticleLatestNewsResolver, AuthorArticlesResolver } from "../modules/news-feed/feed.fields.resolver";
import { FeedResolver } from "../modules/news-feed/feed.resolver";
import { NodeResolver } from "../modules/nodes/node.resolver";
import { ArticleRelatedResolver } from "../modules/related-news/related-news.fields.resolver";
import { RelatedNewsEditorResolver } from "../modules/related-news/related-news-editor.resolver";
import { SyncResolver } from "../modules/sync/sync.resolver";
import { ArticleTagsResolver } from "../modules/tags/tag.fields.resolver";
import { TagResolver } from "../modules/tags/tag.resolver";
import { TagEditorResolver } from "../modules/tags/tag-editor.resolver";
import type { Services } from "./context";
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

/**
 * Resolver instances with their services, registered explicitly. Each module splits them the same way: public root
 * queries (`<x>.resolver.ts`), field resolvers (`<x>.fields.resolver.ts`), mutations and editor-only fields
 * (`<x>-editor.resolver.ts`).
 */
function resolverInstances(services: Services): object[] {
  return [
    new ArticleResolver(services.articles, services.articlePreviews),
    new ArticleFieldsResolver(),
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
    new NodeResolver(services.nodes),
    new SyncResolver(services.sync),
  ];
}

/** Builds the executable schema; `services` back the resolvers (any object works for printing the SDL). */
export async function buildBylineSchema(services: Services): Promise<GraphQLSchema> {
  const instances = resolverInstances(services);
  const schema = await buildSchema({
    resolvers: instances.map((instance) => instance.constructor) as NonEmptyArray<Function>,
    container: { get: (someClass: Function) => instances.find((instance) => instance.constructor === someClass) },
    validateFn: validateArgs,
    authChecker,
  });
  answerPreloadedFirst(schema, "Article", PRELOADED_FIELDS);
  return schema;
}
