import { rfc3339 } from "./feed-document";
import { element, textElement, XML_DECLARATION } from "./xml";

export const SITEMAP_CONTENT_TYPE = "application/xml; charset=utf-8";

const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";

/** One page of the sitemap index (https://www.sitemaps.org/protocol.html#index). */
export interface SitemapRef {
  url: string;
  lastModified: Date;
}

export interface SitemapUrl {
  url: string;
  lastModified: Date;
}

export interface NewsSitemapUrl {
  url: string;
  title: string;
  published: Date;
}

export function renderSitemapIndex(sitemaps: SitemapRef[]): string {
  const entries = sitemaps.map((sitemap) =>
    element("sitemap", {}, textElement("loc", sitemap.url) + textElement("lastmod", rfc3339(sitemap.lastModified))),
  );
  return `${XML_DECLARATION}${element("sitemapindex", { xmlns: SITEMAP_NS }, entries.join(""))}\n`;
}

export function renderSitemap(urls: SitemapUrl[]): string {
  const entries = urls.map((url) =>
    element("url", {}, textElement("loc", url.url) + textElement("lastmod", rfc3339(url.lastModified))),
  );
  return `${XML_DECLARATION}${element("urlset", { xmlns: SITEMAP_NS }, entries.join(""))}\n`;
}

/** A Google News sitemap (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap). */
export function renderNewsSitemap(publication: { name: string; language: string }, urls: NewsSitemapUrl[]): string {
  const publicationXml = element(
    "news:publication",
    {},
    textElement("news:name", publication.name) + textElement("news:language", newsLanguage(publication.language)),
  );
  const entries = urls.map((url) =>
    element(
      "url",
      {},
      textElement("loc", url.url) +
        element(
          "news:news",
          {},
          publicationXml +
            textElement("news:publication_date", rfc3339(url.published)) +
            textElement("news:title", url.title),
        ),
    ),
  );
  return `${XML_DECLARATION}${element("urlset", { xmlns: SITEMAP_NS, "xmlns:news": NEWS_NS }, entries.join(""))}\n`;
}

/** Google News names a language by its ISO 639 code alone, except Chinese: `zh-cn` (Simplified) and `zh-tw` (Traditional). */
export function newsLanguage(language: string): string {
  const lower = language.toLowerCase();
  return lower === "zh-cn" || lower === "zh-tw" ? lower : lower.split("-")[0]!;
}
