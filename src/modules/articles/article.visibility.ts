import type { Viewer } from "../auth/viewer";
import { ArticleStatus, listedStatusSql } from "./article.entity";

/**
 * The one rule for what readers may see: a PUBLISHED or SCHEDULED article whose publication time has come. Every read
 * path (article, feeds, related news, author pages) applies it in SQL, so a scheduled article appears exactly at its
 * time with no background job. Editors see every article.
 */
export const visibleArticleSql = (alias: string, viewer: Viewer): string =>
  viewer.isEditor ? "TRUE" : publishedSql(alias);

/** Readers' half of the rule: listed, and its publication time has come. */
const publishedSql = (alias: string): string =>
  `(${listedStatusSql(`${alias}.status`)} AND ${alias}.published_at <= now())`;

/**
 * Feeds run newest first on this key: the publication time, or for editors (who also see drafts) the creation time
 * of an article that has none yet.
 */
export const feedKeySql = (alias: string, viewer: Viewer): string =>
  viewer.isEditor ? `COALESCE(${alias}.published_at, ${alias}.created_at)` : `${alias}.published_at`;

/** Articles whose status is `status` as of now (a SCHEDULED article whose time has come counts as PUBLISHED). */
export function statusSql(alias: string, status: ArticleStatus): string {
  switch (status) {
    case ArticleStatus.PUBLISHED:
      return publishedSql(alias);
    case ArticleStatus.SCHEDULED:
      return `(${alias}.status = 'SCHEDULED' AND ${alias}.published_at > now())`;
    case ArticleStatus.DRAFT:
    case ArticleStatus.ARCHIVED:
      return `${alias}.status = '${status}'`;
  }
}
