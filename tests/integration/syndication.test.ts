import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";

import { parseFeed } from "@rowanmanning/feed-parser";
import { parseJsonFeed } from "feedsmith";

import { loadConfig } from "../../src/config";
import { type Article, ArticleStatus } from "../../src/modules/articles/article.entity";
import { createArticle, createAuthor, createTag, minutesAgo, tagArticle } from "../helpers/factories";
import { dataOf, startTestApp, type TestApp } from "../helpers/test-app";

/** A raw HTTP answer (fetch would decode bodies and add `Cache-Control: no-cache` to conditional requests). */
interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const FIXTURES = path.join(__dirname, "..", "fixtures");
const SITE = "https://news.example";
const ARTICLE_URL = "https://news.example/story/{slug}";
const MAX_AGE_S = 90;
const SITEMAP_PAGE_SIZE = 3;

const DANGEROUS_BODY = [
  "A paragraph with **bold** text.",
  "",
  '<script>alert("x")</script>',
  "",
  '<img src="https://images.byline.example/x.jpg" onerror="alert(1)">',
  "",
  '<a href="javascript:alert(2)" onclick="alert(3)">click</a>',
].join("\n");

describe("feeds and sitemaps", () => {
  let app: TestApp;
  let scratch: string;
  let author: Awaited<ReturnType<typeof createAuthor>>;
  let tagged: Article;
  let older: Article;
  let draft: Article;
  let future: Article;
  let ancient: Article;

  beforeAll(async () => {
    app = await startTestApp({
      PUBLIC_SITE_URL: `${SITE}/`,
      PUBLIC_ARTICLE_URL: ARTICLE_URL,
      SITE_TITLE: "The Example Times",
      SITE_LANGUAGE: "en-GB",
      CACHE_MAX_AGE_S: String(MAX_AGE_S),
      CACHE_STALE_WHILE_REVALIDATE_S: "0",
      SITEMAP_PAGE_SIZE: String(SITEMAP_PAGE_SIZE),
      COMPRESSION_MIN_BYTES: "100",
    });
    scratch = mkdtempSync(path.join(os.tmpdir(), "byline-syndication-"));
    author = await createAuthor(app.dataSource, { slug: "ada-reporter", name: "Ada Reporter" });
    const climate = await createTag(app.dataSource, { slug: "climate", name: "Climate & Weather" });
    await createTag(app.dataSource, { slug: "empty-tag", name: "Nothing yet" });
    ancient = await createArticle(app.dataSource, { slug: "ancient-story", publishedAt: minutesAgo(60 * 24 * 5) });
    older = await createArticle(app.dataSource, { slug: "older-story", author, publishedAt: minutesAgo(30) });
    tagged = await createArticle(app.dataSource, {
      slug: "flood-warning",
      title: 'Flood <warning> & "evacuation"',
      excerpt: "Rivers rise & roads close.",
      author,
      body: DANGEROUS_BODY,
      publishedAt: minutesAgo(5),
    });
    await tagArticle(app.dataSource, tagged, climate);
    draft = await createArticle(app.dataSource, {
      slug: "secret-draft",
      status: ArticleStatus.DRAFT,
      publishedAt: null,
      author,
    });
    await tagArticle(app.dataSource, draft, climate);
    future = await createArticle(app.dataSource, {
      slug: "tomorrow-story",
      status: ArticleStatus.SCHEDULED,
      publishedAt: new Date(Date.now() + 86_400_000),
      author,
    });
    await tagArticle(app.dataSource, future, climate);
  });

  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await app?.close();
  });

  const get = (pathname: string, headers: Record<string, string> = {}) => request(`${app.baseUrl}${pathname}`, headers);
  const text = (response: RawResponse) => response.body.toString("utf8");
  const slugsIn = (body: string) => [...body.matchAll(/story\/([a-z0-9-]+)/g)].map((match) => match[1]);

  /** Runs a validator on `body` written to a file; returns its exit status and output. */
  function validate(command: string, args: string[], body: string, name: string) {
    const file = path.join(scratch, name);
    writeFileSync(file, body);
    try {
      return { ok: true, output: execFileSync(command, [...args, file], { stdio: "pipe" }).toString() };
    } catch (error) {
      const failure = error as { stdout?: Buffer; stderr?: Buffer };
      return { ok: false, output: `${failure.stdout?.toString() ?? ""}${failure.stderr?.toString() ?? ""}` };
    }
  }
  const jing = (body: string) => validate("jing", ["-c", path.join(FIXTURES, "atom.rnc")], body, "feed.atom");
  const xmllint = (schema: string, body: string) =>
    validate("xmllint", ["--noout", "--schema", path.join(FIXTURES, schema)], body, "sitemap.xml");

  it("writes the latest news as RSS 2.0 that a feed parser reads back in full", async () => {
    const response = await get("/feeds/latest.rss");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/rss+xml; charset=utf-8");
    const feed = parseFeed(text(response));
    expect(feed.meta.type).toBe("rss");
    expect(feed.title).toBe("The Example Times");
    expect(feed.url).toBe(SITE);
    expect(feed.language).toBe("en-GB");
    expect(feed.items.map((item) => item.url)).toEqual([
      `${SITE}/story/flood-warning`,
      `${SITE}/story/older-story`,
      `${SITE}/story/ancient-story`,
    ]);
    const [item] = feed.items;
    expect(item!.id).toBe(`urn:uuid:${tagged.id}`);
    expect(item!.title).toBe('Flood <warning> & "evacuation"');
    expect(item!.description).toBe("Rivers rise & roads close.");
    expect(item!.content).toBe(tagged.bodyHtml.trim());
    expect(item!.authors.map((a) => a.name)).toEqual(["Ada Reporter"]);
    expect(item!.categories.map((c) => c.term)).toEqual(["Climate & Weather"]);
    expect(item!.published?.getTime()).toBe(tagged.publishedAt!.getTime());
    expect(item!.image?.url).toBe(tagged.thumbnail!.url);
    expect(item!.media[0]).toMatchObject({ url: tagged.thumbnail!.url, type: "image" });
  });

  it("writes Atom 1.0 valid against RFC 4287's RELAX NG schema, with the same entries", async () => {
    const response = await get("/feeds/latest.atom");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const body = text(response);
    const result = jing(body);
    expect(result).toEqual({ ok: true, output: "" });

    const feed = parseFeed(body);
    expect(feed.meta.type).toBe("atom");
    expect(feed.self).toBe(`${SITE}/feeds/latest.atom`);
    expect(feed.items.map((item) => item.id)).toEqual([tagged, older, ancient].map((a) => `urn:uuid:${a.id}`));
    const [entry] = feed.items;
    expect(entry!.url).toBe(`${SITE}/story/flood-warning`);
    expect(entry!.title).toBe('Flood <warning> & "evacuation"');
    expect(entry!.description).toBe("Rivers rise & roads close.");
    expect(entry!.content).toBe(tagged.bodyHtml.trim());
    expect(entry!.authors.map((a) => a.name)).toEqual(["Ada Reporter"]);
    expect(entry!.categories.map((c) => c.term)).toEqual(["Climate & Weather"]);
    expect(entry!.updated?.getTime()).toBe(Math.floor(tagged.updatedAt.getTime() / 1000) * 1000);
    expect(entry!.image?.url).toBe(tagged.thumbnail!.url);
    // The newest entry's change is the feed's.
    expect(feed.updated?.getTime()).toBe(entry!.updated?.getTime());

    // The validator does reject what breaks the schema (a feed without its required updated).
    expect(jing(body.replace(/<updated>[^<]*<\/updated><link rel="self"/, '<link rel="self"')).ok).toBe(false);
  });

  it("writes JSON Feed 1.1", async () => {
    const response = await get("/feeds/latest.json");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/feed+json; charset=utf-8");
    const feed = parseJsonFeed(text(response));
    expect(JSON.parse(text(response)).version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.title).toBe("The Example Times");
    expect(feed.feed_url).toBe(`${SITE}/feeds/latest.json`);
    const items = feed.items ?? [];
    expect(items.map((item) => item.id)).toEqual([tagged.id, older.id, ancient.id]);
    expect(items[0]).toMatchObject({
      url: `${SITE}/story/flood-warning`,
      title: 'Flood <warning> & "evacuation"',
      summary: "Rivers rise & roads close.",
      content_html: tagged.bodyHtml.trim(),
      image: tagged.thumbnail!.url,
      authors: [{ name: "Ada Reporter" }],
      tags: ["Climate & Weather"],
    });
    expect(new Date(items[0]!.date_published!).getTime()).toBe(tagged.publishedAt!.getTime());
  });

  it("carries the body as the API's sanitized HTML: no script, no event handler, no javascript: URL", async () => {
    for (const format of ["rss", "atom", "json"]) {
      const response = await get(`/feeds/latest.${format}`);
      const content =
        format === "json"
          ? JSON.parse(text(response)).items[0].content_html
          : parseFeed(text(response)).items[0]!.content!;
      expect(content).toContain("<strong>bold</strong>");
      expect(content).toContain('<img src="https://images.byline.example/x.jpg" />');
      expect(content).toContain(`<a rel="noopener noreferrer">click</a>`);
      expect(content).not.toMatch(/<script|alert|onerror|onclick|javascript:/i);
    }
  });

  it("never shows a draft or an article scheduled for later, in any feed or sitemap", async () => {
    const paths = [
      "/feeds/latest.rss",
      "/feeds/latest.atom",
      "/feeds/latest.json",
      "/feeds/tags/climate.rss",
      "/feeds/authors/ada-reporter.atom",
      "/sitemap-news.xml",
      "/sitemaps/articles-1.xml",
      "/sitemaps/articles-2.xml",
    ];
    for (const pathname of paths) {
      const body = text(await get(pathname));
      expect(body).not.toContain(draft.slug);
      expect(body).not.toContain(future.slug);
      expect(body).not.toContain(draft.id);
      expect(body).not.toContain(future.id);
    }
  });

  it("has a feed per tag and per author, in every format, and a 404 for an unknown slug", async () => {
    const tag = parseFeed(text(await get("/feeds/tags/climate.rss")));
    expect(tag.title).toBe("The Example Times: Climate & Weather");
    expect(tag.items.map((item) => item.url)).toEqual([`${SITE}/story/flood-warning`]);

    const byAuthor = parseJsonFeed(text(await get("/feeds/authors/ada-reporter.json")));
    expect(byAuthor.title).toBe("The Example Times: Ada Reporter");
    expect((byAuthor.items ?? []).map((item) => item.id)).toEqual([tagged.id, older.id]);
    const authorAtom = text(await get("/feeds/authors/ada-reporter.atom"));
    expect(jing(authorAtom).ok).toBe(true);

    // A tag that exists with nothing published yet is an empty feed (still valid Atom), not a 404.
    const empty = await get("/feeds/tags/empty-tag.atom");
    expect(empty.status).toBe(200);
    expect(parseFeed(text(empty)).items).toEqual([]);
    expect(jing(text(empty)).ok).toBe(true);

    for (const pathname of [
      "/feeds/tags/no-such-tag.rss",
      "/feeds/authors/nobody.json",
      "/feeds/tags/Not%20A%20Slug.atom",
      "/feeds/latest.xml",
      "/feeds/oldest.rss",
      "/sitemaps/articles-0.xml",
      "/sitemaps/articles-99.xml",
      "/sitemaps/other.xml",
    ]) {
      const response = await get(pathname);
      expect({ pathname, status: response.status }).toEqual({ pathname, status: 404 });
      expect(text(response)).toBe("Not found\n");
      expect(response.headers["cache-control"]).toBe("private, no-store");
    }
  });

  it("reads a feed in a bounded number of statements, however many items", async () => {
    const latest = await get("/feeds/latest.rss");
    expect(Number(latest.headers["x-sql-statements"])).toBe(3);
    for (let i = 0; i < 6; i++) await createArticle(app.dataSource, { author, publishedAt: minutesAgo(40 + i) });
    const more = await get("/feeds/latest.rss");
    expect(parseFeed(text(more)).items.length).toBe(9);
    expect(Number(more.headers["x-sql-statements"])).toBe(3);
    // An empty feed: the rows, then the tag looked up.
    expect(Number((await get("/feeds/tags/empty-tag.rss")).headers["x-sql-statements"])).toBe(2);
  });

  it("answers conditional GETs: a strong ETag, Last-Modified, and 304s", async () => {
    const first = await get("/feeds/latest.atom");
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[^"]+"$/);
    const lastModified = first.headers["last-modified"]!;
    expect(new Date(lastModified).toUTCString()).toBe(lastModified);

    const byTag = await get("/feeds/latest.atom", { "if-none-match": etag });
    expect(byTag.status).toBe(304);
    expect(byTag.body.length).toBe(0);
    expect(byTag.headers.etag).toBe(etag);

    const byDate = await get("/feeds/latest.atom", { "if-modified-since": lastModified });
    expect(byDate.status).toBe(304);
    const before = new Date(new Date(lastModified).getTime() - 1000).toUTCString();
    expect((await get("/feeds/latest.atom", { "if-modified-since": before })).status).toBe(200);
    // If-None-Match decides when both are sent (RFC 9110): a stale tag gets the feed whatever the date says.
    expect(
      (await get("/feeds/latest.atom", { "if-none-match": '"stale"', "if-modified-since": lastModified })).status,
    ).toBe(200);

    // An edit changes the feed: a new ETag, and the old one no longer matches.
    await app.dataSource.query(`UPDATE articles SET title = 'Flood warning lifted', updated_at = now() WHERE id = $1`, [
      tagged.id,
    ]);
    const changed = await get("/feeds/latest.atom", { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(parseFeed(text(changed)).items[0]!.title).toBe("Flood warning lifted");
  });

  it("is cached like the API's anonymous reads, and compressed when asked", async () => {
    const response = await get("/feeds/latest.rss", { "accept-encoding": "gzip" });
    expect(response.headers["cache-control"]).toBe(`public, max-age=${MAX_AGE_S}`);
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(parseFeed(gunzipSync(response.body).toString("utf8")).items.length).toBeGreaterThan(0);
    expect(response.headers["surrogate-key"]).toContain("feed:latest");
    expect(response.headers["surrogate-key"]).toContain(`article:${tagged.id}`);

    const head = await request(`${app.baseUrl}/feeds/latest.rss`, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers["content-type"]).toBe("application/rss+xml; charset=utf-8");
    expect(Number(head.headers["content-length"])).toBeGreaterThan(0);
  });

  it("writes a Google News sitemap of the last two days, valid against the sitemap and news schemas", async () => {
    const response = await get("/sitemap-news.xml");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/xml; charset=utf-8");
    const body = text(response);
    expect(xmllint("sitemap-with-news.xsd", body).ok).toBe(true);
    expect(body).toContain("<news:name>The Example Times</news:name>");
    expect(body).toContain("<news:language>en</news:language>");
    expect(slugsIn(body)).toContain("flood-warning");
    expect(slugsIn(body)).not.toContain("ancient-story"); // five days old
    // The validator does check the news elements.
    expect(xmllint("sitemap-with-news.xsd", body.replace(/<news:title>[^<]*<\/news:title>/, "")).ok).toBe(false);
  });

  it("writes a sitemap index of pages of SITEMAP_PAGE_SIZE articles, oldest first, valid against the XSDs", async () => {
    const [{ count }] = (await app.dataSource.query(
      `SELECT count(*)::int AS count FROM articles WHERE status IN ('PUBLISHED', 'SCHEDULED') AND published_at <= now()`,
    )) as Array<{ count: number }>;
    const pages = Math.ceil(count / SITEMAP_PAGE_SIZE);
    expect(pages).toBeGreaterThan(1);

    const index = text(await get("/sitemap.xml"));
    expect(xmllint("siteindex.xsd", index).ok).toBe(true);
    const locs = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]);
    expect(locs).toEqual(Array.from({ length: pages }, (_, i) => `${SITE}/sitemaps/articles-${i + 1}.xml`));

    const seen: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const body = text(await get(`/sitemaps/articles-${page}.xml`));
      expect(xmllint("sitemap.xsd", body).ok).toBe(true);
      const slugs = slugsIn(body);
      expect(slugs.length).toBeLessThanOrEqual(SITEMAP_PAGE_SIZE);
      seen.push(...slugs);
    }
    expect(seen.length).toBe(count);
    expect(new Set(seen).size).toBe(count);
    expect(seen[0]).toBe("ancient-story");
    expect((await get(`/sitemaps/articles-${pages + 1}.xml`)).status).toBe(404);
  });

  it("exposes Article.url from the same template", async () => {
    const data = dataOf(
      await app.gql(
        `query ($slug: String!) { article(slug: $slug) { url } latestNews(first: 2) { nodes { slug url } } }`,
        {
          slug: "older-story",
        },
      ),
    );
    expect(data.article.url).toBe(`${SITE}/story/older-story`);
    for (const node of data.latestNews.nodes) expect(node.url).toBe(`${SITE}/story/${node.slug}`);
  });
});

describe("PUBLIC_ARTICLE_URL", () => {
  const load = (value: string) => () => loadConfig({ NODE_ENV: "test", PUBLIC_ARTICLE_URL: value });

  it("is refused at start without {slug} or {id}, with another placeholder, or when not an http(s) URL", () => {
    expect(load("https://news.example/articles")).toThrow(/PUBLIC_ARTICLE_URL must contain \{slug\} or \{id\}/);
    expect(load("https://news.example/{year}/{slug}")).toThrow(/PUBLIC_ARTICLE_URL has unknown placeholders \{year\}/);
    expect(load("news.example/{slug}")).toThrow(/PUBLIC_ARTICLE_URL must be an absolute http/);
    expect(() => loadConfig({ PUBLIC_SITE_URL: "ftp://news.example" })).toThrow(/PUBLIC_SITE_URL must be/);
  });

  it("accepts {slug} and {id}", () => {
    expect(load("https://news.example/{id}/{slug}")().site.articleUrl).toBe("https://news.example/{id}/{slug}");
  });
});
