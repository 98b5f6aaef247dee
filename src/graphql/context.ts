import type DataLoader from "dataloader";
import type { DataSource } from "typeorm";

import type { StatementTally } from "../database/statement-counter";
import type { Article } from "../modules/articles/article.entity";
import { ArticleService } from "../modules/articles/article.service";
import type { Author } from "../modules/authors/author.entity";
import { authorByIdLoader } from "../modules/authors/author.loaders";
import { AuthorService } from "../modules/authors/author.service";
import {
  authorFeedLoader,
  type AuthorWindow,
  type FeedWindow,
  feedWindowLoader,
} from "../modules/news-feed/feed.loaders";
import { FeedService } from "../modules/news-feed/feed.service";
import type { RelatedItem } from "../modules/related-news/related-item.type";
import { relatedByArticleIdLoader } from "../modules/related-news/related-link.loaders";
import type { Tag } from "../modules/tags/tag.entity";
import { tagsByArticleIdLoader } from "../modules/tags/tag.loaders";
import { TagService } from "../modules/tags/tag.service";

/** Stateless services over the one DataSource, shared by all requests. */
export interface Services {
  articles: ArticleService;
  authors: AuthorService;
  tags: TagService;
  feed: FeedService;
}

export function createServices(dataSource: DataSource): Services {
  return {
    articles: new ArticleService(dataSource),
    authors: new AuthorService(dataSource),
    tags: new TagService(dataSource),
    feed: new FeedService(dataSource),
  };
}

/** Per-request DataLoaders: every relation is loaded through one of these, never shared between requests. */
export interface Loaders {
  authorById: DataLoader<string, Author | null>;
  tagsByArticleId: DataLoader<string, Tag[]>;
  relatedByArticleId: DataLoader<string, RelatedItem[]>;
  feedWindow: DataLoader<FeedWindow, Article[], string>;
  authorFeed: DataLoader<AuthorWindow, Article[], string>;
}

export function createLoaders(dataSource: DataSource, services: Services): Loaders {
  return {
    authorById: authorByIdLoader(dataSource),
    tagsByArticleId: tagsByArticleIdLoader(dataSource),
    relatedByArticleId: relatedByArticleIdLoader(dataSource),
    feedWindow: feedWindowLoader(services.feed),
    authorFeed: authorFeedLoader(services.feed),
  };
}

/** What every resolver receives as its context. */
export interface Context {
  loaders: Loaders;
  /** SQL statements sent for this request so far. */
  statements: StatementTally;
}
