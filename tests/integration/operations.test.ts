import { Writable } from "node:stream";

import { DEFAULT_HTTP_CACHE } from "../../src/config";
import { PreviewTokens } from "../../src/modules/auth/preview-token";
import { Role } from "../../src/modules/auth/viewer";
import { createLogger } from "../../src/observability/logger";
import { createArticle, createAuthor } from "../helpers/factories";
import { bearer, dataOf, startTestApp, type TestApp } from "../helpers/test-app";

/** Log lines as the server writes them, parsed. */
function captureLogs() {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { logger: createLogger("info", stream), lines, raw };
}

const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe("request logs and metrics", () => {
  const logs = captureLogs();
  let app: TestApp;
  let key: string;

  beforeAll(async () => {
    app = await startTestApp({}, logs.logger);
    key = await app.createKey(Role.EDITOR, "logging-test");
    await createArticle(app.dataSource, { slug: "logged" });
  });
  afterAll(() => app.close());

  it("writes one JSON line per request with id, operation, status, duration, SQL statements and error codes", async () => {
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "req-42", ...bearer(key) },
      body: JSON.stringify({ query: `query ArticlePage { article(slug: "logged") { title author { name } } }` }),
    });
    expect(response.headers.get("x-request-id")).toBe("req-42");
    await waitFor(() => logs.lines.some((line) => line.reqId === "req-42"));
    const lines = logs.lines.filter((line) => line.reqId === "req-42");
    expect(lines).toEqual([
      expect.objectContaining({
        msg: "graphql request",
        level: 30,
        service: "byline",
        method: "POST",
        path: "/graphql",
        status: 200,
        operation: "ArticlePage",
        sqlStatements: 2, // the key, then the article with its author
        errorCodes: [],
        durationMs: expect.any(Number),
        time: expect.any(String),
      }),
    ]);
  });

  it("records error codes, and never writes keys or tokens", async () => {
    await app.gql(`query Broken { latestNews(first: 500) { nodes { slug } } }`, {}, { "x-request-id": "req-43" });
    await app.gql(`{ tags { slug } }`, {}, { "x-request-id": "req-44", authorization: "Bearer byl_" + "x".repeat(43) });
    await waitFor(() => logs.lines.some((line) => line.reqId === "req-44"));
    expect(logs.lines.find((line) => line.reqId === "req-43")).toMatchObject({
      operation: "Broken",
      errorCodes: ["BAD_USER_INPUT"],
    });
    expect(logs.lines.find((line) => line.reqId === "req-44")).toMatchObject({
      status: 401,
      errorCodes: ["UNAUTHENTICATED"],
    });
    expect(logs.raw.join("\n")).not.toContain(key);
    expect(logs.raw.join("\n")).not.toContain("x".repeat(43));
  });

  it("exposes Prometheus metrics: durations by operation, errors by code, pool use", async () => {
    const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(text).toMatch(/byline_graphql_request_duration_seconds_count\{operation="ArticlePage",status="200"\} [1-9]/);
    expect(text).toMatch(/byline_graphql_errors_total\{code="BAD_USER_INPUT"\} [1-9]/);
    expect(text).toMatch(/byline_graphql_errors_total\{code="UNAUTHENTICATED"\} [1-9]/);
    expect(text).toMatch(/byline_db_pool_connections\{state="total"\} \d+/);
    expect(text).toMatch(/byline_db_pool_connections\{state="waiting"\} \d+/);
  });

  it("masks an unexpected failure for the client and logs it with the request id", async () => {
    await app.dataSource.destroy(); // the database goes away under a running server
    try {
      const response = await app.gql(`{ article(slug: "logged") { title } }`, {}, { "x-request-id": "req-45" });
      expect(response.status).toBe(200);
      expect(response.body.errors).toEqual([
        {
          message: "Internal server error",
          locations: expect.any(Array),
          path: ["article"],
          extensions: { code: "INTERNAL_SERVER_ERROR" },
        },
      ]);
      await waitFor(() => logs.lines.some((line) => line.reqId === "req-45" && line.msg === "unexpected error"));
      const logged = logs.lines.find((line) => line.reqId === "req-45" && line.msg === "unexpected error");
      expect(logged).toMatchObject({ level: 50, err: expect.objectContaining({ message: expect.any(String) }) });
    } finally {
      await app.dataSource.initialize();
    }
  });

  it("masks and logs an article whose author is gone, without naming either", async () => {
    const author = await createAuthor(app.dataSource);
    const article = await createArticle(app.dataSource, { slug: "orphaned", author });
    // What a read sees when the author is deleted between loading the article and its author: the foreign key is
    // bypassed for this one statement only (replication role), as nothing else can leave an article without one.
    await app.dataSource.transaction(async (manager) => {
      await manager.query("SET LOCAL session_replication_role = replica");
      await manager.query("DELETE FROM authors WHERE id = $1", [author.id]);
    });
    const { token } = new PreviewTokens(app.previewSecret).issue(article.id, 5);
    const response = await app.gql(
      `query ($token: String!) { articlePreview(token: $token) { slug author { name } } }`,
      { token },
      { "x-request-id": "req-46" },
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: { articlePreview: null },
      errors: [
        {
          message: "Internal server error",
          locations: expect.any(Array),
          path: ["articlePreview", "author"],
          extensions: { code: "INTERNAL_SERVER_ERROR" },
        },
      ],
    });
    await waitFor(() => logs.lines.some((line) => line.reqId === "req-46" && line.msg === "unexpected error"));
    expect(logs.lines.find((line) => line.reqId === "req-46" && line.msg === "unexpected error")).toMatchObject({
      level: 50,
      err: expect.objectContaining({ message: `author ${author.id} is gone` }),
    });
  });
});

describe("safety limits: hostile requests get a fast coded 4xx and the server keeps serving", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ BODY_LIMIT_BYTES: "20000" });
    await createArticle(app.dataSource, { slug: "still-here" });
  });
  afterAll(() => app.close());

  const nested = (levels: number) =>
    `{ article(slug: "still-here") { ${"latestNews(first: 1) { nodes { ".repeat(levels)}slug${" } }".repeat(levels)} } }`;

  it.each([
    ["too deep", () => nested(6), 400, "GRAPHQL_VALIDATION_FAILED", /levels deep/],
    [
      "too costly (page sizes multiply)",
      () =>
        `{ latestNews(first: 50) { nodes { latestNews(first: 50) { nodes { latestNews(first: 50) { nodes { slug } } } } } } }`,
      400,
      "QUERY_TOO_COMPLEX",
      /would cost/,
    ],
    [
      "too many aliases",
      () => `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: tags { slug }`).join(" ")} }`,
      400,
      "GRAPHQL_VALIDATION_FAILED",
      /aliases/,
    ],
    ["too many tokens", () => `{ tags { ${"slug ".repeat(3100)} } }`, 400, "GRAPHQL_PARSE_FAILED", /tokens/],
  ])("refuses a query that is %s", async (_label, query, status, code, message) => {
    const response = await app.gql(query());
    expect(response.status).toBe(status);
    expect(response.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code } });
    expect(response.body.data).toBeUndefined();
  });

  it("accepts the article page with 50 latest articles (the largest legitimate page)", async () => {
    const query = `{ article(slug: "still-here") { title author { name } tags { slug } related { __typename }
      latestNews(first: 50) { edges { cursor node { title excerpt author { name } tags { slug } } } pageInfo { hasNextPage } } } }`;
    expect(dataOf(await app.gql(query)).article.title).toBeTruthy();
  });

  it("answers a body over the limit with 413", async () => {
    const response = await app.gql(`{ tags { slug } }`, { padding: "x".repeat(25_000) });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      errors: [{ message: "Request body too large.", extensions: { code: "BAD_REQUEST" } }],
    });
  });

  it("refuses batched requests", async () => {
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ query: "{ tags { slug } }" }, { query: "{ tags { slug } }" }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batch/i);
  });

  it("keeps CSRF prevention on: a simple GET without a preflight header is refused", async () => {
    const response = await fetch(`${app.baseUrl}/graphql?query=${encodeURIComponent("{ tags { slug } }")}`);
    expect(response.status).toBe(400);
    const allowed = await fetch(`${app.baseUrl}/graphql?query=${encodeURIComponent("{ tags { slug } }")}`, {
      headers: { "apollo-require-preflight": "true" },
    });
    expect(allowed.status).toBe(200);
  });

  it("lets caches keep an anonymous read for the configured time, POST and GET alike", async () => {
    const { maxAgeS, staleWhileRevalidateS } = DEFAULT_HTTP_CACHE;
    const shared = `public, max-age=${maxAgeS}, stale-while-revalidate=${staleWhileRevalidateS}`;
    const post = await app.gql(`{ tags { slug } }`);
    expect(post.headers.get("cache-control")).toBe(shared);
    const get = await fetch(`${app.baseUrl}/graphql?query=${encodeURIComponent("{ tags { slug } }")}`, {
      headers: { "apollo-require-preflight": "true" },
    });
    expect(get.status).toBe(200);
    expect(get.headers.get("cache-control")).toBe(shared);
  });

  it("still serves an ordinary request after all of that", async () => {
    expect(dataOf(await app.gql(`{ article(slug: "still-here") { slug } }`))).toEqual({
      article: { slug: "still-here" },
    });
  });
});

describe("in production", () => {
  let app: TestApp;
  beforeAll(async () => {
    // EXPOSE_SQL_STATEMENTS empty: the production default applies.
    app = await startTestApp({ NODE_ENV: "production", PREVIEW_SECRET: "p".repeat(40), EXPOSE_SQL_STATEMENTS: "" });
  });
  afterAll(() => app.close());

  it("gives no field suggestions and refuses introspection", async () => {
    const typo = await app.gql(`{ artcle(slug: "x") { id } }`);
    expect(typo.status).toBe(400);
    expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const introspection = await app.gql(`{ __schema { types { name } } }`);
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors?.[0]?.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("serves no sandbox and does not expose SQL counts", async () => {
    const page = await fetch(`${app.baseUrl}/graphql`, { headers: { accept: "text/html" } });
    expect(await page.text()).not.toContain("/graphql/sandbox/");
    const response = await app.gql(`{ tags { slug } }`);
    expect(response.headers.get("x-sql-statements")).toBeNull();
  });
});
