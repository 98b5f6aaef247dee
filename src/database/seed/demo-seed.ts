import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from "typeorm";

import { Article } from "../../modules/articles/article.entity";
import { Author } from "../../modules/authors/author.entity";
import { refreshAllRelated } from "../../modules/related-news/related-engine";
import { RelatedLink } from "../../modules/related-news/related-link.entity";
import { ArticleTag } from "../../modules/tags/article-tag.entity";
import { Tag } from "../../modules/tags/tag.entity";
import { buildDemoContent } from "./content/build";

export interface SeedSummary {
  authors: number;
  articles: number;
  tags: number;
}

export interface SeedOptions {
  /** Publication dates are spread relative to this moment; defaults to the current time. */
  now?: Date;
}

const CHUNK_SIZE = 200;
/** Serialises concurrent seeders (e.g. two server processes starting at once) on the same database. */
const SEED_LOCK_KEY = 0x5eed_b11e;

/** Seeds the demo content into an empty database (no authors yet); returns null when there was content already. */
export async function seedDemoContentIfEmpty(
  dataSource: DataSource,
  options: SeedOptions = {},
): Promise<SeedSummary | null> {
  return dataSource.transaction(async (manager) => {
    await manager.query("SELECT pg_advisory_xact_lock($1)", [SEED_LOCK_KEY]);
    if (await manager.getRepository(Author).exists()) return null;
    return insertDemoContent(manager, options.now ?? new Date());
  });
}

async function insertDemoContent(manager: EntityManager, now: Date): Promise<SeedSummary> {
  const content = buildDemoContent(now);
  await insertInChunks(manager, Author, content.authors);
  await insertInChunks(manager, Tag, content.tags);
  await insertInChunks(manager, Article, content.articles);
  await insertInChunks(manager, ArticleTag, content.articleTags);
  await insertInChunks(manager, RelatedLink, content.relatedLinks);
  // Straight inserts bypass the write path that keeps computed related news: compute every list once.
  await refreshAllRelated(manager);
  return { authors: content.authors.length, articles: content.articles.length, tags: content.tags.length };
}

async function insertInChunks<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    await manager.insert(target, rows.slice(start, start + CHUNK_SIZE));
  }
}
