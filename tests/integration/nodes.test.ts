import { randomUUID } from "node:crypto";

import { type Article, ArticleStatus } from "../../src/modules/articles/article.entity";
import { Role } from "../../src/modules/auth/viewer";
import type { Author } from "../../src/modules/authors/author.entity";
import { MAX_NODE_IDS } from "../../src/modules/nodes/node.args";
import type { Tag } from "../../src/modules/tags/tag.entity";
import { createArticle, createAuthor, createTag, minutesAgo, relate, tagArticle } from "../helpers/factories";
import { bearer, dataOf, type GraphQLResponse, startTestApp, type TestApp } from "../helpers/test-app";

/** Relay's Global Object Identification: any article, author or tag refetched by its id alone. */

const NODE = /* GraphQL */ `
  query Node($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Article {
        slug
        title
        status
        bodyHtml
        author {
          name
        }
        tags {
          slug
        }
        related {
          __typename
          ... on Article {
            slug
          }
        }
        latestNews(first: 1) {
          nodes {
            slug
          }
        }
      }
      ... on Author {
        slug
        name
        articles(first: 5) {
          nodes {
            slug
          }
        }
      }
      ... on Tag {
        slug
        name
      }
    }
  }
`;

const NODES = /* GraphQL */ `
  query Nodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
      ... on Article {
        slug
        author {
          name
        }
      }
      ... on Author {
        slug
      }
      ... on Tag {
        slug
      }
    }
  }
`;

/** An article by id with its author, as a list shows it. */
const ARTICLE_NODE = /* GraphQL */ `
  query ArticleNode($id: ID!) {
    node(id: $id) {
      ... on Article {
        slug
        author {
          name
        }
      }
    }
  }
`;

describe("node(id) and nodes(ids)", () => {
  let app: TestApp;
  let editor: Record<string, string>;
  let author: Author;
  let tag: Tag;
  let article: Article;
  let draft: Article;
  let scheduled: Article;
  let latest: Article;
  /** 50 ids: 20 articles, their 20 authors, 10 tags. */
  let fifty: string[];

  beforeAll(async () => {
    app = await startTestApp();
    editor = bearer(await app.createKey(Role.EDITOR));
    const ds = app.dataSource;
    author = await createAuthor(ds, { slug: "reporter", name: "Ada Reporter" });
    tag = await createTag(ds, { slug: "housing", name: "Housing" });
    article = await createArticle(ds, { slug: "visible", author, body: "Rents *rise*.", publishedAt: minutesAgo(10) });
    latest = await createArticle(ds, { slug: "latest", author, publishedAt: minutesAgo(5) });
    await tagArticle(ds, article, tag);
    draft = await createArticle(ds, { slug: "a-draft", author, status: ArticleStatus.DRAFT, publishedAt: null });
    scheduled = await createArticle(ds, {
      slug: "a-scheduled",
      author,
      status: ArticleStatus.SCHEDULED,
      publishedAt: new Date(Date.now() + 3_600_000),
    });
    await relate(ds, article, [latest, draft, { url: "https://example.org/", title: "Elsewhere" }]);
    const articles: Article[] = [];
    for (let i = 0; i < 20; i += 1) articles.push(await createArticle(ds, { publishedAt: minutesAgo(60 + i) }));
    const tags: Tag[] = [];
    for (let i = 0; i < 10; i += 1) tags.push(await createTag(ds));
    fifty = [...articles.map((a) => a.id), ...articles.map((a) => a.authorId), ...tags.map((t) => t.id)];
  });
  afterAll(() => app.close());

  const node = async (id: string, headers?: Record<string, string>) =>
    dataOf(await app.gql(NODE, { id }, headers)).node;

  describe("node(id)", () => {
    it("answers an article as Article, its relations through their usual resolvers", async () => {
      expect(await node(article.id)).toEqual({
        __typename: "Article",
        id: article.id,
        slug: "visible",
        title: article.title,
        status: "PUBLISHED",
        bodyHtml: "<p>Rents <em>rise</em>.</p>\n",
        author: { name: "Ada Reporter" },
        tags: [{ slug: "housing" }],
        // The draft is left out of a reader's related news, as on every path.
        related: [{ __typename: "Article", slug: "latest" }, { __typename: "ExternalLink" }],
        // Latest News leaves out the article and its related news ("latest" is related): the next newest.
        latestNews: { nodes: [{ slug: expect.stringMatching(/^article-/) }] },
      });
    });

    it("answers an author as Author, with only the articles a reader may see", async () => {
      expect(await node(author.id)).toEqual({
        __typename: "Author",
        id: author.id,
        slug: "reporter",
        name: "Ada Reporter",
        articles: { nodes: [{ slug: "latest" }, { slug: "visible" }] },
      });
    });

    it("answers a tag as Tag", async () => {
      expect(await node(tag.id)).toEqual({ __typename: "Tag", id: tag.id, slug: "housing", name: "Housing" });
    });

    it("finds an id sent in upper case", async () => {
      expect(await node(tag.id.toUpperCase())).toMatchObject({ __typename: "Tag", id: tag.id });
    });

    it.each([
      ["a draft", () => draft],
      ["a scheduled article before its time", () => scheduled],
    ])("is null for a reader and present for an editor: %s", async (_label, hidden) => {
      expect(await node(hidden().id)).toBeNull();
      expect(await node(hidden().id, editor)).toMatchObject({
        __typename: "Article",
        id: hidden().id,
        slug: hidden().slug,
      });
    });

    it("is null for an id no table holds", async () => {
      expect(await node(randomUUID())).toBeNull();
      expect(await node(randomUUID(), editor)).toBeNull();
    });

    it("costs two statements: which table holds the id, then the object", async () => {
      const response = await app.gql(ARTICLE_NODE, { id: article.id });
      expect(dataOf(response).node).toMatchObject({ slug: "visible", author: { name: "Ada Reporter" } });
      expect(response.statements).toBe(2);
    });
  });

  describe("nodes(ids)", () => {
    it("keeps the order and length of the ids, with null in place of each unknown or hidden one", async () => {
      const unknown = randomUUID();
      const ids = [tag.id, unknown, article.id, draft.id, author.id, article.id];
      const reader = dataOf(await app.gql(NODES, { ids })).nodes;
      expect(reader).toEqual([
        { __typename: "Tag", id: tag.id, slug: "housing" },
        null,
        { __typename: "Article", id: article.id, slug: "visible", author: { name: "Ada Reporter" } },
        null,
        { __typename: "Author", id: author.id, slug: "reporter" },
        { __typename: "Article", id: article.id, slug: "visible", author: { name: "Ada Reporter" } },
      ]);
      const editors = dataOf(await app.gql(NODES, { ids }, editor)).nodes;
      expect(editors.map((n: { slug: string } | null) => n?.slug ?? null)).toEqual([
        "housing",
        null,
        "visible",
        "a-draft",
        "reporter",
        "visible",
      ]);
    });

    it("answers an empty list for no ids", async () => {
      expect(dataOf(await app.gql(NODES, { ids: [] })).nodes).toEqual([]);
    });

    it("costs the same bounded number of statements for 1 id and for 50 of every type", async () => {
      expect(new Set(fifty).size).toBe(50);

      const one = await app.gql(NODES, { ids: [article.id] });
      expect(dataOf(one).nodes).toHaveLength(1);
      expect(one.statements).toBe(2);

      const many = await app.gql(NODES, { ids: fifty });
      const answered = dataOf(many).nodes as Array<{ id: string; __typename: string }>;
      expect(answered.map((n) => n.id)).toEqual(fifty);
      expect(answered.map((n) => n.__typename)).toEqual([
        ...Array(20).fill("Article"),
        ...Array(20).fill("Author"),
        ...Array(10).fill("Tag"),
      ]);
      // Which table holds each id, then one statement per type found.
      expect(many.statements).toBe(1 + 3);
    });
  });

  describe("bad input gets BAD_USER_INPUT naming the argument", () => {
    function expectBadInput(response: GraphQLResponse, field: string, rule: string) {
      expect(response.status).toBeLessThan(500);
      const errors = response.body.errors ?? [];
      expect(errors).toHaveLength(1);
      expect(errors[0]!.extensions.code).toBe("BAD_USER_INPUT");
      expect(errors[0]!.extensions.violations).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, rule })]),
      );
      expect(errors[0]!.message).toContain(field);
      expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|\.ts:\d+|at .+\(/);
    }

    it("rejects a malformed id, as article(id:) does", async () => {
      expectBadInput(await app.gql(NODE, { id: "42; DROP TABLE articles" }), "id", "isUuid");
    });

    it("rejects a malformed id among ids, naming its position", async () => {
      expectBadInput(await app.gql(NODES, { ids: [tag.id, author.id, "nope"] }), "ids.2", "isUuid");
    });

    it(`rejects more than ${MAX_NODE_IDS} ids, and takes exactly ${MAX_NODE_IDS}`, async () => {
      const tooMany = Array.from({ length: MAX_NODE_IDS + 1 }, () => tag.id);
      expectBadInput(await app.gql(NODES, { ids: tooMany }), "ids", "maxSize");
      const most = dataOf(await app.gql(NODES, { ids: tooMany.slice(1) })).nodes;
      expect(most).toHaveLength(MAX_NODE_IDS);
      expect(most[MAX_NODE_IDS - 1]).toMatchObject({ __typename: "Tag", id: tag.id });
    });
  });
});
