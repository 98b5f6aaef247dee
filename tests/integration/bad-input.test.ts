import { createHash } from "node:crypto";

import { Role } from "../../src/modules/auth/viewer";
import { createArticle } from "../helpers/factories";
import { bearer, startTestApp, type TestApp } from "../helpers/test-app";

describe("bad input gets a coded error naming the argument", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    await createArticle(app.dataSource, { slug: "exists" });
  });
  afterAll(() => app.close());

  async function expectBadInput(
    query: string,
    variables: Record<string, unknown>,
    field: string,
    rule: string,
    headers?: Record<string, string>,
  ) {
    const response = await app.gql(query, variables, headers);
    expect(response.status).toBeLessThan(500);
    const errors = response.body.errors ?? [];
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error!.extensions.code).toBe("BAD_USER_INPUT");
    expect(error!.extensions.violations).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect(error!.message).toContain(field);
    expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|\.ts:\d+|at .+\(/);
  }

  const lists = {
    latestNews: `query ($first: Int, $after: String) { latestNews(first: $first, after: $after) { nodes { slug } } }`,
    articles: `query ($first: Int, $after: String) { articles(first: $first, after: $after) { nodes { slug } } }`,
    authors: `query ($first: Int, $after: String) { authors(first: $first, after: $after) { nodes { slug } } }`,
    "Article.latestNews": `query ($first: Int, $after: String) { article(slug: "exists") { latestNews(first: $first, after: $after) { nodes { slug } } } }`,
    "Author.articles": `query ($first: Int, $after: String) { authors(first: 1) { nodes { articles(first: $first, after: $after) { nodes { slug } } } } }`,
  };

  describe.each(Object.entries(lists))("%s", (_name, query) => {
    it.each([0, -1, 51, 1000])("rejects first: %d", async (first) => {
      await expectBadInput(query, { first }, "first", first < 1 ? "min" : "max");
    });

    it.each([
      ["not base64", "%%%"],
      ["random base64", Buffer.from("hello world").toString("base64url")],
      ["wrong shape", Buffer.from(JSON.stringify(["published", "yesterday", "x"])).toString("base64url")],
      ["huge", "A".repeat(5000)],
    ])("rejects a malformed cursor (%s)", async (_label, after) => {
      await expectBadInput(query, { first: 5, after }, "after", "cursor");
    });
  });

  it("rejects a cursor of another list", async () => {
    const authors = await app.gql(`{ authors(first: 1) { pageInfo { endCursor } } }`);
    const authorCursor = authors.body.data.authors.pageInfo.endCursor;
    await expectBadInput(lists.latestNews, { first: 5, after: authorCursor }, "after", "cursor");
  });

  it.each([
    ["article", `query ($id: ID) { article(id: $id) { slug } }`],
    ["author", `query ($id: ID) { author(id: $id) { slug } }`],
  ])("rejects a malformed %s id", async (_name, query) => {
    await expectBadInput(query, { id: "42; DROP TABLE articles" }, "id", "isUuid");
  });

  it.each([
    ["neither", {}],
    ["both", { id: "7d6b1b8e-5c1a-4c39-9f0e-3f1c2b8a9d10", slug: "exists" }],
  ])("asks for exactly one of id and slug (%s given)", async (_label, variables) => {
    await expectBadInput(
      `query ($id: ID, $slug: String) { article(id: $id, slug: $slug) { slug } }`,
      variables,
      "id",
      "exactlyOne",
    );
    await expectBadInput(
      `query ($id: ID, $slug: String) { author(id: $id, slug: $slug) { slug } }`,
      variables,
      "slug",
      "exactlyOne",
    );
  });

  it("rejects too many related entries", async () => {
    await expectBadInput(`{ article(slug: "exists") { related(first: 21) { __typename } } }`, {}, "first", "max");
  });

  it("answers a wrongly typed variable with 400 and a coded error", async () => {
    const response = await app.gql(lists.latestNews, { first: "ten" });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
  });

  it("answers malformed JSON with 400 and a coded error", async () => {
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{ not json",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: "Malformed request body.", extensions: { code: "BAD_REQUEST" } }],
    });
  });

  it.each([
    ["authors(after: null)", `{ authors(after: null) { nodes { slug } } }`, "authors"],
    ["articles(filter: null, after: null)", `{ articles(filter: null, after: null) { nodes { slug } } }`, "articles"],
    [
      "latestNews(tag: null, author: null, after: null)",
      `{ latestNews(tag: null, author: null, after: null) { nodes { slug } } }`,
      "latestNews",
    ],
    ["articles(filter: { tagSlug: null })", `{ articles(filter: { tagSlug: null }) { nodes { slug } } }`, "articles"],
  ])("takes an explicit null as not given: %s", async (_label, query, root) => {
    const response = await app.gql(query);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data![root].nodes.length).toBeGreaterThan(0);
  });

  // PostgreSQL cannot store U+0000: a string with one is the client's mistake wherever it is sent.
  it.each([
    ["a literal argument", `{ article(slug: "a\\u0000b") { slug } }`, {}, "slug"],
    ["a variable", `query ($tag: String) { latestNews(tag: $tag) { nodes { slug } } }`, { tag: "\u0000" }, "tag"],
    [
      "an input object's field",
      `query ($f: ArticleFilter) { articles(filter: $f) { nodes { slug } } }`,
      { f: { authorSlug: "x\u0000" } },
      "filter.authorSlug",
    ],
    [
      "a field's argument below the root",
      `query ($after: String) { article(slug: "exists") { latestNews(after: $after) { nodes { slug } } } }`,
      { after: "\u0000" },
      "after",
    ],
    ["a preview token", `query ($t: String!) { articlePreview(token: $t) { slug } }`, { t: "\u0000" }, "token"],
  ])("rejects a NUL character in %s", async (_label, query, variables, field) => {
    await expectBadInput(query, variables, field, "noNul");
  });

  it.each([
    [
      "an input field",
      `mutation ($title: String!) { createArticle(input: { title: $title, authorId: "7d6b1b8e-5c1a-4c39-9f0e-3f1c2b8a9d10" }) { id } }`,
      { title: "Breaking\u0000news" },
      "input.title",
    ],
    [
      "a list item",
      `mutation ($tags: [String!]!) { attachTags(articleId: "7d6b1b8e-5c1a-4c39-9f0e-3f1c2b8a9d10", tags: $tags) { id } }`,
      { tags: ["ok", "b\u0000d"] },
      "tags.1",
    ],
    ["an argument", `mutation { createTag(name: "Tag\\u0000") { id } }`, {}, "name"],
  ])("rejects a NUL character in %s of a mutation, and writes nothing", async (_label, query, variables, field) => {
    const editor = bearer(await app.createKey(Role.EDITOR));
    const before = await app.dataSource.query(
      "SELECT (SELECT count(*) FROM articles) AS a, (SELECT count(*) FROM tags) AS t",
    );
    await expectBadInput(query, variables, field, "noNul", editor);
    expect(
      await app.dataSource.query("SELECT (SELECT count(*) FROM articles) AS a, (SELECT count(*) FROM tags) AS t"),
    ).toEqual(before);
  });

  it.each([
    ["text/plain", "{ tags { slug } }"],
    ["application/x-www-form-urlencoded", "query=%7B%20tags%20%7B%20slug%20%7D%20%7D"],
    ["application/json", ""],
  ])("answers a POST with content type %s and no usable JSON body with a 400", async (type, body) => {
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": type, "apollo-require-preflight": "true" },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/stacktrace|\.ts:\d+|at .+\(/);
  });

  it("answers a persisted query whose hash does not match its text with a coded 400", async () => {
    const query = `{ tags { slug } }`;
    const wrongHash = createHash("sha256").update(`${query} `).digest("hex");
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: wrongHash } } }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({
        message: "provided sha does not match query",
        extensions: { code: "BAD_REQUEST" },
      }),
    ]);
  });

  it("still serves a valid request afterwards", async () => {
    const response = await app.gql(`{ article(slug: "exists") { slug } }`);
    expect(response.body).toEqual({ data: { article: { slug: "exists" } } });
  });
});
