import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

import { ArticleStatus } from "../../src/modules/articles/article.entity";
import { Role } from "../../src/modules/auth/viewer";
import { createArticle, createAuthor } from "../helpers/factories";
import { bearer, dataOf, startTestApp, type TestApp } from "../helpers/test-app";

/** A raw HTTP answer: nothing decompressed, nothing hidden (fetch would decode the body and drop 304's details). */
interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? "GET", headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

const json = (response: RawResponse) => JSON.parse(response.body.toString("utf8"));
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A persisted query's GET URL: the hash only, or with the query text to register it (APQ's second step). */
function persistedUrl(baseUrl: string, query: string, variables?: object, withText = false): string {
  const params = new URLSearchParams({
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(query) } }),
  });
  if (variables) params.set("variables", JSON.stringify(variables));
  if (withText) params.set("query", query);
  return `${baseUrl}/graphql?${params.toString()}`;
}

/** What a browser or app sends with a GET so that CSRF prevention lets it through. */
const PREFLIGHT = { "apollo-require-preflight": "true" };

const MAX_AGE_S = 120;
const STALE_S = 45;
const PUBLIC = `public, max-age=${MAX_AGE_S}, stale-while-revalidate=${STALE_S}`;
const NO_STORE = "private, no-store";
const COMPRESSION_MIN_BYTES = 1024;

const ARTICLE = `query Article($slug: String!) { article(slug: $slug) { title excerpt version } }`;
const FEED = `query Feed { latestNews(first: 20) { nodes { id title slug excerpt author { name bio } } } }`;
const TAGS = `query Tags { tags { slug } }`;

describe("HTTP caching of GraphQL answers", () => {
  let app: TestApp;
  let editor: string;
  let articleId: string;

  beforeAll(async () => {
    app = await startTestApp({
      CACHE_MAX_AGE_S: String(MAX_AGE_S),
      CACHE_STALE_WHILE_REVALIDATE_S: String(STALE_S),
      COMPRESSION_MIN_BYTES: String(COMPRESSION_MIN_BYTES),
    });
    editor = await app.createKey(Role.EDITOR);
    const author = await createAuthor(app.dataSource, { bio: "Covers the harbour and the council. ".repeat(4) });
    const article = await createArticle(app.dataSource, { slug: "harbour-bridge", author });
    articleId = article.id;
    for (let i = 0; i < 12; i++) await createArticle(app.dataSource, { author });
  });

  afterAll(() => app?.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    request(url, { headers: { ...PREFLIGHT, ...headers } });

  it("answers an anonymous persisted GET (hash only, after the two-step registration) as public", async () => {
    const variables = { slug: "harbour-bridge" };
    const unknown = await get(persistedUrl(app.baseUrl, ARTICLE, variables));
    expect(json(unknown).errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect(unknown.headers["cache-control"]).toBe(NO_STORE);

    const registered = await get(persistedUrl(app.baseUrl, ARTICLE, variables, true));
    expect(registered.status).toBe(200);
    expect(registered.headers["cache-control"]).toBe(PUBLIC);

    const byHash = await get(persistedUrl(app.baseUrl, ARTICLE, variables));
    expect(byHash.status).toBe(200);
    expect(json(byHash).data.article.title).toBe(json(registered).data.article.title);
    expect(byHash.headers["cache-control"]).toBe(PUBLIC);
    expect(byHash.headers.vary).toMatch(/accept-encoding/i);
  });

  it("answers the same GET with an Authorization header as private, no-store", async () => {
    const url = persistedUrl(app.baseUrl, ARTICLE, { slug: "harbour-bridge" }, true);
    const response = await get(url, bearer(editor));
    expect(response.status).toBe(200);
    expect(json(response).data.article).not.toBeNull();
    expect(response.headers["cache-control"]).toBe(NO_STORE);
  });

  it("answers errors, mutations and previews with private, no-store", async () => {
    const error = await app.gql(`{ latestNews(first: 0) { nodes { slug } } }`);
    expect(error.body.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
    expect(error.headers.get("cache-control")).toBe(NO_STORE);

    const mutation = await app.gql(
      `mutation ($id: ID!) { createArticlePreview(id: $id, minutes: 5) { token } }`,
      { id: articleId },
      bearer(editor),
    );
    expect(mutation.headers.get("cache-control")).toBe(NO_STORE);
    const { token } = dataOf(mutation).createArticlePreview;

    // Anonymous, successful and a query, yet not published content as such: a preview is never shared.
    const preview = await app.gql(`query ($token: String!) { articlePreview(token: $token) { slug } }`, { token });
    expect(dataOf(preview).articlePreview).toEqual({ slug: "harbour-bridge" });
    expect(preview.headers.get("cache-control")).toBe(NO_STORE);

    // A delta sync answers "everything since", which the next write extends: never shared either.
    const sync = await app.gql(`{ feedChanges(first: 1) { nextSince } }`);
    expect(typeof dataOf(sync).feedChanges.nextSince).toBe("string");
    expect(sync.headers.get("cache-control")).toBe(NO_STORE);

    const unauthenticated = await app.gql(`{ tags { slug } }`, undefined, bearer("byl_not-a-key"));
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get("cache-control")).toBe(NO_STORE);
  });

  it("refuses a mutation over GET with 405", async () => {
    const query = `mutation { deleteArticle(id: "${articleId}") }`;
    const response = await get(`${app.baseUrl}/graphql?query=${encodeURIComponent(query)}`, bearer(editor));
    expect(response.status).toBe(405);
    expect(response.headers["cache-control"]).toBe(NO_STORE);
    expect(dataOf(await app.gql(`{ article(id: "${articleId}") { slug } }`)).article).toEqual({
      slug: "harbour-bridge",
    });
  });

  it("tags a GET with a strong ETag, answers 304 to If-None-Match, and a new ETag once an editor changed it", async () => {
    const url = persistedUrl(app.baseUrl, ARTICLE, { slug: "harbour-bridge" }, true);
    const first = await get(url);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(etag).toBe(`"${createHash("sha256").update(first.body).digest("base64url").slice(0, 32)}"`);

    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const notModified = await get(url, { "if-none-match": ifNoneMatch });
      expect(notModified.status).toBe(304);
      expect(notModified.body.length).toBe(0);
      expect(notModified.headers.etag).toBe(etag);
      expect(notModified.headers["cache-control"]).toBe(PUBLIC);
    }
    expect((await get(url, { "if-none-match": `"other"` })).status).toBe(200);

    const { version } = json(first).data.article;
    const update = await app.gql(
      `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { version } }`,
      { input: { id: articleId, version, title: "Harbour bridge reopens" } },
      bearer(editor),
    );
    expect(dataOf(update).updateArticle.version).toBe(version + 1);

    const changed = await get(url, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(json(changed).data.article.title).toBe("Harbour bridge reopens");
    expect(changed.headers.etag).not.toBe(etag);
  });

  it("compresses a large answer with brotli or gzip as negotiated, each decompressing to the identical JSON", async () => {
    const url = persistedUrl(app.baseUrl, FEED, undefined, true);
    const plain = await get(url, { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(COMPRESSION_MIN_BYTES);

    const br = await get(url, { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.body.length).toBeLessThan(plain.body.length);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const gzip = await get(url, { "accept-encoding": "br;q=0.5, gzip;q=1" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect((await get(url, { "accept-encoding": "br;q=0, *" })).headers["content-encoding"]).toBe("gzip");

    // One ETag per representation, and each revalidates only itself.
    const tags = [plain, br, gzip].map((response) => response.headers.etag as string);
    expect(new Set(tags).size).toBe(3);
    expect(tags[1]).toMatch(/-br"$/);
    expect(tags[2]).toMatch(/-gz"$/);
    expect((await get(url, { "accept-encoding": "br", "if-none-match": tags[1] as string })).status).toBe(304);
    expect((await get(url, { "accept-encoding": "gzip", "if-none-match": tags[1] as string })).status).toBe(200);

    const post = await request(`${app.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-encoding": "br" },
      body: JSON.stringify({ query: FEED }),
    });
    expect(post.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(post.body).equals(plain.body)).toBe(true);
  });

  it("sends a small answer uncompressed", async () => {
    const small = await get(persistedUrl(app.baseUrl, TAGS, undefined, true), { "accept-encoding": "br, gzip" });
    expect(small.status).toBe(200);
    expect(small.body.length).toBeLessThan(COMPRESSION_MIN_BYTES);
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(json(small)).toEqual({ data: { tags: [] } });
  });

  // Last: from here on a scheduled article bounds every answer's freshness.
  it("keeps no answer fresh past the next scheduled publication", async () => {
    const dueInS = 90;
    const draft = await createArticle(app.dataSource, { status: ArticleStatus.DRAFT, publishedAt: null });
    const at = new Date(Date.now() + dueInS * 1000).toISOString();
    const scheduled = await app.gql(
      `mutation ($id: ID!, $version: Int!, $at: DateTimeISO) { publishArticle(id: $id, version: $version, at: $at) { status } }`,
      { id: draft.id, version: draft.version, at },
      bearer(editor),
    );
    expect(dataOf(scheduled).publishArticle.status).toBe("SCHEDULED");

    const response = await get(persistedUrl(app.baseUrl, TAGS, undefined, true));
    const cacheControl = response.headers["cache-control"] as string;
    const maxAge = Number(/^public, max-age=(\d+)$/.exec(cacheControl)?.[1]);
    // Bounded by the publication (not MAX_AGE_S), and stale-while-revalidate gone: its window would pass it too.
    expect(maxAge).toBeLessThanOrEqual(dueInS);
    expect(maxAge).toBeGreaterThan(dueInS - 30);
  });
});

describe("the sandbox's assets", () => {
  let app: TestApp;
  let outdir: string;
  let assets: string;

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(os.tmpdir(), "byline-sandbox-"));
    execFileSync(process.execPath, ["scripts/build-sandbox.mjs", "--outdir", outdir], { stdio: "pipe" });
    assets = path.join(outdir, "assets");
    app = await startTestApp({ SANDBOX: "true", SANDBOX_ASSETS_DIR: outdir });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });

  it("are built with a .br and a .gz beside each file, which decompress to it", () => {
    const files = readdirSync(assets).filter((file) => !/\.(br|gz)$/.test(file));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const raw = readFileSync(path.join(assets, file));
      expect(brotliDecompressSync(readFileSync(path.join(assets, `${file}.br`))).equals(raw)).toBe(true);
      expect(gunzipSync(readFileSync(path.join(assets, `${file}.gz`))).equals(raw)).toBe(true);
    }
  });

  it("are served precompressed as the browser accepts, typed as the original, varying by Accept-Encoding", async () => {
    const { js } = JSON.parse(readFileSync(path.join(outdir, "manifest.json"), "utf8")) as { js: string };
    const raw = readFileSync(path.join(assets, js));
    const url = `${app.baseUrl}/graphql/sandbox/${js}`;

    const br = await request(url, { headers: { "accept-encoding": "gzip, deflate, br, zstd" } });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/^application\/javascript|^text\/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.body.equals(readFileSync(path.join(assets, `${js}.br`)))).toBe(true);
    expect(brotliDecompressSync(br.body).equals(raw)).toBe(true);

    const gzip = await request(url, { headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).equals(raw)).toBe(true);

    const plain = await request(url);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.equals(raw)).toBe(true);

    const missing = await request(`${app.baseUrl}/graphql/sandbox/nope.js`, { headers: { "accept-encoding": "br" } });
    expect(missing.status).toBe(404);
    const traversal = await request(`${app.baseUrl}/graphql/sandbox/..%2Fmanifest.json`, {
      headers: { "accept-encoding": "br" },
    });
    expect(traversal.status).toBe(404);
  });
});
