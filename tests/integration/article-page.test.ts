import type { Article } from "../../src/modules/articles/article.entity";
import { createArticle, createAuthor, createTag, minutesAgo, relate, tagArticle } from "../helpers/factories";
import { ARTICLE_PAGE } from "../helpers/operations";
import { dataOf, startTestApp, type TestApp } from "../helpers/test-app";

/**
 * The article page costs one statement whatever the page sizes: the article with its author, tags, related news (with
 * their authors) and the latest-news window (with authors and tags), built as one JSON answer by the look-ahead.
 */
const ARTICLE_PAGE_STATEMENT_BOUND = 1;

describe("the article page in one request", () => {
  let app: TestApp;
  let article: Article;
  const feed: Article[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    const ds = app.dataSource;
    const writer = await createAuthor(ds, { slug: "ines-moreau", name: "Ines Moreau", bio: "Covers city hall." });
    const [politics, housing] = [
      await createTag(ds, { slug: "politics", name: "Politics" }),
      await createTag(ds, { slug: "housing", name: "Housing" }),
    ];
    article = await createArticle(ds, {
      author: writer,
      slug: "council-approves-budget",
      title: "Council approves budget",
      body: "## What passed\n\n" + "word ".repeat(460),
      publishedAt: minutesAgo(31),
    });
    await tagArticle(ds, article, politics, housing);
    // 60 other published articles, each with its own author and a tag, newest first at i = 0.
    for (let i = 0; i < 60; i++) {
      const other = await createArticle(ds, { slug: `feed-${i}`, publishedAt: minutesAgo(i * 2) });
      await tagArticle(ds, other, i % 2 ? politics : housing);
      feed.push(other);
    }
    const draft = await createArticle(ds, {
      slug: "draft-related",
      status: "DRAFT" as Article["status"],
      publishedAt: null,
    });
    await relate(ds, article, [
      feed[5]!,
      { title: "Budget documents", url: "https://council.example.org/budget-2027" },
      draft,
      feed[1]!,
    ]);
  });
  afterAll(() => app.close());

  it("returns the article with its author, tags, related news and latest news", async () => {
    const data = dataOf(await app.gql(ARTICLE_PAGE, { slug: "council-approves-budget" }));
    expect(data.article).toMatchObject({
      id: article.id,
      title: "Council approves budget",
      readingTimeMinutes: 3,
      thumbnail: { url: article.thumbnailColumns.url, alt: article.thumbnailColumns.alt, width: 1200, height: 675 },
      author: { name: "Ines Moreau", slug: "ines-moreau", bio: "Covers city hall." },
      tags: [
        { slug: "housing", name: "Housing" },
        { slug: "politics", name: "Politics" },
      ],
    });
    expect(data.article.publishedAt).toBe(article.publishedAt!.toISOString());
    expect(data.article.body).toBe(article.body);
  });

  it("lists related news in editorial order, external links included and unpublished targets left out", async () => {
    const { article: page } = dataOf(await app.gql(ARTICLE_PAGE, { slug: "council-approves-budget" }));
    expect(page.related).toEqual([
      {
        __typename: "Article",
        slug: "feed-5",
        title: feed[5]!.title,
        excerpt: feed[5]!.excerpt,
        author: { name: expect.any(String) },
      },
      { __typename: "ExternalLink", title: "Budget documents", url: "https://council.example.org/budget-2027" },
      {
        __typename: "Article",
        slug: "feed-1",
        title: feed[1]!.title,
        excerpt: feed[1]!.excerpt,
        author: { name: expect.any(String) },
      },
    ]);
  });

  it("shows the newest other articles as latest news, never the article itself nor its related news", async () => {
    const { article: page } = dataOf(await app.gql(ARTICLE_PAGE, { slug: "council-approves-budget", latest: 10 }));
    // The article itself (31 minutes old) sits between feed-15 and feed-16 in publication order; feed-1 and feed-5
    // are in its related news (pinned), so the page leaves them out and is still full.
    const shown = feed.filter((a) => a !== feed[1] && a !== feed[5]);
    expect(page.latestNews.edges.map((e: any) => e.node.slug)).toEqual(shown.slice(0, 10).map((a) => a.slug));
    const deeper = dataOf(await app.gql(ARTICLE_PAGE, { slug: "council-approves-budget", latest: 20 }));
    const slugs = deeper.article.latestNews.edges.map((e: any) => e.node.slug);
    expect(slugs).toEqual(shown.slice(0, 20).map((a) => a.slug));
    expect(slugs).not.toContain("council-approves-budget");
    expect(deeper.article.latestNews.pageInfo.hasNextPage).toBe(true);
  });

  it(`runs the same number of SQL statements for 5 and 50 latest news, at most ${ARTICLE_PAGE_STATEMENT_BOUND}`, async () => {
    const counts = new Set<number>();
    for (const latest of [5, 50, 5, 50, 5, 50]) {
      const response = await app.gql(ARTICLE_PAGE, { slug: "council-approves-budget", latest });
      expect(dataOf(response).article.latestNews.edges).toHaveLength(latest);
      counts.add(response.statements);
    }
    expect(counts.size).toBe(1);
    const [statements] = [...counts];
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThanOrEqual(ARTICLE_PAGE_STATEMENT_BOUND);
  });

  it("returns null for an unknown slug", async () => {
    const data = dataOf(await app.gql(ARTICLE_PAGE, { slug: "no-such-article" }));
    expect(data.article).toBeNull();
  });

  it("finds the same article by id", async () => {
    const data = dataOf(await app.gql(`query ($id: ID!) { article(id: $id) { slug } }`, { id: article.id }));
    expect(data.article).toEqual({ slug: "council-approves-budget" });
  });
});
