import type { DataSource, EntityManager } from "typeorm";
import { In } from "typeorm";

import { BadUserInputError, NotFoundError } from "../../common/errors";
import { slugify } from "../../common/slug";
import { inTransaction } from "../../common/transaction";
import { Article } from "../articles/article.entity";
import { ArticleTag } from "./article-tag.entity";
import { Tag } from "./tag.entity";

/** Writes to tags and to which articles carry them; each method is one transaction. */
export class TagEditorService {
  constructor(private readonly dataSource: DataSource) {}

  create(name: string, slug?: string): Promise<Tag> {
    return inTransaction(this.dataSource, async (manager) => {
      const tag = manager.getRepository(Tag).create({ name, slug: slug ?? slugify(name) });
      await manager.getRepository(Tag).insert(tag);
      return tag;
    });
  }

  rename(id: string, name: string, slug?: string): Promise<Tag> {
    return inTransaction(this.dataSource, async (manager) => {
      const tag = await manager.getRepository(Tag).findOneBy({ id });
      if (!tag) throw new NotFoundError("id", "tag");
      await manager.getRepository(Tag).update({ id }, { name, ...(slug !== undefined ? { slug } : {}) });
      return manager.getRepository(Tag).findOneByOrFail({ id });
    });
  }

  async delete(id: string): Promise<string> {
    const result = await this.dataSource.getRepository(Tag).delete({ id });
    if (!result.affected) throw new NotFoundError("id", "tag");
    return id;
  }

  /** Adds tags (by slug) to an article; tags it already has are left as they are. */
  attach(articleId: string, slugs: string[]): Promise<Article> {
    return inTransaction(this.dataSource, async (manager) => {
      const { article, tags } = await this.resolve(manager, articleId, slugs);
      await manager
        .createQueryBuilder()
        .insert()
        .into(ArticleTag)
        .values(tags.map((tag) => ({ articleId, tagId: tag.id })))
        .orIgnore()
        .execute();
      return article;
    });
  }

  detach(articleId: string, slugs: string[]): Promise<Article> {
    return inTransaction(this.dataSource, async (manager) => {
      const { article, tags } = await this.resolve(manager, articleId, slugs);
      await manager.getRepository(ArticleTag).delete({ articleId, tagId: In(tags.map((tag) => tag.id)) });
      return article;
    });
  }

  private async resolve(manager: EntityManager, articleId: string, slugs: string[]) {
    const article = await manager.getRepository(Article).findOneBy({ id: articleId });
    if (!article) throw new NotFoundError("articleId", "article");
    const tags = await manager.getRepository(Tag).findBy({ slug: In(slugs) });
    const missing = slugs.filter((slug) => !tags.some((tag) => tag.slug === slug));
    if (missing.length > 0) {
      throw BadUserInputError.of("tags", "exists", `No tag with slug ${missing.map((s) => `"${s}"`).join(", ")}.`);
    }
    return { article, tags };
  }
}
