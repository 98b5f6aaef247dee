/**
 * The one rule for what readers may see: a PUBLISHED article whose publication time has come. Every read path
 * (article, feeds, related news, author pages) applies it in SQL, so visibility needs no background job.
 */
export const visibleArticleSql = (alias: string): string =>
  `(${alias}.status = 'PUBLISHED' AND ${alias}.published_at <= now())`;
