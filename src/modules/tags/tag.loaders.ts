import DataLoader from "dataloader";
import type { DataSource } from "typeorm";

import { ArticleTag } from "./article-tag.entity";
import { Tag } from "./tag.entity";

/** The tags of each article, by name (then id), one statement per batch. */
export function tagsByArticleIdLoader(dataSource: DataSource): DataLoader<string, Tag[]> {
  return new DataLoader(async (articleIds) => {
    const { entities, raw } = await dataSource
      .getRepository(Tag)
      .createQueryBuilder("t")
      .innerJoin(ArticleTag, "at", "at.tag_id = t.id")
      .addSelect("at.article_id", "article_id")
      .where("at.article_id = ANY(:articleIds)", { articleIds: [...articleIds] })
      .orderBy("t.name", "ASC")
      .addOrderBy("t.id", "ASC")
      .getRawAndEntities<{ t_id: string; article_id: string }>();
    const tagById = new Map(entities.map((tag) => [tag.id, tag]));
    const byArticle = new Map<string, Tag[]>(articleIds.map((id) => [id, []]));
    for (const row of raw) byArticle.get(row.article_id)?.push(tagById.get(row.t_id)!);
    return articleIds.map((id) => byArticle.get(id)!);
  });
}
