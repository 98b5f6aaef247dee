import type { AddressInfo } from "node:net";

import { loadConfig } from "../../src/config";
import { type Article, ArticleStatus } from "../../src/modules/articles/article.entity";
import { Role } from "../../src/modules/auth/viewer";
import { createServer } from "../../src/server";
import { createArticle, createAuthor, createTag, minutesAgo, tagArticle } from "../helpers/factories";
import { bearer, dataOf, type GraphQLResponse, postGraphQL, startTestApp, type TestApp } from "../helpers/test-app";

const inOneHour = () => new Date(Date.now() + 3_600_000);

const FEED_COUNT = /* GraphQL */ `
  query FeedCount($tag: String, $author: String) {
    latestNews(tag: $tag, author: $author) {
      totalCount
      totalCountIsEstimate
    }
  }
`;

const ARTICLES_COUNT = /* GraphQL */ `
  query ArticlesCount($filter: ArticleFilter) {
    articles(filter: $filter) {
      totalCount
      totalCountIsEstimate
    }
  }
`;

const AUTHOR_COUNT = /* GraphQL */ `
  query AuthorCount($slug: String!) {
    author(slug: $slug) {
      articles(first: 2) {
        totalCount
        totalCountIsEstimate
        nodes {
          slug
        }
      }
    }
  }
`;

const BESIDE_COUNT = /* GraphQL */ `
  query BesideCount($slug: String!) {
    article(slug: $slug) {
      latestNews(first: 3) {
        totalCount
        totalCountIsEstimate
        nodes {
          slug
        }
      }
    }
  }
`;

/** A page with and without its count, and a page of pages that each count (the read path's shapes). */
const PAGE = (fields: string) => /* GraphQL */ `
  query Page {
    latestNews(first: 5) {
      ${fields}
      nodes {
        slug
      }
    }
  }
`;

const NESTED = (fields: string, first = 5) => /* GraphQL */ `
  query Nested {
    latestNews(first: ${first}) {
      ${fields}
      nodes {
        slug
        latestNews(first: 2) {
          ${fields}
          nodes {
            slug
          }
        }
        author {
          articles(first: 1) {
            ${fields}
            nodes {
              slug
            }
          }
        }
      }
    }
  }
`;

const counted = (count: number) => ({ totalCount: count, totalCountIsEstimate: false });

interface Beside {
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse>;
  stop(): Promise<void>;
}

/** A second server on the test app's database, configured by `env`. */
async function serverBeside(app: TestApp, env: Record<string, string>): Promise<Beside> {
  const server = await createServer({
    dataSource: app.dataSource,
    config: loadConfig({ NODE_ENV: "test", EXPOSE_SQL_STATEMENTS: "true", ...env }),
  });
  await new Promise<void>((resolve) => server.httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  return {
    gql: (query, variables, headers) => postGraphQL(`http://127.0.0.1:${port}`, query, variables, headers),
    async stop() {
      await server.stop();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    },
  };
}

describe("totalCount", () => {
  let app: TestApp;
  let loaders: Beside;
  let editor: Record<string, string>;
  let draft: Article;

  beforeAll(async () => {
    app = await startTestApp();
    const ds = app.dataSource;
    editor = bearer(await app.createKey(Role.EDITOR));
    const sports = await createTag(ds, { slug: "sports", name: "Sports" });
    const health = await createTag(ds, { slug: "health", name: "Health" });
    const [ana, ben] = [await createAuthor(ds, { slug: "ana" }), await createAuthor(ds, { slug: "ben" })];
    // 12 published: ana wrote 4 (0, 3, 6, 9); 6 are sports (even), 2 of them ana's (0, 6).
    for (let i = 0; i < 12; i++) {
      const article = await createArticle(ds, {
        slug: `item-${i}`,
        author: i % 3 === 0 ? ana : ben,
        publishedAt: minutesAgo(100 - i),
      });
      await tagArticle(ds, article, i % 2 === 0 ? sports : health);
    }
    // Hidden from readers, seen by editors: a draft and a scheduled article of ana's in sports, and an archived one.
    draft = await createArticle(ds, { slug: "draft", author: ana, status: ArticleStatus.DRAFT, publishedAt: null });
    await tagArticle(ds, draft, sports);
    const future = await createArticle(ds, {
      slug: "future",
      author: ana,
      status: ArticleStatus.SCHEDULED,
      publishedAt: inOneHour(),
    });
    await tagArticle(ds, future, sports);
    await createArticle(ds, { slug: "archived", author: ben, status: ArticleStatus.ARCHIVED });
    // The general path on the same database: it must count exactly what the look-ahead path counts.
    loaders = await serverBeside(app, { READ_PATH: "loaders" });
  });
  afterAll(async () => {
    await loaders.stop();
    await app.close();
  });

  it("counts what readers may see: no drafts, no scheduled or archived articles", async () => {
    expect(dataOf(await app.gql(FEED_COUNT)).latestNews).toEqual(counted(12));
    expect(dataOf(await app.gql(ARTICLES_COUNT)).articles).toEqual(counted(12));
  });

  it("counts every article for editors", async () => {
    expect(dataOf(await app.gql(FEED_COUNT, {}, editor)).latestNews).toEqual(counted(15));
    const drafts = await app.gql(ARTICLES_COUNT, { filter: { status: "DRAFT" } }, editor);
    expect(dataOf(drafts).articles).toEqual(counted(1));
    const scheduled = await app.gql(ARTICLES_COUNT, { filter: { status: "SCHEDULED" } }, editor);
    expect(dataOf(scheduled).articles).toEqual(counted(1));
  });

  it("counts per tag and per author, for readers and editors", async () => {
    const cases: Array<[Record<string, string>, number, number]> = [
      [{ tag: "sports" }, 6, 8],
      [{ author: "ana" }, 4, 6],
      [{ tag: "sports", author: "ana" }, 2, 4],
      [{ tag: "health" }, 6, 6],
      [{ tag: "no-such-tag" }, 0, 0],
      [{ author: "nobody" }, 0, 0],
    ];
    for (const [variables, forReaders, forEditors] of cases) {
      expect([variables, dataOf(await app.gql(FEED_COUNT, variables)).latestNews]).toEqual([
        variables,
        counted(forReaders),
      ]);
      expect([variables, dataOf(await app.gql(FEED_COUNT, variables, editor)).latestNews]).toEqual([
        variables,
        counted(forEditors),
      ]);
    }
    const window = { publishedAfter: minutesAgo(95).toISOString(), tagSlug: "sports" };
    // Published 100 - i minutes ago: items 6, 8 and 10 are within the last 95 minutes.
    expect(dataOf(await app.gql(ARTICLES_COUNT, { filter: window })).articles).toEqual(counted(3));
  });

  it("counts an author's articles, and the latest news beside an article without the article itself", async () => {
    const ana = dataOf(await app.gql(AUTHOR_COUNT, { slug: "ana" })).author.articles;
    expect(ana).toMatchObject(counted(4));
    expect(ana.nodes).toHaveLength(2);
    expect(dataOf(await app.gql(AUTHOR_COUNT, { slug: "ana" }, editor)).author.articles).toMatchObject(counted(6));

    expect(dataOf(await app.gql(BESIDE_COUNT, { slug: "item-3" })).article.latestNews).toMatchObject(counted(11));
    // The draft is not in the readers' feed, so nothing is left out of the editors' count but the draft itself.
    const besideDraft = dataOf(await app.gql(BESIDE_COUNT, { slug: draft.slug }, editor)).article.latestNews;
    expect(besideDraft).toMatchObject(counted(14));
  });

  it("counts the authors directory", async () => {
    const response = await app.gql(`{ authors(first: 1) { totalCount totalCountIsEstimate nodes { slug } } }`);
    expect(dataOf(response).authors).toMatchObject(counted(2)); // ana and ben, whatever the page size
  });

  it("answers the same on the look-ahead and the loaders paths", async () => {
    for (const document of [NESTED("totalCount totalCountIsEstimate"), AUTHOR_COUNT, BESIDE_COUNT, FEED_COUNT]) {
      for (const headers of [{}, editor]) {
        const variables = { slug: "item-0", tag: "sports" };
        const viaLookAhead = await app.gql(document, variables, headers);
        const viaLoaders = await loaders.gql(document, variables, headers);
        expect(viaLookAhead.body).toEqual(viaLoaders.body);
        expect(viaLookAhead.body.errors).toBeUndefined();
      }
    }
    const nested = dataOf(await app.gql(NESTED("totalCount totalCountIsEstimate"))).latestNews;
    expect(nested.totalCount).toBe(12);
    for (const node of nested.nodes) {
      expect(node.latestNews).toMatchObject(counted(11));
      // Items 9..11 are the newest: 9 is ana's (4 articles), 10 and 11 ben's (8).
      expect(node.author.articles).toMatchObject(counted(node.slug === "item-9" ? 4 : 8));
    }
  });

  it("costs no statement when not selected, and a set of statements that does not grow with the page", async () => {
    const plain = await app.gql(PAGE(""));
    const withCount = await app.gql(PAGE("totalCount"));
    const withBoth = await app.gql(PAGE("totalCount totalCountIsEstimate"));
    // The look-ahead's one statement for the page; the counts are all the rest.
    expect(plain.statements).toBe(1);
    const countCost = withCount.statements - plain.statements;
    expect(countCost).toBeGreaterThan(0);
    expect(withBoth.statements).toBe(withCount.statements);

    // The counts of a level of the answer are one batch (one transaction, one counting statement), so eleven
    // connections (the page, five latest-news windows, five author pages) cost what five do: one batch per level.
    const nestedCost = async (first: number) => {
      const counted = await app.gql(NESTED("totalCount", first));
      expect(dataOf(counted).latestNews.nodes).toHaveLength(first);
      return counted.statements - (await app.gql(NESTED("", first))).statements;
    };
    const ofFive = await nestedCost(5);
    expect(ofFive).toBeLessThanOrEqual(3 * countCost);
    expect(await nestedCost(2)).toBe(ofFive);
  });

  it("rejects bad input before counting anything", async () => {
    for (const variables of [{ first: 0 }, { first: 51 }, { after: "not-a-cursor" }]) {
      const response = await app.gql(
        `query Bad($first: Int = 10, $after: String) { latestNews(first: $first, after: $after) { totalCount } }`,
        variables,
      );
      expect(response.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(response.body.data?.latestNews ?? null).toBeNull();
      expect(response.statements).toBe(0);
    }
  });
});

describe("totalCount past COUNT_EXACT_LIMIT", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ COUNT_EXACT_LIMIT: "5" });
    const sports = await createTag(app.dataSource, { slug: "sports" });
    for (let i = 0; i < 20; i++) {
      const article = await createArticle(app.dataSource, { slug: `many-${i}`, publishedAt: minutesAgo(i + 1) });
      if (i < 3) await tagArticle(app.dataSource, article, sports);
    }
    await app.dataSource.query("ANALYZE articles");
  });
  afterAll(() => app.close());

  it("estimates a longer list, flagged as an estimate, and never below what it counted", async () => {
    const { latestNews } = dataOf(await app.gql(FEED_COUNT));
    expect(latestNews.totalCountIsEstimate).toBe(true);
    expect(latestNews.totalCount).toBeGreaterThan(5);
    // The planner's estimate of the analysed table is near the truth (20), not a bound or a guess.
    expect(latestNews.totalCount).toBeLessThanOrEqual(40);

    const beside = dataOf(await app.gql(BESIDE_COUNT, { slug: "many-0" })).article.latestNews;
    expect(beside.totalCountIsEstimate).toBe(true);
  });

  it("still counts a short list exactly", async () => {
    expect(dataOf(await app.gql(FEED_COUNT, { tag: "sports" })).latestNews).toEqual(counted(3));
  });
});

describe("totalCount past COUNT_TIMEOUT_MS", () => {
  let app: TestApp;
  const ROWS = 100_000;
  const SLICE = 5_000;

  beforeAll(async () => {
    // A list long enough that counting it cannot finish in a millisecond, and a bound of a millisecond.
    app = await startTestApp({ COUNT_TIMEOUT_MS: "1", COUNT_EXACT_LIMIT: "10000000" });
    const author = await createAuthor(app.dataSource);
    // In slices, each well within the pool's statement bound.
    for (let from = 1; from <= ROWS; from += SLICE) {
      await app.dataSource.query(
        `INSERT INTO articles (slug, title, excerpt, body, status, published_at, author_id)
         SELECT 'bulk-' || g, 'Bulk ' || g, '', '', 'PUBLISHED', now() - g * interval '1 second', $1
         FROM generate_series(${from}, ${from + SLICE - 1}) g`,
        [author.id],
      );
    }
    await app.dataSource.query("ANALYZE articles");
  });
  afterAll(() => app.close());

  it("gives the estimate when the count runs out of time, and the request still succeeds", async () => {
    const { latestNews } = dataOf(await app.gql(FEED_COUNT));
    expect(latestNews.totalCountIsEstimate).toBe(true);
    expect(latestNews.totalCount).toBeGreaterThan(ROWS / 2);
    expect(latestNews.totalCount).toBeLessThan(ROWS * 2);
    // The connection it borrowed is back in the pool with the usual bounds: a plain page still answers.
    expect(dataOf(await app.gql(PAGE(""))).latestNews.nodes).toHaveLength(5);
  });

  it("counts exactly once the bound allows it", async () => {
    const exact = await serverBeside(app, { COUNT_EXACT_LIMIT: "10000000", COUNT_TIMEOUT_MS: "4000" });
    try {
      expect(dataOf(await exact.gql(FEED_COUNT)).latestNews).toEqual(counted(ROWS));
    } finally {
      await exact.stop();
    }
  });
});
