import type { AddressInfo } from "node:net";

import { loadConfig } from "../../src/config";
import { type Article, ArticleStatus } from "../../src/modules/articles/article.entity";
import { Role } from "../../src/modules/auth/viewer";
import { type BylineServer, createServer } from "../../src/server";
import { createArticle, createAuthor, createTag, minutesAgo, relate, tagArticle } from "../helpers/factories";
import { bearer, startTestApp, type TestApp } from "../helpers/test-app";

const inOneHour = () => new Date(Date.now() + 3_600_000);

/**
 * Every entry point a reader has, asked in one request. Each one is asked where the hidden article would be (its
 * slug or id, its tag, its author, the related list that links it, the feeds) and must answer exactly the published
 * articles there: the published ones are the positive control, so an empty answer can never pass for a hidden one.
 */
const EVERY_ENTRY_POINT = /* GraphQL */ `
  query EveryEntryPoint($slug: String!, $id: ID!) {
    hiddenBySlug: article(slug: $slug) {
      slug
    }
    hiddenById: article(id: $id) {
      slug
    }
    visibleBySlug: article(slug: "visible") {
      slug
      related {
        ... on Article {
          slug
        }
      }
      # Its related news stays in (the dedupe has its own test): every visible article shows here.
      latestNews(first: 50, excludeRelated: false) {
        nodes {
          slug
        }
      }
    }
    latestNews(first: 50) {
      nodes {
        slug
        related {
          ... on Article {
            slug
          }
        }
      }
    }
    byTag: latestNews(first: 50, tag: "news") {
      nodes {
        slug
      }
    }
    byAuthor: latestNews(first: 50, author: "reporter") {
      nodes {
        slug
      }
    }
    articles(first: 50) {
      edges {
        node {
          slug
        }
      }
    }
    articlesByTag: articles(first: 50, filter: { tagSlug: "news" }) {
      nodes {
        slug
      }
    }
    articlesByAuthor: articles(first: 50, filter: { authorSlug: "reporter" }) {
      nodes {
        slug
      }
    }
    articlesInState: articles(first: 50, filter: { status: PUBLISHED }) {
      nodes {
        slug
      }
    }
    author(slug: "reporter") {
      articles(first: 50) {
        nodes {
          slug
        }
      }
    }
    authors(first: 10) {
      nodes {
        articles(first: 50) {
          nodes {
            slug
          }
        }
      }
    }
  }
`;

const HIDDEN = ["a-draft", "a-scheduled", "a-future", "an-archived"];
/** Newest first, the order of every list here. */
const PUBLISHED = ["visible", "also-visible"];

type Slugged = { slug: string };
const slugs = (items: Slugged[]) => items.map((item) => item.slug);

/** The slugs each entry point answered, by entry point. */
function listsOf(data: any): Record<string, string[]> {
  const visibleInFeed = (data.latestNews.nodes as Array<Slugged & { related: Slugged[] }>).find(
    (node) => node.slug === "visible",
  );
  return {
    latestNews: slugs(data.latestNews.nodes),
    "latestNews(tag)": slugs(data.byTag.nodes),
    "latestNews(author)": slugs(data.byAuthor.nodes),
    articles: slugs(data.articles.edges.map((edge: { node: Slugged }) => edge.node)),
    "articles(filter: tagSlug)": slugs(data.articlesByTag.nodes),
    "articles(filter: authorSlug)": slugs(data.articlesByAuthor.nodes),
    "articles(filter: status)": slugs(data.articlesInState.nodes),
    "author.articles": slugs(data.author.articles.nodes),
    "authors.articles": slugs(data.authors.nodes.flatMap((node: any) => node.articles.nodes)),
    "article.latestNews": slugs(data.visibleBySlug.latestNews.nodes),
    "article.related": slugs(data.visibleBySlug.related),
    "latestNews.related": slugs(visibleInFeed?.related ?? []),
  };
}

describe.each(["look-ahead", "loaders"] as const)("on the %s read path", (readPath) => {
  let app: TestApp;
  /** The READ_PATH=loaders server, on the test app's database (the test app itself is the look-ahead path). */
  let loaders: BylineServer | undefined;
  let baseUrl: string;
  let editor: Record<string, string>;
  const articles = new Map<string, Article>();

  async function ask(slug: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query: EVERY_ENTRY_POINT, variables: { slug, id: articles.get(slug)!.id } }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(response.status).toBe(200);
    return body.data;
  }

  beforeAll(async () => {
    app = await startTestApp();
    baseUrl = app.baseUrl;
    if (readPath === "loaders") {
      const server = await createServer({
        dataSource: app.dataSource,
        config: loadConfig({ NODE_ENV: "test", READ_PATH: "loaders" }),
      });
      loaders = server;
      await new Promise<void>((resolve) => server.httpServer.listen(0, "127.0.0.1", resolve));
      baseUrl = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
    }
    editor = bearer(await app.createKey(Role.EDITOR));

    const ds = app.dataSource;
    const author = await createAuthor(ds, { slug: "reporter" });
    const tag = await createTag(ds, { slug: "news" });
    const made = [
      await createArticle(ds, { slug: "visible", author, publishedAt: minutesAgo(5) }),
      await createArticle(ds, { slug: "also-visible", author, publishedAt: minutesAgo(10) }),
      await createArticle(ds, { slug: "a-draft", author, status: ArticleStatus.DRAFT, publishedAt: null }),
      await createArticle(ds, {
        slug: "a-scheduled",
        author,
        status: ArticleStatus.SCHEDULED,
        publishedAt: inOneHour(),
      }),
      await createArticle(ds, { slug: "a-future", author, status: ArticleStatus.PUBLISHED, publishedAt: inOneHour() }),
      await createArticle(ds, {
        slug: "an-archived",
        author,
        status: ArticleStatus.ARCHIVED,
        publishedAt: minutesAgo(1),
      }),
    ];
    for (const article of made) {
      articles.set(article.slug, article);
      await tagArticle(ds, article, tag);
    }
    const bySlug = (slug: string) => articles.get(slug)!;
    await relate(ds, bySlug("visible"), [...HIDDEN.map(bySlug), bySlug("also-visible")]);
  });
  afterAll(async () => {
    await loaders?.stop();
    await app?.close();
  });

  it.each(HIDDEN)("never shows %s to a reader; the published articles are there on every entry point", async (slug) => {
    const data = await ask(slug);
    expect(data.hiddenBySlug).toBeNull();
    expect(data.hiddenById).toBeNull();
    expect(data.visibleBySlug).toMatchObject({ slug: "visible" });
    const lists = listsOf(data);
    const expected = Object.fromEntries(
      Object.keys(lists).map((name) => [
        name,
        name.startsWith("article.") || name.includes(".related") ? ["also-visible"] : PUBLISHED,
      ]),
    );
    expect(lists).toEqual(expected);
  });

  it.each(HIDDEN)(
    "shows %s to an editor on the same entry points, so the reader's answer is the rule's",
    async (slug) => {
      const data = await ask(slug, editor);
      expect(data.hiddenBySlug).toEqual({ slug });
      expect(data.hiddenById).toEqual({ slug });
      const lists = listsOf(data);
      // Every list but the one filtered by state holds it for an editor.
      for (const [name, found] of Object.entries(lists)) {
        if (name === "articles(filter: status)") continue;
        expect({ [name]: found }).toEqual({ [name]: expect.arrayContaining([slug]) });
      }
    },
  );
});
