import { type Request, type Response, Router } from "express";

import { withStatementTally } from "../database/statement-counter";
import { NO_STORE } from "../delivery/cache-policy";
import type { Delivery } from "../delivery/delivery";
import { type FeedFormat, newest } from "./feed-document";
import { FEED_CONTENT_TYPES, renderFeed } from "./feed-formats";
import { renderNewsSitemap, renderSitemap, renderSitemapIndex, SITEMAP_CONTENT_TYPE } from "./sitemap-formats";
import type { FeedSubject, SyndicationService } from "./syndication.service";

export interface SyndicationRouterOptions {
  service: SyndicationService;
  /** Cache-Control, ETag, Last-Modified, 304s and compression, as for the API's GETs. */
  delivery: Delivery;
  publication: { name: string; language: string };
  /** Answer with `X-SQL-Statements`, as GraphQL requests do (`EXPOSE_SQL_STATEMENTS`). */
  countsStatements: boolean;
}

const FORMATS: ReadonlySet<string> = new Set<FeedFormat>(["rss", "atom", "json"]);

/** `latest.rss` as its name and format; null for a format Byline does not write. */
function feedFile(file: string): { name: string; format: FeedFormat } | null {
  const dot = file.lastIndexOf(".");
  const format = file.slice(dot + 1);
  return dot > 0 && FORMATS.has(format) ? { name: file.slice(0, dot), format: format as FeedFormat } : null;
}

/**
 * The public syndication routes: feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1) of the latest news, of a tag and of an
 * author, the Google News sitemap and the sitemap index with its pages. GET and HEAD; what a reader may see only.
 */
export function syndicationRouter({ service, delivery, publication, countsStatements }: SyndicationRouterOptions) {
  const router = Router();

  /** Runs a route's reads (counted like a GraphQL request's) and sends its answer, or a 404 for `null`. */
  const serve =
    (
      answer: (
        req: Request,
      ) => Promise<{ body: string; type: string; lastModified: Date | null; keys?: string[] } | null>,
    ) =>
    async (req: Request, res: Response) => {
      const tally = res.locals.request.statements;
      const result = await (countsStatements ? withStatementTally(tally, () => answer(req)) : answer(req));
      if (countsStatements) res.setHeader("x-sql-statements", String(tally.count));
      if (result === null) {
        // Not kept: a tag or author made later must not find a cached 404.
        res.status(404).setHeader("cache-control", NO_STORE).type("text/plain").send("Not found\n");
        return;
      }
      res.status(200);
      res.setHeader("content-type", result.type);
      res.setHeader("cache-control", delivery.cacheControl(true));
      if (result.keys?.length) res.setHeader("surrogate-key", result.keys.join(" "));
      delivery.send(req, res, result.body, result.lastModified);
    };

  const feed = (subjectOf: (name: string) => FeedSubject | null) =>
    serve(async (req) => {
      const file = feedFile(String(req.params.file));
      const subject = file && subjectOf(file.name);
      const document = subject && (await service.feedOf(subject));
      if (!file || !document) return null;
      return {
        body: renderFeed(document, file.format),
        type: FEED_CONTENT_TYPES[file.format],
        lastModified: document.updated,
        keys: document.dependencies,
      };
    });

  router.get(
    "/feeds/:file",
    feed((name) => (name === "latest" ? { kind: "latest" } : null)),
  );
  router.get(
    "/feeds/tags/:file",
    feed((slug) => ({ kind: "tag", slug })),
  );
  router.get(
    "/feeds/authors/:file",
    feed((slug) => ({ kind: "author", slug })),
  );

  router.get(
    "/sitemap-news.xml",
    serve(async () => {
      const { urls, lastModified } = await service.newsSitemap();
      return { body: renderNewsSitemap(publication, urls), type: SITEMAP_CONTENT_TYPE, lastModified };
    }),
  );
  router.get(
    "/sitemap.xml",
    serve(async () => {
      const pages = await service.sitemapIndex();
      // With nothing published the index still names its first page (a sitemap index needs one entry).
      const sitemaps = pages.length > 0 ? pages : [{ url: service.sitemapUrl(1), lastModified: new Date(0) }];
      const lastModified = newest(sitemaps.map((sitemap) => sitemap.lastModified));
      return { body: renderSitemapIndex(sitemaps), type: SITEMAP_CONTENT_TYPE, lastModified };
    }),
  );
  router.get(
    "/sitemaps/:file",
    serve(async (req) => {
      const match = /^articles-([1-9]\d{0,5})\.xml$/.exec(String(req.params.file));
      const urls = match ? await service.sitemapPage(Number(match[1])) : null;
      if (!urls) return null;
      const lastModified = newest(urls.map((url) => url.lastModified));
      return { body: renderSitemap(urls), type: SITEMAP_CONTENT_TYPE, lastModified };
    }),
  );
  return router;
}
