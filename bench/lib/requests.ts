/**
 * Single GraphQL requests to the server under test, and the inputs of the load runs: the visible slugs of the bench
 * database (for q1) and the end cursors of the first feed pages (for q2).
 */
import { withClient } from "./database";
import { fail } from "./fail";
import { log } from "./log";
import type { Options } from "./options";
import { queries } from "./query-file";

export interface Answer {
  status: number;
  json: any;
  text: string;
  /** The x-sql-statements header: statements the request ran (null when the server does not expose it). */
  statements: number | null;
  /** The x-answered-in-sql header: whether PostgreSQL wrote the whole answer (null when not exposed). */
  answeredInSql: boolean | null;
}

/** POSTs `body` to `url` with the query file's headers (10 s bound). */
export async function post(url: string, body: string): Promise<Answer> {
  const r = await fetch(url, { method: "POST", headers: queries.headers, body, signal: AbortSignal.timeout(10_000) });
  const text = await r.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* keep null */
  }
  const header = r.headers.get("x-sql-statements");
  const inSql = r.headers.get("x-answered-in-sql");
  return {
    status: r.status,
    json,
    text,
    statements: header === null ? null : Number(header),
    answeredInSql: inSql === null ? null : inSql === "true",
  };
}

export interface FeedWalk {
  /** The endCursor of each page. */
  cursors: string[];
  /** Each page's answer, from the first page on. */
  answers: any[];
}

async function walkFeed(url: string, pages: number): Promise<FeedWalk> {
  const op = queries.ops.q2!;
  const cursors: string[] = [];
  const answers: any[] = [];
  let after: string | null = null;
  for (let page = 1; page <= pages; page++) {
    const r = await post(url, op.body(after));
    if (r.status !== 200 || !r.json) fail(`feed page ${page}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
    answers.push(r.json);
    after = op.endCursor!(r.json);
    if (!after) fail(`feed page ${page}: no endCursor`);
    cursors.push(after);
  }
  return { cursors, answers };
}

export interface Inputs {
  slugs: string[];
  feed: FeedWalk;
  /** Request bodies per op (q1, q2 and every --ops op): article ops get the slugs, feed ops the cursors. */
  bodies: Record<string, string[]>;
}

/** --slugs visible slugs (the query file's order) and a walk over --feed-pages pages of the feed. */
export async function collectInputs(opts: Options, url: string): Promise<Inputs> {
  const slugs = await withClient(opts.dbUrl, async (db) =>
    (await db.query(queries.slugsSql, [opts.slugs])).rows.map((r) => r.slug as string),
  );
  if (!slugs.length) fail("no visible articles in the bench database");
  const feed = await walkFeed(url, opts.feedPages);
  const bodies: Record<string, string[]> = {};
  for (const name of new Set(["q1", "q2", ...opts.ops])) {
    const op = queries.ops[name]!;
    bodies[name] = (op.kind === "article" ? slugs : feed.cursors).map((input) => op.body(input));
  }
  log(
    `inputs: q1 ${bodies.q1!.length} slugs, q2 ${bodies.q2!.length} cursors (ends of feed pages 1..${opts.feedPages})`,
  );
  return { slugs, feed, bodies };
}
