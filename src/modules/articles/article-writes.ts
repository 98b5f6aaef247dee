import type { DataSource, EntityManager } from "typeorm";

import { inTransaction } from "../../common/transaction";
import { Viewer } from "../auth/viewer";
import { type ArticleStatus, listedStatusSql } from "./article.entity";
import { visibleArticleSql } from "./article.visibility";

/** What the rest of Byline needs to know of an article to react to a write: where it shows and to whom. */
export interface ArticleState {
  id: string;
  slug: string;
  title: string;
  status: ArticleStatus;
  publishedAt: Date | null;
  authorId: string;
  authorSlug: string;
  tagSlugs: string[];
  /** PUBLISHED or SCHEDULED: in the readers' feeds now, or from `publishedAt` on. */
  listed: boolean;
  /** Visible to readers now (the reader rule, by the database's clock). */
  visible: boolean;
  /** The articles whose pinned related links show this one. */
  relatedSources: string[];
}

/** One article before and after a write: `before` is null for a created article, `after` for a deleted one. */
export interface ArticleChange {
  id: string;
  before: ArticleState | null;
  after: ArticleState | null;
}

/**
 * Something that reacts to every editorial write on articles. `inTransaction` runs inside the write's transaction,
 * after the write (a failure rolls the write back; it may return further dependency keys to purge, for pages the
 * write changed elsewhere); `afterCommit` runs once it has committed, before the mutation answers.
 */
export interface ArticleWriteHook {
  inTransaction?(manager: EntityManager, changes: ArticleChange[]): Promise<string[] | void>;
  afterCommit?(changes: ArticleChange[], extraKeys: string[]): Promise<void>;
}

/**
 * The one way editorial writes on articles run: in one transaction, with the state of the articles they touch read
 * before and after, so that every reaction (purges, events, computed related news) sees the same change.
 */
export class ArticleWrites {
  private readonly hooks: ArticleWriteHook[] = [];

  constructor(private readonly dataSource: DataSource) {}

  /** Adds a reaction to every later write. */
  use(hook: ArticleWriteHook): this {
    this.hooks.push(hook);
    return this;
  }

  /**
   * Runs `work` on the articles `ids` in one transaction, then every hook. `ids` may be read in the transaction, for
   * a write whose articles are found by what it changes (an author's, say).
   */
  async run<T>(
    articles: string[] | ((manager: EntityManager) => Promise<string[]>),
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    if (this.hooks.length === 0) return inTransaction(this.dataSource, work);
    let changes: ArticleChange[] = [];
    const extraKeys: string[] = [];
    const result = await inTransaction(this.dataSource, async (manager) => {
      const ids = typeof articles === "function" ? await articles(manager) : articles;
      const before = await articleStates(manager, ids);
      const value = await work(manager);
      const after = await articleStates(manager, ids);
      changes = ids
        .map((id) => ({ id, before: before.get(id) ?? null, after: after.get(id) ?? null }))
        .filter((change) => change.before !== null || change.after !== null);
      for (const hook of this.hooks) {
        const keys = await hook.inTransaction?.(manager, changes);
        if (keys) extraKeys.push(...keys);
      }
      return value;
    });
    for (const hook of this.hooks) await hook.afterCommit?.(changes, extraKeys);
    return result;
  }
}

/** The states of the articles `ids` as they stand in `manager`'s transaction (absent ones are left out). */
export async function articleStates(manager: EntityManager, ids: string[]): Promise<Map<string, ArticleState>> {
  const states = new Map<string, ArticleState>();
  if (ids.length === 0) return states;
  const rows = (await manager.query(
    `SELECT a.id, a.slug, a.title, a.status, a.published_at, a.author_id, au.slug AS author_slug,
       ${listedStatusSql("a.status")} AS listed, ${visibleArticleSql("a", Viewer.anonymous)} AS visible,
       coalesce((SELECT json_agg(t.slug ORDER BY t.slug) FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id), '[]') AS tags,
       coalesce((SELECT json_agg(l.article_id) FROM related_links l WHERE l.target_article_id = a.id), '[]') AS sources
     FROM articles a JOIN authors au ON au.id = a.author_id WHERE a.id = ANY($1::uuid[])`,
    [ids],
  )) as Array<{
    id: string;
    slug: string;
    title: string;
    status: ArticleStatus;
    published_at: Date | null;
    author_id: string;
    author_slug: string;
    listed: boolean;
    visible: boolean;
    tags: string[];
    sources: string[];
  }>;
  for (const row of rows) {
    states.set(row.id, {
      id: row.id,
      slug: row.slug,
      title: row.title,
      status: row.status,
      publishedAt: row.published_at,
      authorId: row.author_id,
      authorSlug: row.author_slug,
      tagSlugs: row.tags,
      listed: row.listed,
      visible: row.visible,
      relatedSources: row.sources,
    });
  }
  return states;
}
