import DataLoader from "dataloader";
import { type DataSource, In } from "typeorm";

import { Article } from "./article.entity";

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
