import type DataLoader from "dataloader";
import type { DataSource } from "typeorm";

import type { Config } from "../config";
import { ReadStatements } from "../database/read-statements";
import type { StatementTally } from "../database/statement-counter";
import { type Dependencies, dependencyKey, purgeHook, recordingLoads } from "../delivery/dependencies";
import { NO_PURGE, type Purge } from "../delivery/response-cache";
import type { Article } from "../modules/articles/article.entity";
import { type ArticleBody, articleBodyLoader, revisionsByArticleIdLoader } from "../modules/articles/article.loaders";
import { ArticleService } from "../modules/articles/article.service";
import { ArticleEditorService } from "../modules/articles/article-editor.service";
import { ArticlePreviewService } from "../modules/articles/article-preview.service";
import type { ArticleRevision } from "../modules/articles/article-revision.entity";
import { ArticleWrites } from "../modules/articles/article-writes";
import { ApiKeyService } from "../modules/auth/api-key.service";
import { PreviewTokens } from "../modules/auth/preview-token";
import type { Viewer } from "../modules/auth/viewer";
import type { Author } from "../modules/authors/author.entity";
import { authorByIdLoader } from "../modules/authors/author.loaders";
import { AuthorService } from "../modules/authors/author.service";
import { AuthorEditorService } from "../modules/authors/author-editor.service";
import {
  authorFeedLoader,
  type AuthorWindow,
  type FeedWindow,
  feedWindowLoader,
} from "../modules/news-feed/feed.loaders";
import { FeedService } from "../modules/news-feed/feed.service";
import { ReaderPages } from "../modules/news-feed/reader-pages";
import { NodeService } from "../modules/nodes/node.service";
import type { RelatedItem } from "../modules/related-news/related-item.type";
import { relatedByArticleIdLoader } from "../modules/related-news/related-link.loaders";
import { RelatedNewsEditorService } from "../modules/related-news/related-news-editor.service";
import { SyncService } from "../modules/sync/sync.service";
import type { Tag } from "../modules/tags/tag.entity";
import { tagsByArticleIdLoader } from "../modules/tags/tag.loaders";
import { TagService } from "../modules/tags/tag.service";
import { TagEditorService } from "../modules/tags/tag-editor.service";
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
  nodes: NodeService;
  apiKeys: ApiKeyService;
}

export function createServices(
  dataSource: DataSource,
  {
    previewSecret,
    readPath,
    syncTombstoneRetentionSeconds,
  }: Pick<Config, "previewSecret" | "readPath" | "syncTombstoneRetentionSeconds">,
  purge: Purge = NO_PURGE,
): Services {
  const pages = readPath === "look-ahead" ? new ReaderPages(new ReadStatements(dataSource)) : null;
  const articles = new ArticleService(dataSource, pages);
  const writes = new ArticleWrites(dataSource).use(purgeHook(purge));
  return {
    writes,
    articles,
    articleEditor: new ArticleEditorService(dataSource, writes),
    articlePreviews: new ArticlePreviewService(articles, new PreviewTokens(previewSecret)),
    authors: new AuthorService(dataSource),
    authorEditor: new AuthorEditorService(dataSource, purge, writes),
    tags: new TagService(dataSource),
    tagEditor: new TagEditorService(dataSource, purge, writes),
    relatedNewsEditor: new RelatedNewsEditorService(writes),
    feed: new FeedService(dataSource, pages),
    sync: new SyncService(dataSource, syncTombstoneRetentionSeconds),
    nodes: new NodeService(dataSource),
    apiKeys: new ApiKeyService(dataSource),
  };
}

/** Per-request DataLoaders: every relation is loaded through one of these, never shared between requests. */
export interface Loaders {
  articleBody: DataLoader<string, ArticleBody>;
  revisionsByArticleId: DataLoader<string, ArticleRevision[]>;
  authorById: DataLoader<string, Author>;
  tagsByArticleId: DataLoader<string, Tag[]>;
  relatedByArticleId: DataLoader<string, RelatedItem[]>;
  feedWindow: DataLoader<FeedWindow, Article[], string>;
  authorFeed: DataLoader<AuthorWindow, Article[], string>;
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
}
