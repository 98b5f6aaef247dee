import type { Image } from "../modules/articles/image";

/** One article as every feed format carries it. */
export interface FeedEntry {
  /** The article's id: the entry's stable identity (its URL changes with its slug, its id never). */
  id: string;
  url: string;
  title: string;
  /** The plain-text excerpt. */
  summary: string;
  /** The body as sanitized HTML (src/modules/articles/markdown.ts, stored beside the body). */
  contentHtml: string;
  authorName: string;
  /** Tag names. */
  categories: string[];
  image: Image | null;
  published: Date;
  /** The last change readers could see: its last edit, or its publication if that came later (a scheduled one). */
  updated: Date;
}

/** A feed, whatever its format. */
export interface FeedDocument {
  title: string;
  description: string;
  language: string;
  /** The site's home page. */
  homeUrl: string;
  /** This feed's own URL, per format (`.rss`, `.atom`, `.json`). */
  selfUrl: (format: FeedFormat) => string;
  entries: FeedEntry[];
  /** The newest entry's `updated`; null for an empty feed. */
  updated: Date | null;
  /** What the feed shows, as the response cache's dependency keys (sent as `Surrogate-Key` for a CDN's purges). */
  dependencies: string[];
}

export type FeedFormat = "rss" | "atom" | "json";

/** The time a date names, without milliseconds (HTTP dates and RSS dates have none). */
export const wholeSeconds = (date: Date): Date => new Date(Math.floor(date.getTime() / 1000) * 1000);

/** RFC 3339 without milliseconds, in UTC: Atom, JSON Feed and sitemaps. */
export const rfc3339 = (date: Date): string => wholeSeconds(date).toISOString().replace(".000Z", "Z");

/** The latest of some dates; null for none. */
export const newest = (dates: Iterable<Date>): Date | null => {
  let latest: Date | null = null;
  for (const date of dates) if (latest === null || date.getTime() > latest.getTime()) latest = date;
  return latest;
};
