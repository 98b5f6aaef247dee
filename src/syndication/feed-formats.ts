import type { FeedDocument, FeedEntry, FeedFormat } from "./feed-document";
import { rfc3339, wholeSeconds } from "./feed-document";
import { element, textElement, XML_DECLARATION } from "./xml";

/** Each format's media type, as feeds are served. */
export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

/** A feed in one format. Nothing in it depends on the clock, so the same content always makes the same bytes (ETag). */
export function renderFeed(document: FeedDocument, format: FeedFormat): string {
  switch (format) {
    case "rss":
      return rss(document);
    case "atom":
      return atom(document);
    case "json":
      return jsonFeed(document);
  }
}

const GENERATOR = "Byline";
const NAMESPACES = {
  atom: "http://www.w3.org/2005/Atom",
  content: "http://purl.org/rss/1.0/modules/content/",
  dc: "http://purl.org/dc/elements/1.1/",
  media: "http://search.yahoo.com/mrss/",
};

/** The lead image as Media RSS, understood by RSS and Atom readers alike. */
function mediaContent({ image }: FeedEntry): string {
  if (!image?.url) return "";
  const description = image.alt ? textElement("media:description", image.alt) : "";
  return element(
    "media:content",
    { url: image.url, medium: "image", width: image.width, height: image.height },
    description,
  );
}

/** RSS dates are RFC 822 (RFC 1123's form of it, in GMT). */
const rfc822 = (date: Date): string => wholeSeconds(date).toUTCString();

/** RSS 2.0 (https://www.rssboard.org/rss-specification) with the content, Dublin Core and Media RSS modules. */
function rss(document: FeedDocument): string {
  const items = document.entries.map((entry) =>
    element(
      "item",
      {},
      [
        textElement("title", entry.title),
        textElement("link", entry.url),
        textElement("guid", `urn:uuid:${entry.id}`, { isPermaLink: "false" }),
        textElement("description", entry.summary),
        textElement("content:encoded", entry.contentHtml),
        textElement("dc:creator", entry.authorName),
        ...entry.categories.map((name) => textElement("category", name)),
        textElement("pubDate", rfc822(entry.published)),
        textElement("atom:updated", rfc3339(entry.updated)),
        mediaContent(entry),
      ].join(""),
    ),
  );
  const channel = [
    textElement("title", document.title),
    textElement("link", document.homeUrl),
    textElement("description", document.description),
    textElement("language", document.language),
    textElement("generator", GENERATOR),
    element("atom:link", { href: document.selfUrl("rss"), rel: "self", type: "application/rss+xml" }),
    document.updated ? textElement("lastBuildDate", rfc822(document.updated)) : "",
    ...items,
  ].join("");
  const attributes = {
    version: "2.0",
    "xmlns:atom": NAMESPACES.atom,
    "xmlns:content": NAMESPACES.content,
    "xmlns:dc": NAMESPACES.dc,
    "xmlns:media": NAMESPACES.media,
  };
  return `${XML_DECLARATION}${element("rss", attributes, element("channel", {}, channel))}\n`;
}

/** An empty feed has no newest entry; Atom still needs an `updated`, so it gets the epoch, which never changes. */
const EMPTY_FEED_UPDATED = new Date(0);

/** Atom 1.0 (RFC 4287), valid against its RELAX NG schema (tests/fixtures/atom.rnc). */
function atom(document: FeedDocument): string {
  const entries = document.entries.map((entry) =>
    element(
      "entry",
      {},
      [
        textElement("id", `urn:uuid:${entry.id}`),
        textElement("title", entry.title, { type: "text" }),
        element("link", { rel: "alternate", type: "text/html", href: entry.url }),
        textElement("published", rfc3339(entry.published)),
        textElement("updated", rfc3339(entry.updated)),
        element("author", {}, textElement("name", entry.authorName)),
        ...entry.categories.map((name) => element("category", { term: name })),
        textElement("summary", entry.summary, { type: "text" }),
        textElement("content", entry.contentHtml, { type: "html" }),
        mediaContent(entry),
      ].join(""),
    ),
  );
  const feed = [
    textElement("id", document.selfUrl("atom")),
    textElement("title", document.title, { type: "text" }),
    textElement("subtitle", document.description, { type: "text" }),
    textElement("updated", rfc3339(document.updated ?? EMPTY_FEED_UPDATED)),
    element("link", { rel: "self", type: "application/atom+xml", href: document.selfUrl("atom") }),
    element("link", { rel: "alternate", type: "text/html", href: document.homeUrl }),
    textElement("generator", GENERATOR),
    ...entries,
  ].join("");
  const attributes = { xmlns: NAMESPACES.atom, "xmlns:media": NAMESPACES.media, "xml:lang": document.language };
  return `${XML_DECLARATION}${element("feed", attributes, feed)}\n`;
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
function jsonFeed(document: FeedDocument): string {
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: document.title,
    home_page_url: document.homeUrl,
    feed_url: document.selfUrl("json"),
    description: document.description,
    language: document.language,
    items: document.entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      summary: entry.summary,
      content_html: entry.contentHtml,
      ...(entry.image?.url && { image: entry.image.url }),
      date_published: rfc3339(entry.published),
      date_modified: rfc3339(entry.updated),
      authors: [{ name: entry.authorName }],
      tags: entry.categories,
    })),
  };
  return `${JSON.stringify(feed)}\n`;
}
