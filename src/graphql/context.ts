import type DataLoader from "dataloader";
import type { DataSource } from "typeorm";

import type { TotalCount } from "../common/pagination";
import type { Config } from "../config";
import { ReadStatements } from "../database/read-statements";
import { RowCounter } from "../database/row-counts";
import type { StatementTally } from "../database/statement-counter";
import { type Dependencies, dependencyKey, purgeHook, recordingLoads } from "../delivery/dependencies";
import { NO_PURGE, type Purge } from "../delivery/response-cache";
import { ArticleEvents } from "../events/events";
import type { Article } from "../modules/articles/article.entity";
import { type ArticleBody, articleBodyLoader, revisionsByArticleIdLoader } from "../modules/articles/article.loaders";
import { ArticleService } from "../modules/articles/article.service";
import { ArticleEditorService } from "../modules/articles/article-editor.service";
import { ArticlePreviewService } from "../modules/articles/article-preview.service";
import type { ArticleRevision } from "../modules/articles/article-revision.entity";
import { ArticleUrls } from "../modules/articles/article-url";
import { ArticleWrites } from "../modules/articles/article-writes";
import { ApiKeyService } from "../modules/auth/api-key.service";
import { PreviewTokens } from "../modules/auth/preview-token";
import type { Viewer } from "../modules/auth/viewer";
import type { Author } from "../modules/authors/author.entity";
import { authorByIdLoader, authorCountLoader } from "../modules/authors/author.loaders";
import { AuthorService } from "../modules/authors/author.service";
import { AuthorEditorService } from "../modules/authors/author-editor.service";
import { feedCountLoader, type FeedScope } from "../modules/news-feed/feed.count";
import {
  authorFeedLoader,
  type AuthorWindow,
  type FeedWindow,
  feedWindowLoader,
} from "../modules/news-feed/feed.loaders";
import { FeedService } from "../modules/news-feed/feed.service";
import { ReaderPages } from "../modules/news-feed/reader-pages";
import { NodeService } from "../modules/nodes/node.service";
import { relatedNewsHook } from "../modules/related-news/related-engine";
import { relatedByArticleIdLoader } from "../modules/related-news/related-link.loaders";
import { RelatedNewsEditorService } from "../modules/related-news/related-news-editor.service";
import type { RelatedNewsEntry } from "../modules/related-news/related-news-entry.type";
import { searchCountLoader } from "../modules/search/search.count";
import { SearchService } from "../modules/search/search.service";
import type { SearchScope } from "../modules/search/search.types";
import { SyncService } from "../modules/sync/sync.service";
import type { Tag } from "../modules/tags/tag.entity";
import { tagsByArticleIdLoader } from "../modules/tags/tag.loaders";
import { TagService } from "../modules/tags/tag.service";
import { TagEditorService } from "../modules/tags/tag-editor.service";
import { WebhookService } from "../modules/webhooks/webhook.service";
import type { RequestRecord } from "../observability/request-log";

/** Stateless services over the one DataSource, shared by all requests. */
export interface Services {
  /** Every editorial write on articles runs through it; reactions to them (purges, events) are its hooks. */
  writes: ArticleWrites;
  articles: ArticleService;
  articleEditor: ArticleEditorService;
  articlePreviews: ArticlePreviewService;
  authors: AuthorService;
  authorEditor: AuthorEditorService;
  tags: TagService;
  tagEditor: TagEditorService;
  relatedNewsEditor: RelatedNewsEditorService;
  feed: FeedService;
  sync: SyncService;
  search: SearchService;
  nodes: NodeService;
  apiKeys: ApiKeyService;
  /** Connections' `totalCount`, exact within COUNT_EXACT_LIMIT and COUNT_TIMEOUT_MS, else estimated. */
  counts: RowCounter;
  /** Public article URLs (`Article.url`, feeds, sitemaps). */
  articleUrls: ArticleUrls;
  /** Article events: recorded by a write hook, announced at scheduled times, handed to subscribers by `events.bus`. */
  events: ArticleEvents;
  /** Webhooks: registration, deliveries derived from article events, and their dispatcher. */
  webhooks: WebhookService;
}

export function createServices(
  dataSource: DataSource,
  {
    previewSecret,
    readPath,
    syncTombstoneRetentionSeconds,
    site,
    counts,
    redisUrl,
    redisCommandTimeoutMs,
    eventRetentionSeconds,
    webhooks,
  }: Pick<
    Config,
    | "previewSecret"
    | "readPath"
    | "syncTombstoneRetentionSeconds"
    | "site"
    | "counts"
    | "redisUrl"
    | "redisCommandTimeoutMs"
    | "eventRetentionSeconds"
    | "webhooks"
  >,
  purge: Purge = NO_PURGE,
): Services {
  const reads = createReadServices(dataSource, { readPath });
  const { articles } = reads;
  // Events last: their order lock is held to commit, so no hook after them should wait on rows.
  const events = new ArticleEvents(dataSource, { redisUrl, redisCommandTimeoutMs, eventRetentionSeconds });
  const writes = new ArticleWrites(dataSource).use(purgeHook(purge)).use(relatedNewsHook()).use(events.hook);
  return {
    writes,
    ...reads,
    articleEditor: new ArticleEditorService(dataSource, writes),
    articlePreviews: new ArticlePreviewService(articles, new PreviewTokens(previewSecret)),
    authorEditor: new AuthorEditorService(dataSource, purge, writes),
    tagEditor: new TagEditorService(dataSource, purge, writes),
    relatedNewsEditor: new RelatedNewsEditorService(writes),
    sync: new SyncService(dataSource, syncTombstoneRetentionSeconds),
    search: new SearchService(dataSource),
    apiKeys: new ApiKeyService(dataSource),
    counts: new RowCounter(dataSource, counts),
    articleUrls: new ArticleUrls(site.articleUrl),
    events,
    webhooks: new WebhookService(dataSource, webhooks, events),
  };
}

/** The services whose reads anonymous readers may take from a replica. */
export type ReadServices = Pick<Services, "articles" | "authors" | "tags" | "feed" | "nodes">;

/** The read services over one database: the primary's (in createServices) or a replica's. */
export function createReadServices(dataSource: DataSource, { readPath }: Pick<Config, "readPath">): ReadServices {
  const pages = readPath !== "loaders" ? new ReaderPages(new ReadStatements(dataSource)) : null;
  return {
    articles: new ArticleService(dataSource, pages),
    authors: new AuthorService(dataSource),
    tags: new TagService(dataSource),
    feed: new FeedService(dataSource, pages),
    nodes: new NodeService(dataSource),
  };
}

/**
 * The services of a reader request served by a replica: the read services over the replica, the rest the primary's.
 * Delta sync stays on the primary (a sync token is a snapshot of the database it was read from, and replicas replay
 * at different points), and so do previews (an editor opens one right after writing).
 */
export function replicaServices(primary: Services, replica: DataSource, config: Pick<Config, "readPath">): Services {
  return { ...primary, ...createReadServices(replica, config) };
}

/** Per-request DataLoaders: every relation is loaded through one of these, never shared between requests. */
export interface Loaders {
  articleBody: DataLoader<string, ArticleBody>;
  revisionsByArticleId: DataLoader<string, ArticleRevision[]>;
  authorById: DataLoader<string, Author>;
  tagsByArticleId: DataLoader<string, Tag[]>;
  relatedByArticleId: DataLoader<string, RelatedNewsEntry[]>;
  feedWindow: DataLoader<FeedWindow, Article[], string>;
  authorFeed: DataLoader<AuthorWindow, Article[], string>;
  feedCount: DataLoader<FeedScope, TotalCount, string>;
  searchCount: DataLoader<SearchScope, TotalCount, string>;
  authorCount: DataLoader<"authors", TotalCount>;
}

/** Loaders see what their viewer may see: a reader's and an editor's answers never share a cache. */
export function createLoaders(
  dataSource: DataSource,
  services: Services,
  viewer: Viewer,
  dependencies: Dependencies | null = null,
): Loaders {
  const loaders: Loaders = {
    articleBody: articleBodyLoader(dataSource),
    revisionsByArticleId: revisionsByArticleIdLoader(dataSource),
    authorById: authorByIdLoader(dataSource),
    tagsByArticleId: tagsByArticleIdLoader(dataSource),
    relatedByArticleId: relatedByArticleIdLoader(dataSource, viewer),
    feedWindow: feedWindowLoader(services.feed, viewer),
    authorFeed: authorFeedLoader(services.feed, viewer),
    feedCount: feedCountLoader(services.counts, viewer),
    searchCount: searchCountLoader(services.counts, viewer),
    authorCount: authorCountLoader(services.counts),
  };
  return dependencies ? recordingLoaders(loaders, dependencies) : loaders;
}

/** Loaders that also record what they return, and the feeds they read, for the response cache. */
function recordingLoaders(loaders: Loaders, dependencies: Dependencies): Loaders {
  recordingLoads(loaders.authorById, dependencies);
  recordingLoads(loaders.tagsByArticleId, dependencies);
  recordingLoads(loaders.relatedByArticleId, dependencies);
  recordingLoads(loaders.feedWindow, dependencies, () => [dependencyKey.latestFeed]);
  recordingLoads(loaders.authorFeed, dependencies, (key) => [dependencyKey.authorFeed(key.authorId)]);
  return loaders;
}

/** What every resolver receives as its context. */
export interface Context {
  /** The request's id, log record and statement tally. */
  request: RequestRecord;
  viewer: Viewer;
  loaders: Loaders;
  /** What the answer depends on, collected only for an anonymous read the response cache may keep (else null). */
  dependencies: Dependencies | null;
  /** SQL statements sent for this request so far (the request record's tally). */
  statements: StatementTally;
  /**
   * The services of the database this request reads from (readerDataSource decides), when it is not the primary,
   * whose services the schema was built with.
   */
  services?: Services;
}
