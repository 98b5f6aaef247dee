import type { DataSource } from "typeorm";

import { SLUG_MAX_LENGTH, SLUG_PATTERN } from "../common/slug";
import type { Config } from "../config";
import { Dependencies, dependencyKey, feedKey } from "../delivery/dependencies";
import type { Article } from "../modules/articles/article.entity";
import { articleBodyLoader } from "../modules/articles/article.loaders";
import { visibleArticleSql } from "../modules/articles/article.visibility";
import type { ArticleUrls } from "../modules/articles/article-url";
import { Viewer } from "../modules/auth/viewer";
import { Author } from "../modules/authors/author.entity";
import type { ArticleFilter } from "../modules/news-feed/feed.args";
import type { FeedService } from "../modules/news-feed/feed.service";
import { Tag } from "../modules/tags/tag.entity";
import { tagsByArticleIdLoader } from "../modules/tags/tag.loaders";
import { type FeedDocument, type FeedEntry, type FeedFormat, newest } from "./feed-document";
import type { NewsSitemapUrl, SitemapRef, SitemapUrl } from "./sitemap-formats";

/** Whose articles a feed shows. */
export type FeedSubject = { kind: "latest" } | { kind: "tag"; slug: string } | { kind: "author"; slug: string };

/** Google News reads articles of the last two days, at most 1,000 per news sitemap. */
const NEWS_WINDOW_MS = 2 * 86_400_000;
const NEWS_MAX_URLS = 1_000;

/** Feeds and sitemaps are public: they show what an anonymous reader sees, whoever asks. */
const READER = Viewer.anonymous;

/**
 * The data of the feeds and sitemaps, read as the API reads it: feed rows from the feed service (its visibility rule,
 * order and filters), bodies and tags through the API's batch loaders. A feed costs three statements whatever its
 * length (rows with authors, bodies, tags), an empty one two (rows, the tag or author looked up).
 */
export class SyndicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly feed: FeedService,
    private readonly urls: ArticleUrls,
    private readonly options: Pick<Config, "site" | "syndication">,
  ) {}

  /** The feed of a subject, or null when its tag or author does not exist. */
  async feedOf(subject: FeedSubject): Promise<FeedDocument | null> {
    if (subject.kind !== "latest" && !isSlug(subject.slug)) return null;
    const filter: ArticleFilter =
      subject.kind === "tag"
        ? { tagSlug: subject.slug }
        : subject.kind === "author"
          ? { authorSlug: subject.slug }
          : {};
    const rows = await this.feed.rows(READER, this.options.syndication.feedItems, null, filter);
    const ids = rows.map((row) => row.id);
    const [bodies, tags] =
      ids.length === 0
        ? [[], []]
        : await Promise.all([
            articleBodyLoader(this.dataSource).loadMany(ids),
            tagsByArticleIdLoader(this.dataSource).loadMany(ids),
          ]);

    const dependencies = new Dependencies();
    dependencies.add(feedKey(filter));
    const entries: FeedEntry[] = [];
    rows.forEach((article, i) => {
      const body = bodies[i];
      const articleTags = tags[i];
      // A row deleted between the statements: left out, as if read a moment later.
      if (!body || body instanceof Error || !articleTags || articleTags instanceof Error) return;
      dependencies.addEntities(article);
      for (const tag of articleTags) dependencies.add(dependencyKey.tag(tag.id));
      entries.push(this.entry(article, body.bodyHtml, articleTags));
    });

    const name = await this.subjectName(subject, rows, tags);
    if (name === null) return null;
    const { site } = this.options;
    const path = subject.kind === "latest" ? "/feeds/latest" : `/feeds/${subject.kind}s/${subject.slug}`;
    return {
      title: name === "" ? site.title : `${site.title}: ${name}`,
      description: site.description,
      language: site.language,
      homeUrl: site.url,
      selfUrl: (format: FeedFormat) => `${site.url}${path}.${format}`,
      entries,
      updated: newest(entries.map((entry) => entry.updated)),
      dependencies: [...dependencies.keys],
    };
  }

  /**
   * The tag's or author's name ("" for the latest news): from the rows when there are some (the author is joined,
   * each row carries its tags), else one look-up; null when there is no such tag or author.
   */
  private async subjectName(
    subject: FeedSubject,
    rows: Article[],
    tags: ReadonlyArray<Tag[] | Error>,
  ): Promise<string | null> {
    switch (subject.kind) {
      case "latest":
        return "";
      case "author": {
        const author =
          rows[0]?.author ?? (await this.dataSource.getRepository(Author).findOneBy({ slug: subject.slug }));
        return author?.name ?? null;
      }
      case "tag": {
        const fromRows = tags
          .flatMap((list) => (list instanceof Error ? [] : list))
          .find((tag) => tag.slug === subject.slug);
        const tag = fromRows ?? (await this.dataSource.getRepository(Tag).findOneBy({ slug: subject.slug }));
        return tag?.name ?? null;
      }
    }
  }

  private entry(article: Article, contentHtml: string, tags: Tag[]): FeedEntry {
    const published = article.publishedAt!; // every visible article has one (articles_published_has_date)
    return {
      id: article.id,
      url: this.urls.of(article),
      title: article.title,
      summary: article.excerpt,
      contentHtml,
      authorName: article.author!.name,
      categories: tags.map((tag) => tag.name),
      image: article.thumbnail,
      published,
      updated: lastSeenChange(article),
    };
  }

  /** The Google News sitemap's articles: published in the last two days, newest first, at most 1,000. */
  async newsSitemap(now = Date.now()): Promise<{ urls: NewsSitemapUrl[]; lastModified: Date | null }> {
    const rows = await this.feed.rows(READER, NEWS_MAX_URLS, null, {
      publishedAfter: new Date(now - NEWS_WINDOW_MS),
    });
    return {
      urls: rows.map((article) => ({
        url: this.urls.of(article),
        title: article.title,
        published: article.publishedAt!,
      })),
      lastModified: newest(rows.map(lastSeenChange)),
    };
  }

  /**
   * The sitemap index: every visible article, oldest first (so a page's URLs stay put as articles are published),
   * cut into pages of `SITEMAP_PAGE_SIZE`, each with its newest change. One statement.
   */
  async sitemapIndex(): Promise<SitemapRef[]> {
    const size = this.options.syndication.sitemapPageSize;
    const rows = (await this.dataSource.query(
      `SELECT (s.n - 1) / $1 + 1 AS page, max(s.changed) AS changed
       FROM (SELECT ${CHANGED_SQL} AS changed, row_number() OVER (ORDER BY ${OLDEST_FIRST_SQL}) AS n
             FROM articles a WHERE ${visibleArticleSql("a", READER)}) s
       GROUP BY 1 ORDER BY 1`,
      [size],
    )) as Array<{ page: string; changed: Date }>;
    return rows.map((row) => ({ url: this.sitemapUrl(Number(row.page)), lastModified: row.changed }));
  }

  /** Page `page` (from 1) of the sitemap index, or null past its end. One statement. */
  async sitemapPage(page: number): Promise<SitemapUrl[] | null> {
    const size = this.options.syndication.sitemapPageSize;
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.slug, ${CHANGED_SQL} AS changed FROM articles a WHERE ${visibleArticleSql("a", READER)}
       ORDER BY ${OLDEST_FIRST_SQL} OFFSET $1 LIMIT $2`,
      [(page - 1) * size, size],
    )) as Array<{ id: string; slug: string; changed: Date }>;
    // The first page exists even when nothing is published yet: the index always names it.
    if (rows.length === 0 && page > 1) return null;
    return rows.map((row) => ({ url: this.urls.of(row), lastModified: row.changed }));
  }

  sitemapUrl(page: number): string {
    return `${this.options.site.url}/sitemaps/articles-${page}.xml`;
  }
}

/** Oldest first on the feed index's columns, read forwards. */
const OLDEST_FIRST_SQL = "a.published_at, a.id";
/** {@link lastSeenChange} in SQL. */
const CHANGED_SQL = "greatest(a.updated_at, a.published_at)";

/**
 * When readers last saw an article change: its last edit, or its publication when that came later (a scheduled
 * article appears with no write).
 */
const lastSeenChange = (article: Article): Date =>
  new Date(Math.max(article.updatedAt.getTime(), article.publishedAt?.getTime() ?? 0));

/** A slug as tags and authors have them; anything else names nothing, and is not worth a statement. */
const isSlug = (value: string): boolean => value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value);
