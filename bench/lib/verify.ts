/**
 * The answer checks: q1 (the article pages of 25 slugs spread over the inputs) and q2 (every walked feed page)
 * compared with their ground truth read straight from SQL, in the shared harness's canonical shapes.
 */
import { isDeepStrictEqual } from "node:util";

import type { Client } from "pg";

import { withClient } from "./database";
import { log } from "./log";
import type { Options } from "./options";
import { queries } from "./query-file";
import { type FeedWalk, post } from "./requests";
import { visibleToReaders as VISIBLE } from "./visibility";

const ARTICLES_CHECKED = 25;
const FEED_PAGE_SIZE = 20;

export interface OpVerification {
  checked: number;
  mismatch: string | null;
}
export type Verification = Record<"q1" | "q2", OpVerification>;

/** Checks the answers of q1 and q2 against SQL and logs the outcome; each op's check stops at its first mismatch. */
export async function verify(opts: Options, url: string, slugs: string[], feed: FeedWalk): Promise<Verification> {
  const report: Verification = { q1: { checked: 0, mismatch: null }, q2: { checked: 0, mismatch: null } };
  await withClient(opts.dbUrl, async (db) => {
    await verifyArticlePages(db, url, slugs, report.q1);
    await verifyFeedPages(db, feed, report.q2);
  });
  for (const op of ["q1", "q2"] as const) {
    const r = report[op];
    log(
      `verify ${op}: ${r.mismatch ? `MISMATCH after ${r.checked} ok: ${r.mismatch}` : `OK (${r.checked} answers equal the SQL ground truth)`}`,
    );
  }
  return report;
}

async function verifyArticlePages(db: Client, url: string, slugs: string[], result: OpVerification): Promise<void> {
  const step = Math.max(1, Math.floor(slugs.length / ARTICLES_CHECKED));
  for (let i = 0; i < slugs.length && result.checked < ARTICLES_CHECKED; i += step) {
    const slug = slugs[i]!;
    const r = await post(url, queries.ops.q1!.body(slug));
    if (r.status !== 200) {
      result.mismatch = `slug ${slug}: HTTP ${r.status} ${r.text.slice(0, 200)}`;
      return;
    }
    const d = firstDiff(queries.ops.q1!.normalize(r.json), await expectedArticle(db, slug));
    if (d) {
      result.mismatch = `slug ${slug}: ${d}`;
      return;
    }
    result.checked++;
  }
}

async function verifyFeedPages(db: Client, feed: FeedWalk, result: OpVerification): Promise<void> {
  for (let page = 0; page < feed.answers.length; page++) {
    const d = firstDiff(queries.ops.q2!.normalize(feed.answers[page]), await expectedFeedPage(db, page));
    if (d) {
      result.mismatch = `page ${page + 1}: ${d}`;
      return;
    }
    result.checked++;
  }
}

const iso = (t: Date | string | null) => (t == null ? null : new Date(t).toISOString());

/** The canonical article page, straight from SQL (what the answer must contain). */
async function expectedArticle(db: Client, slug: string) {
  const { rows } = await db.query(
    `SELECT a.id, a.slug, a.title, a.excerpt, a.body, a.thumbnail_url, a.published_at,
            au.name, au.slug AS author_slug, au.bio, au.avatar_url
       FROM articles a JOIN authors au ON au.id = a.author_id WHERE a.slug = $1 AND ${VISIBLE("a")}`,
    [slug],
  );
  const a = rows[0];
  if (!a) return { article: null, latest: [] };
  // Related news: the pinned links in order, then the stored computed list in order, visible targets only, a pinned
  // target not repeated, at most 20 (the reference data has internal links only).
  const related = await db.query(
    `SELECT e.id, e.title, e.slug, e.excerpt, e.thumbnail_url, au.name FROM (
        SELECT 0 AS part, l.position, t.* FROM related_links l JOIN articles t ON t.id = l.target_article_id
         WHERE l.article_id = $1 AND ${VISIBLE("t")}
        UNION ALL
        SELECT 1, r.position, t.* FROM article_related r JOIN articles t ON t.id = r.target_id
         WHERE r.article_id = $1 AND ${VISIBLE("t")}
           AND NOT EXISTS (SELECT 1 FROM related_links p WHERE p.article_id = $1 AND p.target_article_id = r.target_id)
      ) e JOIN authors au ON au.id = e.author_id ORDER BY e.part, e.position LIMIT 20`,
    [a.id],
  );
  // Latest news beside it: the newest visible articles but the article itself and its related news.
  const latest = await db.query(
    `SELECT a.title, a.slug, a.excerpt, a.published_at, au.name
       FROM articles a JOIN authors au ON au.id = a.author_id
      WHERE ${VISIBLE("a")} AND a.id <> $1 AND a.id <> ALL($2::uuid[]) ORDER BY a.published_at DESC, a.id DESC LIMIT 10`,
    [a.id, related.rows.map((r) => r.id as string)],
  );
  return {
    article: {
      id: a.id,
      slug: a.slug,
      title: a.title,
      excerpt: a.excerpt,
      body: a.body,
      thumbnailUrl: a.thumbnail_url,
      publishedAt: iso(a.published_at),
      author: { name: a.name, slug: a.author_slug, bio: a.bio, avatarUrl: a.avatar_url },
      related: related.rows.map((r) => ({
        title: r.title,
        slug: r.slug,
        excerpt: r.excerpt,
        thumbnailUrl: r.thumbnail_url,
        authorName: r.name,
      })),
    },
    latest: latest.rows.map((r) => ({
      title: r.title,
      slug: r.slug,
      excerpt: r.excerpt,
      publishedAt: iso(r.published_at),
      authorName: r.name,
    })),
  };
}

/** The canonical feed page number `page` (from 0), straight from SQL. */
async function expectedFeedPage(db: Client, page: number) {
  const { rows } = await db.query(
    `SELECT a.id, a.slug, a.title, a.excerpt, a.thumbnail_url, a.published_at, au.name
       FROM articles a JOIN authors au ON au.id = a.author_id
      WHERE ${VISIBLE("a")} ORDER BY a.published_at DESC, a.id DESC LIMIT ${FEED_PAGE_SIZE + 1} OFFSET $1`,
    [page * FEED_PAGE_SIZE],
  );
  return {
    items: rows.slice(0, FEED_PAGE_SIZE).map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      excerpt: r.excerpt,
      thumbnailUrl: r.thumbnail_url,
      publishedAt: iso(r.published_at),
      authorName: r.name,
    })),
    hasNextPage: rows.length > FEED_PAGE_SIZE,
  };
}

/** Where `a` and `b` first differ, as a path with both values; null when they are deeply equal. */
function firstDiff(a: unknown, b: unknown, at = "$"): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === "object" && typeof b === "object") {
    if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length)
      return `${at}: array length ${a.length} vs ${b.length}`;
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDiff((a as any)[k], (b as any)[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  return `${at}: ${JSON.stringify(a)?.slice(0, 120)} vs ${JSON.stringify(b)?.slice(0, 120)}`;
}
