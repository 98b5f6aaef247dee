import type { EntityManager } from "typeorm";
import { In } from "typeorm";

import { BadUserInputError, NotFoundError, type Violation } from "../../common/errors";
import { Article } from "../articles/article.entity";
import type { ArticleWrites } from "../articles/article-writes";
import { RelatedExclusion } from "./article-related.entity";
import { MAX_RELATED_LINKS, RelatedLink } from "./related-link.entity";
import type { RelatedLinkInput } from "./related-link.inputs";

type Entry =
  { targetArticleId: string; url: null; title: null } | { targetArticleId: null; url: string; title: string };

/**
 * Edits an article's ordered related news. Every edit locks the article, rewrites the whole list in one transaction
 * and checks it first, so concurrent edits queue up and a list is never left half-moved.
 */
export class RelatedNewsEditorService {
  constructor(private readonly writes: ArticleWrites) {}

  replace(articleId: string, links: RelatedLinkInput[]): Promise<Article> {
    return this.edit(articleId, () => links.map((link, index) => toEntry(link, `links[${index}]`)));
  }

  add(articleId: string, link: RelatedLinkInput, position?: number): Promise<Article> {
    return this.edit(articleId, (entries) => {
      const at = Math.min(position ?? entries.length, entries.length);
      return [...entries.slice(0, at), toEntry(link, "link"), ...entries.slice(at)];
    });
  }

  remove(articleId: string, position: number): Promise<Article> {
    return this.edit(articleId, (entries) => {
      assertPosition(entries, position, "position");
      return entries.filter((_entry, index) => index !== position);
    });
  }

  move(articleId: string, position: number, to: number): Promise<Article> {
    return this.edit(articleId, (entries) => {
      assertPosition(entries, position, "position");
      assertPosition(entries, to, "to");
      const moved = entries.filter((_entry, index) => index !== position);
      moved.splice(to, 0, entries[position]!);
      return moved;
    });
  }

  /**
   * Leaves `targetId` out of `articleId`'s computed related news from now on (pinning it still works). Through the
   * article writes, so the list is recomputed and the page purged in the same write.
   */
  exclude(articleId: string, targetId: string): Promise<Article> {
    return this.excluding(articleId, targetId, (manager) =>
      manager.createQueryBuilder().insert().into(RelatedExclusion).values({ articleId, targetId }).orIgnore().execute(),
    );
  }

  /** Lets `targetId` back into `articleId`'s computed related news (if it scores). */
  include(articleId: string, targetId: string): Promise<Article> {
    return this.excluding(articleId, targetId, (manager) =>
      manager.getRepository(RelatedExclusion).delete({ articleId, targetId }),
    );
  }

  private excluding(
    articleId: string,
    targetId: string,
    write: (manager: EntityManager) => Promise<unknown>,
  ): Promise<Article> {
    if (targetId === articleId) {
      throw BadUserInputError.of("targetId", "notSelf", "An article is never in its own related news.");
    }
    return this.writes.run([articleId], async (manager) => {
      const articles = manager.getRepository(Article);
      const article = await articles.findOneBy({ id: articleId });
      if (!article) throw new NotFoundError("articleId", "article");
      if (!(await articles.existsBy({ id: targetId }))) {
        throw BadUserInputError.of("targetId", "exists", "No article with this id.");
      }
      await write(manager);
      return article;
    });
  }

  private edit(articleId: string, next: (entries: Entry[]) => Entry[]): Promise<Article> {
    return this.writes.run([articleId], async (manager) => {
      const article = await manager
        .getRepository(Article)
        .createQueryBuilder("a")
        .setLock("pessimistic_write")
        .where("a.id = :articleId", { articleId })
        .getOne();
      if (!article) throw new NotFoundError("articleId", "article");
      const links = manager.getRepository(RelatedLink);
      const current = await links.find({ where: { articleId }, order: { position: "ASC" } });
      const entries = next(
        current.map(({ targetArticleId, url, title }) => ({ targetArticleId, url, title }) as Entry),
      );
      await this.check(manager, articleId, entries);
      await links.delete({ articleId });
      if (entries.length > 0) await links.insert(entries.map((entry, position) => ({ ...entry, articleId, position })));
      return article;
    });
  }

  /** The rules the database also enforces, checked first so the error can name the offending entry. */
  private async check(manager: EntityManager, articleId: string, entries: Entry[]): Promise<void> {
    const violations: Violation[] = [];
    if (entries.length > MAX_RELATED_LINKS) {
      violations.push({ field: "links", rule: "maxSize", message: `At most ${MAX_RELATED_LINKS} related entries.` });
    }
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      const key = entry.targetArticleId ?? entry.url;
      if (entry.targetArticleId === articleId) {
        violations.push({
          field: `links[${index}].articleId`,
          rule: "notSelf",
          message: "An article cannot relate to itself.",
        });
      } else if (seen.has(key)) {
        violations.push({ field: `links[${index}]`, rule: "unique", message: "The same target is listed twice." });
      }
      seen.add(key);
    });
    const targets = entries.flatMap((entry) => (entry.targetArticleId ? [entry.targetArticleId] : []));
    if (targets.length > 0) {
      const found = new Set(
        (await manager.getRepository(Article).find({ select: { id: true }, where: { id: In(targets) } })).map(
          (a) => a.id,
        ),
      );
      entries.forEach((entry, index) => {
        if (entry.targetArticleId && !found.has(entry.targetArticleId)) {
          violations.push({ field: `links[${index}].articleId`, rule: "exists", message: "No article with this id." });
        }
      });
    }
    if (violations.length > 0) throw new BadUserInputError(violations);
  }
}

function toEntry(link: RelatedLinkInput, field: string): Entry {
  if (link.articleId && !link.url && !link.title) return { targetArticleId: link.articleId, url: null, title: null };
  if (!link.articleId && link.url && link.title) return { targetArticleId: null, url: link.url, title: link.title };
  throw BadUserInputError.of(field, "oneTarget", `${field}: give either articleId, or url with title.`);
}

function assertPosition(entries: Entry[], position: number, field: string): void {
  if (position >= entries.length) {
    throw BadUserInputError.of(
      field,
      "exists",
      `No related entry at ${field} ${position} (the list has ${entries.length}).`,
    );
  }
}
