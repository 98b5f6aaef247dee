import { type DataSource, type EntityManager } from "typeorm";

import { NotFoundError } from "../../common/errors";
import type { ImageInput } from "../../common/image.input";
import { slugify } from "../../common/slug";
import { inTransaction } from "../../common/transaction";
import { lockAtVersion } from "../../common/versioning";
import type { Viewer } from "../auth/viewer";
import { deriveBodyFields } from "./article.body";
import { Article, ArticleStatus } from "./article.entity";
import type { CreateArticleInput, UpdateArticleInput } from "./article.inputs";
import { ArticleRevision, type ArticleSnapshot, snapshotOf } from "./article-revision.entity";
import { ArticleWrites } from "./article-writes";

const thumbnailColumns = (image: ImageInput | null | undefined) => ({
  url: image?.url ?? null,
  alt: image?.alt ?? null,
  width: image?.width ?? null,
  height: image?.height ?? null,
});

/** Now, to the millisecond the database keeps. */
const now = () => new Date();

/**
 * Writes to articles. Each method is one transaction; every change to an existing article checks the version the
 * client read, bumps it, and keeps the state it replaces as a revision.
 */
export class ArticleEditorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writes: ArticleWrites = new ArticleWrites(dataSource),
  ) {}

  create(input: CreateArticleInput): Promise<Article> {
    // A new article is a draft: nothing shows it yet, so nothing reacts to it.
    return inTransaction(this.dataSource, async (manager) => {
      const slug = input.slug ?? (await this.freeSlug(manager, slugify(input.title)));
      const repository = manager.getRepository(Article);
      const article = repository.create({
        slug,
        title: input.title,
        excerpt: input.excerpt,
        ...deriveBodyFields(input.body),
        thumbnailColumns: thumbnailColumns(input.thumbnail),
        status: ArticleStatus.DRAFT,
        publishedAt: null,
        authorId: input.authorId,
      });
      await repository.insert(article);
      return repository.findOneByOrFail({ id: article.id });
    });
  }

  update(viewer: Viewer, input: UpdateArticleInput): Promise<Article> {
    const { id, version, body, thumbnail, ...fields } = input;
    const changes: Partial<Article> = { ...definedOnly(fields) };
    if (body !== undefined) Object.assign(changes, deriveBodyFields(body));
    if (thumbnail !== undefined) changes.thumbnailColumns = thumbnailColumns(thumbnail);
    return this.change(viewer, id, version, () => changes);
  }

  /** Publishes now, or at `at`: a future time schedules it (it appears to readers at that time, by itself). */
  publish(viewer: Viewer, id: string, version: number, at?: Date): Promise<Article> {
    const when = at ?? now();
    const status = when.getTime() > Date.now() ? ArticleStatus.SCHEDULED : ArticleStatus.PUBLISHED;
    return this.change(viewer, id, version, () => ({ status, publishedAt: when }));
  }

  unpublish(viewer: Viewer, id: string, version: number): Promise<Article> {
    return this.change(viewer, id, version, () => ({ status: ArticleStatus.DRAFT, publishedAt: null }));
  }

  archive(viewer: Viewer, id: string, version: number): Promise<Article> {
    return this.change(viewer, id, version, () => ({ status: ArticleStatus.ARCHIVED }));
  }

  /** Brings back a revision's content (not its status) as a new version; the replaced state becomes a revision too. */
  restoreRevision(viewer: Viewer, id: string, version: number, revisionId: string): Promise<Article> {
    return this.change(viewer, id, version, async (manager) => {
      const revision = await manager.getRepository(ArticleRevision).findOneBy({ id: revisionId, articleId: id });
      if (!revision) throw new NotFoundError("revisionId", "revision of this article");
      const { slug, title, excerpt, body, thumbnail, authorId }: ArticleSnapshot = revision.snapshot;
      return { slug, title, excerpt, ...deriveBodyFields(body), thumbnailColumns: thumbnail, authorId };
    });
  }

  delete(id: string): Promise<string> {
    return this.writes.run([id], async (manager) => {
      const result = await manager.getRepository(Article).delete({ id });
      if (!result.affected) throw new NotFoundError("id", "article");
      return id;
    });
  }

  /** The shared update path: lock the row at the version read, keep a revision, apply, bump. */
  private change(
    viewer: Viewer,
    id: string,
    version: number,
    changesFor: (manager: EntityManager, current: Article) => Partial<Article> | Promise<Partial<Article>>,
  ): Promise<Article> {
    return this.writes.run([id], async (manager) => {
      const repository = manager.getRepository(Article);
      // The body too: the revision keeps it.
      const current = await lockAtVersion(manager, Article, "article", id, version, ["body"]);
      const changes = await changesFor(manager, current);
      await manager.getRepository(ArticleRevision).insert({
        articleId: id,
        version: current.version,
        snapshot: snapshotOf(current),
        replacedBy: viewer.keyName,
      });
      await repository.update({ id }, { ...changes, version: current.version + 1 });
      return repository.findOneByOrFail({ id });
    });
  }

  /** `base`, or `base-2`, `base-3`, ... whichever is free. */
  private async freeSlug(manager: EntityManager, base: string): Promise<string> {
    const taken = new Set(
      (
        await manager.query<Array<{ slug: string }>>("SELECT slug FROM articles WHERE slug = $1 OR slug LIKE $2", [
          base,
          `${base}-%`,
        ])
      ).map((row) => row.slug),
    );
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}

/** Leaves out the keys a client did not send (TypeORM 1.x rejects `undefined` values). */
export function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
