import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import type { DataSource } from "typeorm";

import { type NewsPageServer, startNewsPageServer } from "../../examples/news-page/serve";
import { loadConfig } from "../../src/config";
import { createDataSource } from "../../src/database/data-source";
import type { Article } from "../../src/modules/articles/article.entity";
import { type BylineServer, createServer } from "../../src/server";
import { CHROMIUM, CHROMIUM_FLAGS, describeWithChromium } from "../helpers/chromium";
import { createArticle, createAuthor, minutesAgo, relate } from "../helpers/factories";
import { createIsolatedDatabase } from "../helpers/test-database";

/** A GraphQL request as it reached Byline, and (once `answered` resolves) how Byline answered it. */
interface Reached {
  method: string;
  params: URLSearchParams;
  ifNoneMatch: string | undefined;
  answered: Promise<{ status: number; etag: string | undefined; cacheControl: string | undefined }>;
}

/** Records every GraphQL request that reaches Byline's HTTP server (whoever sent it: here, the example's proxy). */
function recordGraphQLRequests(server: BylineServer): Reached[] {
  const reached: Reached[] = [];
  server.httpServer.on("request", (req: IncomingMessage, res) => {
    const url = new URL(req.url ?? "/", "http://byline");
    if (url.pathname !== "/graphql") return;
    reached.push({
      method: req.method ?? "",
      params: url.searchParams,
      ifNoneMatch: req.headers["if-none-match"],
      answered: new Promise((resolve) =>
        res.once("finish", () =>
          resolve({
            status: res.statusCode,
            etag: res.getHeader("etag")?.toString(),
            cacheControl: res.getHeader("cache-control")?.toString(),
          }),
        ),
      ),
    });
  });
  return reached;
}

/** The requests of one page load, taken from the record once Byline has answered every one of them. */
async function takeAnswered(reached: Reached[]) {
  const taken = reached.splice(0);
  return Promise.all(taken.map(async (request) => ({ ...request, ...(await request.answered) })));
}

const hashOf = (params: URLSearchParams): string | undefined =>
  JSON.parse(params.get("extensions") ?? "{}").persistedQuery?.sha256Hash;

describeWithChromium("the news-page browser test")("reference client (examples/news-page) in headless Chromium", () => {
  let database: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  let byline: BylineServer;
  let site: NewsPageServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let reached: Reached[];
  /** Byline's answer to the first load's persisted GET (what the browser keeps and revalidates). */
  let firstAnswer: { etag: string | undefined; cacheControl: string | undefined };
  const pageErrors: string[] = [];
  // Text that would be markup if it were written as HTML: the page must show it as it is.
  const title = "Harbour <em>tunnel</em> opens & traffic <img src=x> eases";
  let story: Article;
  let older: Article;
  let oldest: Article;
  let newest: Article;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    dataSource = createDataSource({ url: database.url, poolMax: 5 });
    await dataSource.initialize();
    const author = await createAuthor(dataSource, {
      name: "Ines Sandvik",
      bio: "Ines Sandvik covers transport <b>and</b> the harbour.",
    });
    const other = await createAuthor(dataSource, { name: "Tomas Berg" });
    oldest = await createArticle(dataSource, {
      author: other,
      title: "Harbour fares frozen for a year",
      excerpt: "Season tickets keep their price.",
      publishedAt: minutesAgo(180),
    });
    older = await createArticle(dataSource, {
      author: other,
      title: "Ferry timetable changes from Monday",
      excerpt: "Two crossings a day are dropped in winter.",
      publishedAt: minutesAgo(120),
    });
    story = await createArticle(dataSource, {
      author,
      title,
      body: "## Under the water\n\nThe tunnel took nine years to build.",
      publishedAt: minutesAgo(60),
    });
    newest = await createArticle(dataSource, {
      author: other,
      title: "Night buses return to the east side",
      excerpt: "Three routes run again after midnight.",
      publishedAt: minutesAgo(5),
    });
    await relate(dataSource, story, [older, { url: "https://transport.example/tunnel", title: "The tunnel's plans" }]);

    byline = await createServer({ dataSource, config: loadConfig({ NODE_ENV: "test" }) });
    await new Promise<void>((resolve) => byline.httpServer.listen(0, "127.0.0.1", resolve));
    reached = recordGraphQLRequests(byline);
    const { port } = byline.httpServer.address() as AddressInfo;
    site = await startNewsPageServer({ bylineUrl: `http://127.0.0.1:${port}`, port: 0 });

    // Thumbnails point at images.byline.example, and nothing may leave the machine. Not by routing requests: routing
    // turns the browser's HTTP cache off, and the reload test is about that cache.
    const offline = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1";
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS, offline] });
    context = await browser.newContext();
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await byline?.stop();
    await dataSource?.destroy();
    await database?.drop();
  });

  it("renders the article, its author, body and related news, and the Latest News with excerpts", async () => {
    await page.goto(`${site.url}?slug=${story.slug}`);
    const article = page.getByTestId("article");
    await article.locator("h1").waitFor();

    expect(await article.locator("h1").textContent()).toBe(title);
    expect(await article.locator("h1 *").count()).toBe(0);
    expect(await page.title()).toBe(`${title} · Byline`);
    expect(await article.locator("img.thumbnail").getAttribute("src")).toBe(story.thumbnail?.url);
    expect(await page.getByTestId("author").locator(".author-name").textContent()).toBe("Ines Sandvik");
    expect(await page.getByTestId("author").locator(".author-bio").textContent()).toBe(
      "Ines Sandvik covers transport <b>and</b> the harbour.",
    );
    // The body is Byline's sanitized HTML, rendered as HTML.
    expect(await page.getByTestId("body").locator("h2").textContent()).toBe("Under the water");
    expect(await page.getByTestId("body").locator("p").textContent()).toBe("The tunnel took nine years to build.");

    const related = page.getByTestId("related").locator("li a");
    expect(await related.allTextContents()).toEqual(["Ferry timetable changes from Monday", "The tunnel's plans"]);
    expect(await related.nth(0).getAttribute("href")).toBe(`?slug=${older.slug}`);
    expect(await related.nth(1).getAttribute("href")).toBe("https://transport.example/tunnel");

    // Latest News leaves out the article itself and what its related news already shows (the ferry timetable).
    const latest = page.getByTestId("latest-news").locator("li");
    expect(await latest.locator("a").allTextContents()).toEqual([newest.title, oldest.title]);
    expect(await latest.locator(".excerpt").allTextContents()).toEqual([
      "Three routes run again after midnight.",
      "Season tickets keep their price.",
    ]);
  }, 30_000);

  it("sent one operation: a persisted GET by hash, registered once with a POST, then the GET again", async () => {
    const [miss, registration, get, ...more] = await takeAnswered(reached);
    expect(more).toEqual([]);
    expect(miss).toMatchObject({ method: "GET", status: 200 });
    expect(miss.params.has("query")).toBe(false);
    const hash = hashOf(miss.params);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(miss.params.get("operationName")).toBe("NewsPage");
    expect(JSON.parse(miss.params.get("variables") ?? "null")).toEqual({ slug: story.slug });
    expect(registration.method).toBe("POST");
    expect(get).toMatchObject({ method: "GET", status: 200 });
    expect(get.params.has("query")).toBe(false);
    expect(hashOf(get.params)).toBe(hash);
    firstAnswer = get;
  });

  it("on reload sends exactly one GET, by hash only, which Byline answers 304 from the browser's ETag", async () => {
    await page.reload();
    await page.getByTestId("article").locator("h1", { hasText: "Harbour" }).waitFor();
    expect(await page.getByTestId("latest-news").locator(".excerpt").count()).toBe(2);
    const loads = await takeAnswered(reached);
    expect(loads.map(({ method }) => method)).toEqual(["GET"]);
    const [reload] = loads;
    expect(reload.params.has("query")).toBe(false);
    expect(hashOf(reload.params)).toMatch(/^[0-9a-f]{64}$/);
    // The browser kept the first load's answer (cacheable, with an ETag) and revalidated it: answered 304.
    expect(firstAnswer.cacheControl).toMatch(/\bpublic\b/);
    expect(firstAnswer.etag).toMatch(/^"[^"]+"$/);
    expect(reload.ifNoneMatch).toBe(firstAnswer.etag);
    expect(reload.status).toBe(304);
  }, 30_000);

  it("without ?slug= shows the newest article, from one operation", async () => {
    await page.goto(site.url);
    await page.getByTestId("article").locator("h1", { hasText: newest.title }).waitFor();
    const requests = await takeAnswered(reached);
    // A new operation: its hash is registered first, as above; every GET is by hash only.
    expect(requests.map(({ method }) => method)).toEqual(["GET", "POST", "GET"]);
    expect(requests.filter(({ method }) => method === "GET").every(({ params }) => !params.has("query"))).toBe(true);
    expect(
      new Set(requests.map(({ params, method }) => (method === "GET" ? params.get("operationName") : null))),
    ).toEqual(new Set(["LatestNewsPage", null]));
  }, 30_000);

  it("shows a missing article as such, and threw no error in the page", async () => {
    await page.goto(`${site.url}?slug=no-such-article`);
    await page.getByTestId("empty").waitFor();
    expect(await page.getByTestId("empty").textContent()).toBe('No published article "no-such-article".');
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
