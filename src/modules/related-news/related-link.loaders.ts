import DataLoader from "dataloader";
import type { DataSource } from "typeorm";

import { visibleArticleSql } from "../articles/article.visibility";
import type { Viewer } from "../auth/viewer";
import { ExternalLink, type RelatedItem } from "./related-item.type";
import { RelatedLink } from "./related-link.entity";

/**
 * Each article's related news in position order, target articles included, one statement per batch.
 * Links to articles a reader may not see are left out.
 */
export function relatedByArticleIdLoader(dataSource: DataSource, viewer: Viewer): DataLoader<string, RelatedItem[]> {
  return new DataLoader(async (articleIds) => {
    const links = await dataSource
      .getRepository(RelatedLink)
      .createQueryBuilder("l")
      .leftJoinAndSelect("l.targetArticle", "t")
      .leftJoinAndSelect("t.author", "ta")
      .where("l.article_id = ANY(:articleIds)", { articleIds: [...articleIds] })
      .andWhere(`(l.url IS NOT NULL OR ${visibleArticleSql("t", viewer)})`)
      .orderBy("l.articleId", "ASC")
      .addOrderBy("l.position", "ASC")
      .getMany();
    const byArticle = new Map<string, RelatedItem[]>(articleIds.map((id) => [id, []]));
    for (const link of links) {
      const item = link.targetArticle ?? new ExternalLink(link.title!, link.url!);
      byArticle.get(link.articleId)?.push(item);
    }
    return articleIds.map((id) => byArticle.get(id)!);
  });
}

/** `Article.related`: the first `first` entries of the article's related news, from the request's loader. */
export const firstRelated = (
  loader: DataLoader<string, RelatedItem[]>,
  articleId: string,
  first: number,
): Promise<RelatedItem[]> => loader.load(articleId).then((items) => items.slice(0, first));
