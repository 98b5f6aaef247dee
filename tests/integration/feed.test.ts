import type { Article } from "../../src/modules/articles/article.entity";
import { createArticle, createAuthor, createTag, minutesAgo, tagArticle } from "../helpers/factories";
import { AUTHOR_PAGE, FEED_PAGE } from "../helpers/operations";
import { dataOf, startTestApp, type TestApp } from "../helpers/test-app";

interface FeedPage {
  latestNews: {
    edges: Array<{ cursor: string; node: { id: string; slug: string; publishedAt: string } }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

describe("the latest-news feed", () => {
  let app: TestApp;
  const articles: Article[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    // 45 articles; every three share a publication time, so the walk must break ties on id.
    for (let i = 0; i < 45; i++) {
      articles.push(
        await createArticle(app.dataSource, { slug: `story-${i}`, publishedAt: minutesAgo(10 + Math.floor(i / 3)) }),
      );
    }
  });
  afterAll(() => app.close());

  async function walk(first: number, between?: (pageNumber: number) => Promise<void>): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pageNumber = 0; pageNumber < 100; pageNumber++) {
      const page: FeedPage = dataOf(await app.gql<FeedPage>(FEED_PAGE, { first, after }));
      seen.push(...page.latestNews.edges.map((edge) => edge.node.slug));
      expect(page.latestNews.pageInfo.endCursor).toBe(page.latestNews.edges.at(-1)?.cursor ?? null);
      if (!page.latestNews.pageInfo.hasNextPage) return seen;
      after = page.latestNews.pageInfo.endCursor;
      await between?.(pageNumber);
    }
    throw new Error("the feed never ended");
  }

  it("orders by publication time, newest first, ties broken by id", async () => {
    const page = dataOf(await app.gql<FeedPage>(FEED_PAGE, { first: 50 }));
    const expected = [...articles].sort(
      (a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime() || (a.id < b.id ? 1 : -1),
    );
    expect(page.latestNews.edges.map((e) => e.node.slug)).toEqual(expected.map((a) => a.slug));
    expect(page.latestNews.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it("answers a feed page in one statement, bodies included when a client asks for them", async () => {
    const lean = await app.gql(`{ latestNews(first: 20) { nodes { slug } } }`);
    const full = await app.gql(`{ latestNews(first: 20) { nodes { slug body bodyHtml } } }`);
    expect(lean.statements).toBe(1);
    expect(full.statements).toBe(1);
    const first = dataOf(full).latestNews.nodes[0];
    const stored = articles.find((article) => article.slug === first.slug)!;
    expect(first).toEqual({ slug: stored.slug, body: stored.body, bodyHtml: stored.bodyHtml });
  });

  it("walks page by page returning every article exactly once", async () => {
    const seen = await walk(7);
    expect(seen).toHaveLength(articles.length);
    expect(new Set(seen).size).toBe(articles.length);
  });

  it("stays exact when articles are published during the walk", async () => {
    const published: string[] = [];
    try {
      const seen = await walk(4, async (pageNumber) => {
        // A breaking story lands at the top of the feed while a reader is on page `pageNumber`.
        const fresh = await createArticle(app.dataSource, {
          slug: `breaking-${pageNumber}`,
          publishedAt: minutesAgo(0),
        });
        published.push(fresh.slug);
      });
      expect(published.length).toBeGreaterThan(5);
      expect(seen).toEqual(expect.arrayContaining(articles.map((a) => a.slug)));
      expect(seen.filter((slug) => slug.startsWith("story-"))).toHaveLength(articles.length);
      expect(new Set(seen).size).toBe(seen.length);
    } finally {
      // The other tests of this feed count on exactly the 45 stories.
      await app.dataSource.query("DELETE FROM articles WHERE slug = ANY($1)", [published]);
    }
  });

  it("returns an empty last page with null cursors after the end", async () => {
    let page = dataOf(await app.gql<FeedPage>(FEED_PAGE, { first: 50 }));
    while (page.latestNews.pageInfo.hasNextPage) {
      page = dataOf(await app.gql<FeedPage>(FEED_PAGE, { first: 50, after: page.latestNews.pageInfo.endCursor }));
    }
    const last = page.latestNews.pageInfo.endCursor;
    const beyond = dataOf(await app.gql<FeedPage>(FEED_PAGE, { first: 5, after: last }));
    expect(beyond.latestNews).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });
});

describe("feeds by tag and author", () => {
  let app: TestApp;
  const publishedAt: Date[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    const ds = app.dataSource;
    const sports = await createTag(ds, { slug: "sports", name: "Sports" });
    const health = await createTag(ds, { slug: "health", name: "Health" });
    const [ana, ben] = [await createAuthor(ds, { slug: "ana" }), await createAuthor(ds, { slug: "ben" })];
    for (let i = 0; i < 12; i++) {
      const article = await createArticle(ds, {
        slug: `item-${i}`,
        author: i % 3 === 0 ? ana : ben,
        publishedAt: minutesAgo(100 - i),
      });
      await tagArticle(ds, article, i % 2 === 0 ? sports : health);
      publishedAt.push(article.publishedAt!);
    }
  });
  afterAll(() => app.close());

  const slugs = (page: FeedPage) => page.latestNews.edges.map((e) => e.node.slug);

  it("filters latestNews by tag", async () => {
    const page = dataOf(await app.gql<FeedPage>(FEED_PAGE, { first: 20, tag: "sports" }));
    expect(slugs(page)).toEqual(["item-10", "item-8", "item-6", "item-4", "item-2", "item-0"]);
  });

  it("filters latestNews by author and by both", async () => {
    expect(slugs(dataOf(await app.gql<FeedPage>(FEED_PAGE, { first: 20, author: "ana" })))).toEqual([
      "item-9",
      "item-6",
      "item-3",
      "item-0",
    ]);
    expect(slugs(dataOf(await app.gql<FeedPage>(FEED_PAGE, { first: 20, author: "ana", tag: "sports" })))).toEqual([
      "item-6",
      "item-0",
    ]);
  });

  it("answers an unknown tag or author with an empty feed, without walking the feed", async () => {
    for (const variables of [{ tag: "nope" }, { author: "nobody" }]) {
      const response = await app.gql<FeedPage>(FEED_PAGE, { first: 5, ...variables });
      expect(slugs(dataOf(response))).toEqual([]);
      expect(response.statements).toBe(1); // the slug lookup only
    }
  });

  it("pages through a tag feed with cursors", async () => {
    const first = dataOf(await app.gql<FeedPage>(FEED_PAGE, { first: 4, tag: "sports" }));
    const second = dataOf(
      await app.gql<FeedPage>(FEED_PAGE, { first: 4, tag: "sports", after: first.latestNews.pageInfo.endCursor }),
    );
    expect([...slugs(first), ...slugs(second)]).toEqual(["item-10", "item-8", "item-6", "item-4", "item-2", "item-0"]);
    expect(second.latestNews.pageInfo.hasNextPage).toBe(false);
  });

  it("filters articles by author, tag and publication window", async () => {
    const query = `query ($filter: ArticleFilter) { articles(first: 20, filter: $filter) { nodes { slug } } }`;
    const run = async (filter: object) =>
      dataOf(await app.gql(query, { filter })).articles.nodes.map((n: any) => n.slug);
    expect(await run({ authorSlug: "ben", tagSlug: "health" })).toEqual(["item-11", "item-7", "item-5", "item-1"]);
    // publishedAfter is inclusive, publishedBefore exclusive.
    expect(
      await run({ publishedAfter: publishedAt[9]!.toISOString(), publishedBefore: publishedAt[11]!.toISOString() }),
    ).toEqual(["item-10", "item-9"]);
  });

  it("pages through an author's articles", async () => {
    const first = dataOf(await app.gql(AUTHOR_PAGE, { slug: "ana", first: 3 }));
    expect(first.author.name).toBeTruthy();
    expect(first.author.articles.nodes.map((n: any) => n.slug)).toEqual(["item-9", "item-6", "item-3"]);
    const second = dataOf(
      await app.gql(AUTHOR_PAGE, { slug: "ana", first: 3, after: first.author.articles.pageInfo.endCursor }),
    );
    expect(second.author.articles).toEqual({
      nodes: [{ slug: "item-0" }],
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
    });
  });

  it("loads the articles of every author on an authors page in a fixed number of statements", async () => {
    const query = `query ($n: Int) { authors(first: 10) { nodes { slug articles(first: $n) { nodes { slug author { slug } } } } } }`;
    const one = await app.gql(query, { n: 1 });
    const many = await app.gql(query, { n: 10 });
    expect(dataOf(one).authors.nodes).toEqual([
      { slug: "ana", articles: { nodes: [{ slug: "item-9", author: { slug: "ana" } }] } },
      { slug: "ben", articles: { nodes: [{ slug: "item-11", author: { slug: "ben" } }] } },
    ]);
    expect(dataOf(many).authors.nodes[1].articles.nodes).toHaveLength(8);
    expect(many.statements).toBe(one.statements);
    expect(many.statements).toBeLessThanOrEqual(3);
  });

  it("lists authors alphabetically with cursors, and every tag", async () => {
    const page1 = dataOf(await app.gql(`{ authors(first: 1) { nodes { slug } pageInfo { hasNextPage endCursor } } }`));
    expect(page1.authors.nodes).toEqual([{ slug: "ana" }]);
    const page2 = dataOf(
      await app.gql(
        `query ($after: String) { authors(first: 1, after: $after) { nodes { slug } pageInfo { hasNextPage } } }`,
        {
          after: page1.authors.pageInfo.endCursor,
        },
      ),
    );
    expect(page2.authors).toEqual({ nodes: [{ slug: "ben" }], pageInfo: { hasNextPage: false } });
    expect(dataOf(await app.gql(`{ tags { slug } }`)).tags.map((t: any) => t.slug)).toEqual(["health", "sports"]);
  });
});
