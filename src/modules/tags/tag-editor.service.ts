import type { DataSource, EntityManager } from "typeorm";
import { In } from "typeorm";

import { BadUserInputError, NotFoundError } from "../../common/errors";
import { slugify } from "../../common/slug";
import { inTransaction } from "../../common/transaction";
import { dependencyKey } from "../../delivery/dependencies";
import { NO_PURGE, type Purge } from "../../delivery/response-cache";
import { Article } from "../articles/article.entity";
import { ArticleWrites } from "../articles/article-writes";
import { ArticleTag } from "./article-tag.entity";
import { Tag } from "./tag.entity";

/** What a tag's write may change: answers showing it, the list of tags, its feed (found by slug). */
const tagKeys = (tag: Tag) => [dependencyKey.tag(tag.id), dependencyKey.tags, dependencyKey.tagFeed(tag.slug)];

/** Writes to tags and to which articles carry them; each method is one transaction. */
export class TagEditorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly purge: Purge = NO_PURGE,
    private readonly writes: ArticleWrites = new ArticleWrites(dataSource),
  ) {}

  async create(name: string, slug?: string): Promise<Tag> {
    const tag = await inTransaction(this.dataSource, async (manager) => {
      const tag = manager.getRepository(Tag).create({ name, slug: slug ?? slugify(name) });
      await manager.getRepository(Tag).insert(tag);
      return tag;
    });
    await this.purge(tagKeys(tag));
    return tag;
  }

  async rename(id: string, name: string, slug?: string): Promise<Tag> {
    const [before, after] = await inTransaction(this.dataSource, async (manager) => {
      const tag = await manager.getRepository(Tag).findOneBy({ id });
      if (!tag) throw new NotFoundError("id", "tag");
      await manager.getRepository(Tag).update({ id }, { name, ...(slug !== undefined ? { slug } : {}) });
      return [tag, await manager.getRepository(Tag).findOneByOrFail({ id })];
    });
    await this.purge([...tagKeys(before), ...tagKeys(after)]);
    return after;
  }

  async delete(id: string): Promise<string> {
    const tag = await inTransaction(this.dataSource, async (manager) => {
      const tag = await manager.getRepository(Tag).findOneBy({ id });
      if (!tag) throw new NotFoundError("id", "tag");
      await manager.getRepository(Tag).delete({ id });
      return tag;
    });
    await this.purge(tagKeys(tag));
    return id;
  }

  /** Adds tags (by slug) to an article; tags it already has are left as they are. */
  attach(articleId: string, slugs: string[]): Promise<Article> {
    return this.writes.run([articleId], async (manager) => {
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
    return this.writes.run([articleId], async (manager) => {
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
