import { validateSync, type ValidatorOptions } from "class-validator";
import type { GraphQLSchema } from "graphql";
import { ArgumentValidationError, buildSchema, type NonEmptyArray } from "type-graphql";

import { ArticleResolver } from "../modules/articles/article.resolver";
import { ArticleEditorResolver } from "../modules/articles/article-editor.resolver";
import { authChecker } from "../modules/auth/auth-checker";
import { AuthorResolver } from "../modules/authors/author.resolver";
import { AuthorEditorResolver } from "../modules/authors/author-editor.resolver";
import { PRELOADED_FIELDS } from "../modules/news-feed/article.projection";
import { ArticleLatestNewsResolver, AuthorArticlesResolver, FeedResolver } from "../modules/news-feed/feed.resolver";
import { RelatedNewsResolver } from "../modules/related-news/related-news.resolver";
import { ArticleTagsResolver, TagResolver } from "../modules/tags/tag.resolver";
import { TagEditorResolver } from "../modules/tags/tag-editor.resolver";
import type { Services } from "./context";
import { answerPreloadedFirst } from "./preloaded";

// skipMissingProperties off: an optional field sent as null must still pass its rules (see OmitOrValid).
const VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: false };

/**
 * class-validator over every argument object, as type-graphql's own validation does, but synchronously: its default
 * imports class-validator again (a `require` lookup) on every call of every resolver with arguments.
 */
function validateArgs(value: unknown): void {
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) {
    if (item === null || typeof item !== "object") continue;
    const errors = validateSync(item, VALIDATOR_OPTIONS);
    if (errors.length > 0) throw new ArgumentValidationError(errors);
  }
}

/** Resolver instances with their services, registered explicitly. */
function resolverInstances(services: Services): object[] {
  return [
    new ArticleResolver(services.articles),
    new ArticleEditorResolver(services.articleEditor, services.articles, services.previews),
    new AuthorResolver(services.authors),
    new AuthorEditorResolver(services.authorEditor),
    new TagResolver(services.tags),
    new TagEditorResolver(services.tagEditor),
    new ArticleTagsResolver(),
    new RelatedNewsResolver(services.relatedNewsEditor),
    new FeedResolver(services.feed),
    new ArticleLatestNewsResolver(),
    new AuthorArticlesResolver(),
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
