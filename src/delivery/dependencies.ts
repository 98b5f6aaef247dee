import type { ApolloServerPlugin } from "@apollo/server";
import type DataLoader from "dataloader";
import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType, Kind, OperationTypeNode } from "graphql";

import type { Context } from "../graphql/context";
import { preloadedValues } from "../graphql/preloaded";
import { Article } from "../modules/articles/article.entity";
import type { ArticleChange, ArticleState, ArticleWriteHook } from "../modules/articles/article-writes";
import { Author } from "../modules/authors/author.entity";
import { RelatedNewsEntry } from "../modules/related-news/related-news-entry.type";
import { Tag } from "../modules/tags/tag.entity";
import type { Purge } from "./response-cache";

/**
 * The keys a cached response depends on, one spelling for the readers that record them, the editors that purge them
 * and the `Surrogate-Key` header a CDN purges by.
 */
export const dependencyKey = {
  article: (id: string) => `article:${id}`,
  /** A lookup by slug, answered null until an article of that slug becomes visible. */
  articleSlug: (slug: string) => `article-slug:${slug}`,
  author: (id: string) => `author:${id}`,
  authorSlug: (slug: string) => `author-slug:${slug}`,
  tag: (id: string) => `tag:${id}`,
  /**
   * An article's related news as the page shows it (its `related`, `relatedNews`, and its `latestNews`, which leaves
   * them out): purged when its stored list changes, apart from its own key, so a feed showing the article is not.
   */
  relatedList: (id: string) => `related:${id}`,
  /** The latest-news feed: every unfiltered or window-filtered feed page, and every `Article.latestNews`. */
  latestFeed: "feed:latest",
  tagFeed: (slug: string) => `feed:tag:${slug}`,
  /** `Author.articles` (by the author's id). */
  authorFeed: (id: string) => `feed:author:${id}`,
  /** `latestNews(author:)` and `articles(filter: { author })` (by the author's slug). */
  authorSlugFeed: (slug: string) => `feed:author-slug:${slug}`,
  tags: "tags",
  authors: "authors",
} as const;

/**
 * The root fields whose resolvers record everything their answer depends on. An operation with any other root field
 * (previews, `node`, anything added later) is not cached, so a new field is safe until it records its dependencies.
 */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set([
  "__typename",
  "article",
  "latestNews",
  "articles",
  "author",
  "authors",
  "tags",
]);

/** What one cacheable request's answer depends on, collected while it executes (null on the context otherwise). */
export class Dependencies {
  readonly keys = new Set<string>();
  /** Set once the operation is known to be an anonymous query of cacheable root fields only. */
  cacheable = false;

  add(key: string): void {
    this.keys.add(key);
  }

  /** Records the articles, authors and tags in `value` (entities, lists, connections) and in their preloaded fields. */
  addEntities(value: unknown): void {
    if (value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const item of value) this.addEntities(item);
    } else if (value instanceof Article) {
      this.keys.add(dependencyKey.article(value.id));
      if (value.authorId) this.keys.add(dependencyKey.author(value.authorId));
      for (const preloaded of preloadedValues(value)) {
        // The only connection the look-ahead preloads on an article is its latest-news window.
        if (isConnection(preloaded)) this.keys.add(dependencyKey.latestFeed);
        this.addEntities(preloaded);
      }
    } else if (value instanceof Author) {
      this.keys.add(dependencyKey.author(value.id));
    } else if (value instanceof Tag) {
      this.keys.add(dependencyKey.tag(value.id));
    } else if (value instanceof RelatedNewsEntry) {
      this.addEntities(value.item);
    } else if (isConnection(value)) {
      this.addEntities(value.nodes);
    }
  }

  /** The `Surrogate-Key` header's value. */
  header(): string {
    return [...this.keys].join(" ");
  }
}

const isConnection = (value: unknown): value is { nodes: unknown[] } =>
  typeof value === "object" && value !== null && Array.isArray((value as { nodes?: unknown }).nodes);

/** The feed keys a filtered feed page depends on: its tag's, else its author's, else the latest-news feed. */
export function feedKey(filter: { tagSlug?: string | null; authorSlug?: string | null }): string {
  if (filter.tagSlug) return dependencyKey.tagFeed(filter.tagSlug);
  if (filter.authorSlug) return dependencyKey.authorSlugFeed(filter.authorSlug);
  return dependencyKey.latestFeed;
}

/** Records `keys` and the entities of a root field's answer, when the request is being collected for the cache. */
export function recordAnswer<T>(dependencies: Dependencies | null, keys: string[], answer: Promise<T>): Promise<T> {
  // Not async itself: a request the cache does not collect gets the answer's own promise, with no extra tick.
  if (!dependencies) return answer;
  for (const key of keys) dependencies.add(key);
  return answer.then((value) => {
    dependencies.addEntities(value);
    return value;
  });
}

/**
 * Makes the fields `fieldNames` of `typeName` record `keyOf(source)` on requests collected for the cache, whether
 * they answer from a preload or their resolver. Outermost: wrap after {@link answerPreloadedFirst}.
 */
export function recordingFields<S>(
  schema: GraphQLSchema,
  typeName: string,
  fieldNames: readonly string[],
  keyOf: (source: S) => string,
): void {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  for (const name of fieldNames) {
    const field = type.getFields()[name];
    const resolve = field?.resolve;
    if (!field || !resolve) throw new Error(`${typeName}.${name} has no resolver to record around`);
    field.resolve = ((source: S, args, context: Context, info) => {
      context.dependencies?.add(keyOf(source));
      return resolve(source, args, context, info);
    }) as GraphQLFieldResolver<S, Context>;
  }
}

/** Makes a loader record the entities it returns (only on requests collected for the cache). */
export function recordingLoads<K, V, C>(
  loader: DataLoader<K, V, C>,
  dependencies: Dependencies,
  keysOf: (key: K) => string[] = () => [],
): DataLoader<K, V, C> {
  const load = loader.load.bind(loader);
  loader.load = async (key: K) => {
    const value = await load(key);
    for (const dependency of keysOf(key)) dependencies.add(dependency);
    dependencies.addEntities(value);
    return value;
  };
  return loader;
}

/**
 * Marks a request's dependencies cacheable once Apollo knows its operation: a query whose root fields all record
 * their dependencies ({@link CACHEABLE_ROOT_FIELDS}). Mutations, previews and fragments at the root are not cached.
 */
export function cacheableOperationPlugin(): ApolloServerPlugin<Context> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ operation, contextValue }) {
          const dependencies = contextValue.dependencies;
          if (!dependencies || !operation || operation.operation !== OperationTypeNode.QUERY) return Promise.resolve();
          dependencies.cacheable = operation.selectionSet.selections.every(
            (selection) => selection.kind === Kind.FIELD && CACHEABLE_ROOT_FIELDS.has(selection.name.value),
          );
          return Promise.resolve();
        },
      });
    },
  };
}

/** The feeds a listed article is in (none for a draft or an archived one). */
function feedsOf(state: ArticleState | null): string[] {
  if (!state?.listed) return [];
  return [
    dependencyKey.latestFeed,
    dependencyKey.authorFeed(state.authorId),
    dependencyKey.authorSlugFeed(state.authorSlug),
    ...state.tagSlugs.map(dependencyKey.tagFeed),
  ];
}

/**
 * Exactly the dependency keys one article's write affects. Every response that shows the article recorded its
 * `article:` key, so an edit purges that and its slugs' lookups. A feed page did not record the articles it does not
 * show, so a feed is purged only where its members or their order changed: an article entering or leaving it
 * (publish, unpublish, archive, delete, a tag or author changed) or moving in it (a new publication time). The
 * articles whose related news pin it are purged when it becomes listed (their pages left it out until then).
 */
export function changedKeys({ id, before, after }: ArticleChange): string[] {
  const keys = new Set<string>([dependencyKey.article(id)]);
  for (const state of [before, after]) if (state) keys.add(dependencyKey.articleSlug(state.slug));
  const feedsBefore = new Set(feedsOf(before));
  const feedsAfter = new Set(feedsOf(after));
  const moved = before?.publishedAt?.getTime() !== after?.publishedAt?.getTime();
  for (const feed of [...feedsBefore, ...feedsAfter]) {
    if (moved || !feedsBefore.has(feed) || !feedsAfter.has(feed)) keys.add(feed);
  }
  if (!before?.listed && after?.listed)
    for (const source of after.relatedSources) keys.add(dependencyKey.article(source));
  return [...keys];
}

/** Purges, after each editorial write on articles, exactly the responses it changed. */
export const purgeHook = (purge: Purge): ArticleWriteHook => ({
  afterCommit: (changes, extraKeys) => purge([...changes.flatMap(changedKeys), ...extraKeys]),
});
