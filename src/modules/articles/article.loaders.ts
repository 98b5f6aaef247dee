import DataLoader from "dataloader";
import { type DataSource, In } from "typeorm";

import { Article } from "./article.entity";
import { ArticleRevision } from "./article-revision.entity";

export type ArticleBody = Pick<Article, "body" | "bodyHtml">;

/**
 * The large body columns of articles already found (and so already visible to this viewer), for the queries that
 * ask for `body` or `bodyHtml` of listed articles. One statement per batch.
 */
export function articleBodyLoader(dataSource: DataSource): DataLoader<string, ArticleBody> {
  return new DataLoader(async (ids) => {
    const rows = await dataSource
      .getRepository(Article)
      .find({ select: { id: true, body: true, bodyHtml: true }, where: { id: In([...ids]) } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? new Error(`article ${id} is gone`));
  });
}

/** Each article's revisions, newest first, one statement per batch (an editor's list of articles with their history). */
export function revisionsByArticleIdLoader(dataSource: DataSource): DataLoader<string, ArticleRevision[]> {
  return new DataLoader(async (articleIds) => {
    const revisions = await dataSource
      .getRepository(ArticleRevision)
      .find({ where: { articleId: In([...articleIds]) }, order: { articleId: "ASC", version: "DESC" } });
    const byArticle = new Map<string, ArticleRevision[]>(articleIds.map((id) => [id, []]));
    for (const revision of revisions) byArticle.get(revision.articleId)?.push(revision);
    return articleIds.map((id) => byArticle.get(id)!);
  });
}
