import { type Article, ArticleStatus } from "../../src/modules/articles/article.entity";
import { createArticle, createAuthor, createTag, minutesAgo, relate, tagArticle } from "../helpers/factories";
import { dataOf, startTestApp, type TestApp } from "../helpers/test-app";

const inOneHour = () => new Date(Date.now() + 3_600_000);

/** Every read path, asked in one request; returns every article slug that appears anywhere in the answer. */
const EVERY_PATH = /* GraphQL */ `
  query EveryPath($slug: String!, $id: ID!, $tag: String!, $author: String!) {
    bySlug: article(slug: $slug) {
      slug
    }
    byId: article(id: $id) {
      slug
    }
    latestNews(first: 50) {
      nodes {
        slug
      }
    }
    byTag: latestNews(first: 50, tag: $tag) {
      nodes {
        slug
      }
    }
    byAuthor: latestNews(first: 50, author: $author) {
      nodes {
        slug
      }
    }
    articles(first: 50) {
      nodes {
        slug
      }
    }
    author(slug: $author) {
      articles(first: 50) {
        nodes {
          slug
        }
      }
    }
    authors(first: 10) {
      nodes {
        articles(first: 10) {
          nodes {
            slug
          }
        }
      }
    }
    home: article(slug: "visible") {
      related {
        ... on Article {
          slug
        }
      }
      latestNews(first: 50) {
        nodes {
          slug
        }
      }
    }
  }
`;

function slugsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => slugsIn(item, found));
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "slug" && typeof inner === "string") found.add(inner);
      else slugsIn(inner, found);
    }
  }
  return found;
}

describe("readers see only published articles", () => {
  let app: TestApp;
  const hidden: Article[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    const ds = app.dataSource;
    const author = await createAuthor(ds, { slug: "reporter" });
    const tag = await createTag(ds, { slug: "news" });
    const visible = await createArticle(ds, { slug: "visible", author, publishedAt: minutesAgo(5) });
    hidden.push(
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
        publishedAt: minutesAgo(60),
      }),
    );
    for (const article of [visible, ...hidden]) await tagArticle(ds, article, tag);
    await relate(ds, visible, hidden);
  });
  afterAll(() => app.close());

  it.each(["a-draft", "a-scheduled", "a-future", "an-archived"])("never shows %s on any read path", async (slug) => {
    const article = hidden.find((a) => a.slug === slug)!;
    const data = dataOf(await app.gql(EVERY_PATH, { slug, id: article.id, tag: "news", author: "reporter" }));
    expect(data.bySlug).toBeNull();
    expect(data.byId).toBeNull();
    const seen = slugsIn(data);
    for (const unseen of hidden) expect(seen).not.toContain(unseen.slug);
    // The published article is there on the same paths, so the query itself is sound.
    expect(data.latestNews.nodes).toEqual([{ slug: "visible" }]);
    expect(data.byTag.nodes).toEqual([{ slug: "visible" }]);
    expect(data.author.articles.nodes).toEqual([{ slug: "visible" }]);
    expect(data.home.related).toEqual([]);
  });
});
