import { createHash, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";

import type { DataSource } from "typeorm";

import { loadConfig } from "../../src/config";
import { openDatabase } from "../../src/database/database";
import { ApiKeyService } from "../../src/modules/auth/api-key.service";
import { Role } from "../../src/modules/auth/viewer";
import { type BylineServer, createServer } from "../../src/server";
import { createArticle, createAuthor, createTag, relate, tagArticle } from "../helpers/factories";
import { ARTICLE_PAGE } from "../helpers/operations";
import { type OwnRedis, ownRedis, waitFor } from "../helpers/processes";
import { bearer, postGraphQL, TEST_REDIS_URL } from "../helpers/test-app";
import { createIsolatedDatabase } from "../helpers/test-database";

// The benchmark's article page (bench/byline.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { documents: BENCH } = require("../../bench/byline.js") as { documents: { q1: string } };

/** One Byline instance: its own pool and server, on the shared database (and Redis, when given). */
interface Instance {
  url: string;
  server: BylineServer;
  dataSource: DataSource;
  close(): Promise<void>;
}

async function startInstance(
  databaseUrl: string,
  env: Record<string, string>,
  redisPrefix?: string,
): Promise<Instance> {
  const { dataSource, close } = await openDatabase({ databaseUrl }, { poolMax: 5 });
  const config = loadConfig({ NODE_ENV: "test", EXPOSE_SQL_STATEMENTS: "true", RESPONSE_CACHE: "on", ...env });
  const server = await createServer({ dataSource, config, redisPrefix });
  await new Promise<void>((resolve) => server.httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    dataSource,
    async close() {
      await server.stop();
      await close();
    },
  };
}

const gql = (
  instance: Instance,
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
) => postGraphQL(instance.url, query, variables, headers);

const TITLE = `query Title($slug: String!) { article(slug: $slug) { id title version author { name } tags { name } } }`;
const FEED = `query Feed($tag: String) { latestNews(first: 5, tag: $tag) { nodes { slug title } } }`;
const UPDATE = `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { version } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!) { publishArticle(id: $id, version: $version) { version } }`;
const SCHEDULE = `mutation ($id: ID!, $version: Int!, $at: DateTimeISO) {
  publishArticle(id: $id, version: $version, at: $at) { status }
}`;
const RENAME_AUTHOR = `mutation ($input: UpdateAuthorInput!) { updateAuthor(input: $input) { version } }`;

describe("the shared response cache: two instances, one Redis, one PostgreSQL", () => {
  let database: { url: string; drop(): Promise<void> };
  let a: Instance;
  let b: Instance;
  let editor: Record<string, string>;
  const prefix = `byline-test:${randomUUID()}:`;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    const env = { REDIS_URL: TEST_REDIS_URL };
    a = await startInstance(database.url, env, prefix);
    b = await startInstance(database.url, env, prefix);
    editor = bearer((await new ApiKeyService(a.dataSource).create("cache-admin", Role.ADMIN)).key);
    await waitFor("the condition", async () => (await readiness(a)).responseCache?.available === true);
    await waitFor("the condition", async () => (await readiness(b)).responseCache?.available === true);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it("answers a repeated anonymous read from the cache, on either instance, with its Surrogate-Key", async () => {
    const tag = await createTag(a.dataSource);
    const article = await createArticle(a.dataSource);
    await tagArticle(a.dataSource, article, tag);

    const first = await gql(a, TITLE, { slug: article.slug });
    expect(first.statements).toBeGreaterThan(0);
    const keys = first.headers.get("surrogate-key")!.split(" ");
    expect(keys).toEqual(
      expect.arrayContaining([
        `article-slug:${article.slug}`,
        `article:${article.id}`,
        `author:${article.authorId}`,
        `tag:${tag.id}`,
      ]),
    );
    const again = await gql(b, TITLE, { slug: article.slug });
    expect(again.statements).toBe(0);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("surrogate-key")).toBe(first.headers.get("surrogate-key"));
  });

  it("never caches a reader with a key, a mutation or an error", async () => {
    const article = await createArticle(a.dataSource);
    await gql(a, TITLE, { slug: article.slug }, editor);
    expect((await gql(a, TITLE, { slug: article.slug }, editor)).statements).toBeGreaterThan(0);
    const broken = `query { article(slug: "${article.slug}") { title } latestNews(first: 0) { nodes { slug } } }`;
    await gql(a, broken);
    const retried = await gql(b, broken);
    expect(retried.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(retried.statements).toBeGreaterThan(0);
    expect(retried.headers.get("surrogate-key")).toBeNull();
  });

  it("purges an edited article on both instances before the mutation answers", async () => {
    const article = await createArticle(a.dataSource, { title: "Before" });
    for (const instance of [a, b, a]) await gql(instance, TITLE, { slug: article.slug });
    await gql(a, UPDATE, { input: { id: article.id, version: article.version, title: "After" } }, editor);
    for (const instance of [b, a]) {
      expect((await gql(instance, TITLE, { slug: article.slug })).body.data.article.title).toBe("After");
    }
  });

  it("purges the feeds a newly published article enters, and a null lookup of its slug", async () => {
    const tag = await createTag(a.dataSource);
    const draft = await createArticle(a.dataSource, { status: undefined, publishedAt: null });
    await a.dataSource.query(`UPDATE articles SET status = 'DRAFT', published_at = NULL WHERE id = $1`, [draft.id]);
    await tagArticle(a.dataSource, draft, tag);
    for (const instance of [a, b]) {
      await gql(instance, FEED, {});
      await gql(instance, FEED, { tag: tag.slug });
      expect((await gql(instance, TITLE, { slug: draft.slug })).body.data.article).toBeNull();
    }
    await gql(a, PUBLISH, { id: draft.id, version: draft.version }, editor);
    for (const instance of [b, a]) {
      expect((await gql(instance, FEED, {})).body.data.latestNews.nodes[0].slug).toBe(draft.slug);
      expect((await gql(instance, FEED, { tag: tag.slug })).body.data.latestNews.nodes[0].slug).toBe(draft.slug);
      expect((await gql(instance, TITLE, { slug: draft.slug })).body.data.article.id).toBe(draft.id);
    }
  });

  it("purges exactly what an edit changed: the pages that show the article, not a feed page without it", async () => {
    const tag = await createTag(a.dataSource);
    const older = await createArticle(a.dataSource, { title: "Older", publishedAt: new Date(Date.now() - 3_600_000) });
    const newer = await createArticle(a.dataSource, { title: "Newer" });
    for (const article of [older, newer]) await tagArticle(a.dataSource, article, tag);
    const FIRST = `query ($tag: String) { latestNews(first: 1, tag: $tag) { nodes { slug title } } }`;
    for (const instance of [a, b]) {
      await gql(instance, FIRST, { tag: tag.slug });
      await gql(instance, TITLE, { slug: older.slug });
    }

    await gql(a, UPDATE, { input: { id: older.id, version: older.version, title: "Older, corrected" } }, editor);
    for (const instance of [a, b]) {
      const page = await gql(instance, FIRST, { tag: tag.slug });
      expect(page.body.data.latestNews.nodes).toEqual([{ slug: newer.slug, title: "Newer" }]);
      expect(page.statements).toBe(0); // its feed did not change: still cached
      const shown = await gql(instance, TITLE, { slug: older.slug });
      expect(shown.body.data.article.title).toBe("Older, corrected");
    }

    // Publishing it again at a new time moves it in its feeds: those are purged.
    await gql(a, PUBLISH, { id: older.id, version: older.version + 1 }, editor);
    for (const instance of [b, a]) {
      const page = await gql(instance, FIRST, { tag: tag.slug });
      expect(page.body.data.latestNews.nodes).toEqual([{ slug: older.slug, title: "Older, corrected" }]);
    }
  });

  it("purges the entries that show an author when the author is edited", async () => {
    const author = await createAuthor(a.dataSource, { name: "Old Name" });
    const article = await createArticle(a.dataSource, { author });
    for (const instance of [a, b]) await gql(instance, TITLE, { slug: article.slug });
    await gql(b, RENAME_AUTHOR, { input: { id: author.id, version: author.version, name: "New Name" } }, editor);
    for (const instance of [a, b]) {
      expect((await gql(instance, TITLE, { slug: article.slug })).body.data.article.author.name).toBe("New Name");
    }
  });

  it("serves 0 stale reads in a burst of concurrent reads and writes on both instances", async () => {
    const article = await createArticle(a.dataSource, { title: "v0" });
    let answered = 0; // the newest title number whose mutation has answered
    let writing = true;
    const writer = (async () => {
      let version = article.version;
      for (let n = 1; n <= 15; n++) {
        const writeOn = n % 2 === 0 ? a : b;
        const result = await gql(writeOn, UPDATE, { input: { id: article.id, version, title: `v${n}` } }, editor);
        version = result.body.data.updateArticle.version;
        answered = n;
      }
      writing = false;
    })();
    let reads = 0;
    const stale: string[] = [];
    const reader = async (instance: Instance) => {
      while (writing) {
        const floor = answered;
        const title: string = (await gql(instance, TITLE, { slug: article.slug })).body.data.article.title;
        reads += 1;
        if (Number(title.slice(1)) < floor) stale.push(`${title} after v${floor} had answered`);
      }
    };
    await Promise.all([writer, reader(a), reader(a), reader(b), reader(b)]);
    expect(stale).toEqual([]);
    expect(reads).toBeGreaterThan(15);
    expect((await gql(b, TITLE, { slug: article.slug })).body.data.article.title).toBe("v15");
  });

  it("answers a persisted-query GET from the cache, and still refuses one CSRF prevention refuses", async () => {
    const article = await createArticle(a.dataSource);
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash("sha256").update(TITLE).digest("hex") } };
    await fetch(`${a.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: TITLE, variables: { slug: article.slug }, extensions }),
    });
    const search = new URLSearchParams({
      operationName: "Title",
      variables: JSON.stringify({ slug: article.slug }),
      extensions: JSON.stringify(extensions),
    });
    const get = (headers: Record<string, string>) => fetch(`${b.url}/graphql?${search}`, { headers });
    const first = await get({ "apollo-require-preflight": "true" });
    const second = await get({ "apollo-require-preflight": "true" });
    expect(second.status).toBe(200);
    expect(second.headers.get("x-sql-statements")).toBe("0");
    expect(await second.json()).toEqual(await first.json());
    const refused = await get({});
    expect(refused.status).toBe(400);
  });

  it("keeps no feed entry past the next scheduled publication, on another instance too", async () => {
    const draft = await createArticle(a.dataSource);
    await a.dataSource.query(`UPDATE articles SET status = 'DRAFT', published_at = NULL WHERE id = $1`, [draft.id]);
    await gql(b, FEED, {});
    const at = new Date(Date.now() + 2_000);
    const scheduled = await gql(a, SCHEDULE, { id: draft.id, version: draft.version, at: at.toISOString() }, editor);
    expect(scheduled.body.errors).toBeUndefined();
    const before = await gql(b, FEED, {});
    expect(before.body.data.latestNews.nodes.map((node: { slug: string }) => node.slug)).not.toContain(draft.slug);
    let shown = false;
    while (!shown && Date.now() < at.getTime() + 3_000) {
      const feed = await gql(b, FEED, {});
      shown = feed.body.data.latestNews.nodes.some((node: { slug: string }) => node.slug === draft.slug);
      if (!shown) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(shown).toBe(true);
  });

  it("reports hits, misses and purges in /metrics", async () => {
    const text = await (await fetch(`${a.url}/metrics`)).text();
    expect(text).toMatch(/byline_response_cache_lookups_total\{result="hit"\} [1-9]/);
    expect(text).toMatch(/byline_response_cache_lookups_total\{result="miss"\} [1-9]/);
    expect(text).toMatch(/byline_response_cache_purges_total [1-9]/);
  });
});

describe("SQL answers and the response cache", () => {
  let database: { url: string; drop(): Promise<void> };
  /** The default read path (sql-answers), and the look-ahead alone, each with a cache of its own. */
  let answers: Instance;
  let lookAhead: Instance;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    answers = await startInstance(database.url, {});
    lookAhead = await startInstance(database.url, { READ_PATH: "look-ahead" });
  });

  afterAll(async () => {
    await answers?.close();
    await lookAhead?.close();
    await database?.drop();
  });

  const PAGE = `query Page($after: String) {
    latestNews(first: 3, after: $after) {
      nodes { id slug title publishedAt thumbnail { url } author { name avatarUrl } }
      pageInfo { endCursor hasNextPage }
    }
  }`;
  const ARTICLE = `query Article($slug: String!) { article(slug: $slug) { title body author { name bio } } }`;
  const RELATED = `query Related($slug: String!) { article(slug: $slug) { title related { __typename } } }`;
  const DEEP = `query Deep($slug: String!) {
    article(slug: $slug) {
      title
      related { __typename ... on Article { slug tags { slug } author { name } } ... on ExternalLink { url } }
      latestNews(first: 3) { nodes { slug tags { name } } }
      all: latestNews(first: 5, excludeRelated: false) { nodes { title } }
    }
    latestNews(first: 2) { nodes { slug tags { slug } } }
  }`;

  it("answers cached reads in SQL, recording the dependencies graphql-js's walk records", async () => {
    const author = await createAuthor(answers.dataSource);
    const tag = await createTag(answers.dataSource);
    const articles = [];
    for (let i = 0; i < 4; i++) articles.push(await createArticle(answers.dataSource, { author }));
    await tagArticle(answers.dataSource, articles[0]!, tag);
    await tagArticle(answers.dataSource, articles[2]!, tag);
    await relate(answers.dataSource, articles[0]!, [
      articles[2]!,
      { title: "Elsewhere", url: "https://example.org/elsewhere" },
      articles[3]!,
    ]);
    const slug = articles[0]!.slug;
    const cases: Array<[string, Record<string, unknown>, boolean]> = [
      [PAGE, {}, true],
      [FEED, { tag: tag.slug }, true],
      [ARTICLE, { slug }, true],
      [ARTICLE, { slug: "no-such-article" }, true],
      [TITLE, { slug }, true],
      [RELATED, { slug }, true],
      [DEEP, { slug }, true],
      [BENCH.q1, { slug }, true],
      [ARTICLE_PAGE, { slug, latest: 3 }, false],
    ];
    for (const [query, variables, inSql] of cases) {
      const [answer, reference] = [await gql(answers, query, variables), await gql(lookAhead, query, variables)];
      expect(answer.body).toEqual(reference.body);
      expect(answer.body.errors).toBeUndefined();
      expect([query, answer.headers.get("x-answered-in-sql")]).toEqual([query, String(inSql)]);
      const keys = (response: typeof answer) => response.headers.get("surrogate-key")!.split(" ").sort();
      expect(keys(answer)).toEqual(keys(reference));
      // And the next one is a hit.
      expect((await gql(answers, query, variables)).statements).toBe(0);
    }
    // The positive control: the deep page's keys name what it shows below its article.
    const shown = (await gql(answers, DEEP, { slug })).headers; // a hit: its stored keys
    expect(shown.get("surrogate-key")!.split(" ")).toEqual(
      expect.arrayContaining([
        `related:${articles[0]!.id}`,
        `article:${articles[2]!.id}`,
        `tag:${tag.id}`,
        "feed:latest",
      ]),
    );
  });
});

describe("the in-process response cache", () => {
  let database: { url: string; drop(): Promise<void> };
  let app: Instance;
  let editor: Record<string, string>;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    app = await startInstance(database.url, { RESPONSE_CACHE_MAX_ENTRIES: "2" });
    editor = bearer((await new ApiKeyService(app.dataSource).create("cache-editor", Role.EDITOR)).key);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it("hits, purges on a write, and keeps at most RESPONSE_CACHE_MAX_ENTRIES entries", async () => {
    const [one, two, three] = [
      await createArticle(app.dataSource),
      await createArticle(app.dataSource),
      await createArticle(app.dataSource),
    ];
    await gql(app, ARTICLE_PAGE, { slug: one.slug });
    expect((await gql(app, ARTICLE_PAGE, { slug: one.slug })).statements).toBe(0);
    await gql(app, TITLE, { slug: two.slug });
    await gql(app, TITLE, { slug: three.slug }); // evicts the least recently used: `one`
    expect((await gql(app, ARTICLE_PAGE, { slug: one.slug })).statements).toBeGreaterThan(0);
    await gql(app, UPDATE, { input: { id: three.id, version: three.version, title: "Changed" } }, editor);
    expect((await gql(app, TITLE, { slug: three.slug })).body.data.article.title).toBe("Changed");
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/byline_response_cache_size\{unit="entries"\} [12]\b/);
  });
});

describe("when Redis goes away", () => {
  let database: { url: string; drop(): Promise<void> };
  let app: Instance;
  let redis: OwnRedis;
  let editor: Record<string, string>;

  beforeAll(async () => {
    redis = await ownRedis();
    database = await createIsolatedDatabase();
    app = await startInstance(database.url, { REDIS_URL: redis.url });
    editor = bearer((await new ApiKeyService(app.dataSource).create("cache-editor", Role.EDITOR)).key);
    await waitFor("the condition", async () => (await readiness(app)).responseCache?.available === true);
  });

  afterAll(async () => {
    await app?.close();
    await redis?.stop();
    await database?.drop();
  });

  it("answers from the database, says so in /readyz, and recovers when Redis returns", async () => {
    const article = await createArticle(app.dataSource, { title: "Cached" });
    await gql(app, TITLE, { slug: article.slug });
    expect((await gql(app, TITLE, { slug: article.slug })).statements).toBe(0);

    await redis.stop();
    await gql(app, UPDATE, { input: { id: article.id, version: article.version, title: "Fresh" } }, editor);
    const during = await gql(app, TITLE, { slug: article.slug });
    expect(during.status).toBe(200);
    expect(during.body.data.article.title).toBe("Fresh");
    expect(during.statements).toBeGreaterThan(0);
    const ready = await readiness(app);
    expect(ready).toEqual({ status: "ready", responseCache: { store: "redis", available: false } });

    redis.start();
    await waitFor("the condition", async () => (await readiness(app)).responseCache?.available === true);
    expect((await gql(app, TITLE, { slug: article.slug })).body.data.article.title).toBe("Fresh");
    expect((await gql(app, TITLE, { slug: article.slug })).statements).toBe(0);
  });
});

describe("when Redis freezes (its connections stay open, nothing answers)", () => {
  let database: { url: string; drop(): Promise<void> };
  let a: Instance;
  let b: Instance;
  let redis: OwnRedis;
  let editor: Record<string, string>;

  beforeAll(async () => {
    redis = await ownRedis();
    database = await createIsolatedDatabase();
    const env = { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: "300" };
    a = await startInstance(database.url, env);
    b = await startInstance(database.url, env);
    editor = bearer((await new ApiKeyService(a.dataSource).create("cache-editor", Role.EDITOR)).key);
    for (const instance of [a, b]) {
      await waitFor("the condition", async () => (await readiness(instance)).responseCache?.available === true);
    }
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
    await database?.drop();
  });

  it("writes and reads go on from the database within the command bound, and no instance serves what was replaced", async () => {
    const article = await createArticle(a.dataSource, { title: "Cached" });
    for (const instance of [a, b]) await gql(instance, TITLE, { slug: article.slug });
    expect((await gql(b, TITLE, { slug: article.slug })).statements).toBe(0);

    redis.freeze();
    // The purge times out: the mutation still answers, and tells the other instance the store is not to be trusted.
    const update = await gql(
      a,
      UPDATE,
      { input: { id: article.id, version: article.version, title: "Fresh" } },
      editor,
    );
    expect(update.body.errors).toBeUndefined();
    for (const instance of [b, a]) {
      const during = await gql(instance, TITLE, { slug: article.slug });
      expect(during.body.data.article.title).toBe("Fresh");
      expect(during.statements).toBeGreaterThan(0);
      expect(await readiness(instance)).toEqual({
        status: "ready",
        responseCache: { store: "redis", available: false },
      });
    }

    redis.thaw();
    for (const instance of [a, b]) {
      await waitFor("the condition", async () => (await readiness(instance)).responseCache?.available === true);
      expect((await gql(instance, TITLE, { slug: article.slug })).body.data.article.title).toBe("Fresh");
    }
    await waitFor("the condition", async () => (await gql(b, TITLE, { slug: article.slug })).statements === 0);
    expect((await gql(b, TITLE, { slug: article.slug })).body.data.article.title).toBe("Fresh");
  });
});

async function readiness(instance: Instance): Promise<{ status: string; responseCache?: { available: boolean } }> {
  return (await (await fetch(`${instance.url}/readyz`)).json()) as never;
}
