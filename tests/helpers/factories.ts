import { randomUUID } from "node:crypto";

import type { DataSource } from "typeorm";

import { deriveBodyFields } from "../../src/modules/articles/article.body";
import { Article, ArticleStatus } from "../../src/modules/articles/article.entity";
import { Author } from "../../src/modules/authors/author.entity";
import { RelatedLink } from "../../src/modules/related-news/related-link.entity";
import { ArticleTag } from "../../src/modules/tags/article-tag.entity";
import { Tag } from "../../src/modules/tags/tag.entity";

let sequence = 0;
const next = () => ++sequence;

export const minutesAgo = (minutes: number): Date => new Date(Math.floor(Date.now() / 1000) * 1000 - minutes * 60_000);

export async function createAuthor(dataSource: DataSource, overrides: Partial<Author> = {}): Promise<Author> {
  const n = next();
  return dataSource.getRepository(Author).save(
    dataSource.getRepository(Author).create({
      slug: `author-${n}`,
      name: `Author ${n}`,
      bio: `Writes about things, number ${n}.`,
      avatarUrl: `https://images.byline.example/avatars/${n}.jpg`,
      ...overrides,
    }),
  );
}

type ArticleOverrides = Partial<Omit<Article, "author">> & { author?: Author };

/** A published article (published a minute ago unless overridden), with an author made for it if none is given. */
export async function createArticle(dataSource: DataSource, overrides: ArticleOverrides = {}): Promise<Article> {
  const n = next();
  const { author, ...fields } = overrides;
  const body = fields.body ?? `## Story ${n}\n\nThe council met on Tuesday to discuss the budget for story ${n}.`;
  const repository = dataSource.getRepository(Article);
  return repository.save(
    repository.create({
      id: randomUUID(),
      slug: `article-${n}`,
      title: `Article ${n}`,
      excerpt: `Excerpt of article ${n}.`,
      ...deriveBodyFields(body),
      thumbnailColumns: {
        url: `https://images.byline.example/articles/${n}.jpg`,
        alt: `Picture ${n}`,
        width: 1200,
        height: 675,
      },
      status: ArticleStatus.PUBLISHED,
      publishedAt: minutesAgo(1),
      authorId: fields.authorId ?? (author ?? (await createAuthor(dataSource))).id,
      ...fields,
    }),
  );
}

export async function createTag(dataSource: DataSource, overrides: Partial<Tag> = {}): Promise<Tag> {
  const n = next();
  const repository = dataSource.getRepository(Tag);
  return repository.save(repository.create({ slug: `tag-${n}`, name: `Tag ${n}`, ...overrides }));
}

export async function tagArticle(dataSource: DataSource, article: Article, ...tags: Tag[]): Promise<void> {
  await dataSource.getRepository(ArticleTag).insert(tags.map((tag) => ({ articleId: article.id, tagId: tag.id })));
}

export type RelatedTarget = Article | { url: string; title: string };

/** Sets an article's related news, in the given order. */
export async function relate(dataSource: DataSource, article: Article, targets: RelatedTarget[]): Promise<void> {
  await dataSource
    .getRepository(RelatedLink)
    .insert(
      targets.map((target, position) =>
        target instanceof Article
          ? { articleId: article.id, position, targetArticleId: target.id }
          : { articleId: article.id, position, url: target.url, title: target.title },
      ),
    );
}
