import DataLoader from "dataloader";
import { type DataSource, In } from "typeorm";

import { Article } from "../articles/article.entity";
import type { Viewer } from "../auth/viewer";
import { ExternalLink, type RelatedItem } from "./related-item.type";
import { relatedEntriesSql } from "./related-list.sql";
import { RelatedNewsEntry } from "./related-news-entry.type";
import { type RelatedReason } from "./related-reason";

interface EntryRow {
  source_id: string;
  url: string | null;
  title: string | null;
  target_id: string | null;
  reason: RelatedReason;
  score: number | null;
}

/**
 * Each article's related news (pinned, then computed; see relatedEntriesSql), target articles and their authors
 * included: two statements per batch, whatever the number of articles.
 */
export function relatedByArticleIdLoader(
  dataSource: DataSource,
  viewer: Viewer,
): DataLoader<string, RelatedNewsEntry[]> {
  return new DataLoader(async (articleIds) => {
    const rows = (await dataSource.query(
      `SELECT s.id AS source_id, x.* FROM unnest($1::uuid[]) s(id) CROSS JOIN LATERAL (${relatedEntriesSql(
        "s.id",
        viewer,
        "e.url, e.title, e.target_id, e.reason, e.score",
        { e: "e", t: "t", l: "l", r: "r", p: "p" },
      )}) x`,
      [[...articleIds]],
    )) as EntryRow[];
    const targetIds = [...new Set(rows.flatMap((row) => (row.target_id ? [row.target_id] : [])))];
    const targets = new Map(
      targetIds.length === 0
        ? []
        : (
            await dataSource.getRepository(Article).find({ where: { id: In(targetIds) }, relations: { author: true } })
          ).map((article) => [article.id, article]),
    );
    // Rows come in list order per article (the LATERAL's ORDER BY).
    const byArticle = new Map<string, RelatedNewsEntry[]>(articleIds.map((id) => [id, []]));
    for (const row of rows) {
      const item: RelatedItem | undefined = row.target_id
        ? targets.get(row.target_id)
        : new ExternalLink(row.title!, row.url!);
      // A target deleted between the two statements is left out, as the next read would.
      if (item) byArticle.get(row.source_id)?.push(new RelatedNewsEntry(row.reason, row.score, item));
    }
    return articleIds.map((id) => byArticle.get(id)!);
  });
}

/** The article ids of a related list (what `latestNews` leaves out beside it). */
export const relatedArticleIds = (entries: RelatedNewsEntry[]): Set<string> =>
  new Set(entries.flatMap((entry) => (entry.item instanceof Article ? [entry.item.id] : [])));

/** `Article.relatedNews`: the first `first` entries of the article's related news, from the request's loader. */
export const firstRelatedNews = (
  loader: DataLoader<string, RelatedNewsEntry[]>,
  articleId: string,
  first: number,
): Promise<RelatedNewsEntry[]> => loader.load(articleId).then((entries) => entries.slice(0, first));

/** `Article.related`: the same entries' items. */
export const firstRelated = (
  loader: DataLoader<string, RelatedNewsEntry[]>,
  articleId: string,
  first: number,
): Promise<RelatedItem[]> =>
  firstRelatedNews(loader, articleId, first).then((entries) => entries.map((entry) => entry.item));
