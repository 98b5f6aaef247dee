/**
 * The bench database: creating (or re-creating) it, one pg client at a time, and what it holds (articles, applied
 * migrations, the dataset's figures, pg_stat_statements when the server preloads it).
 */
import { Client } from "pg";

import { fail } from "./fail";
import { log } from "./log";
import type { Options } from "./options";
import { visibleToReaders } from "./visibility";

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export const databaseName = (url: string): string => decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Runs `fn` with a connected client of `url` and closes it afterwards. */
export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: "byline-bench" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the bench database when it is missing; with --reseed drops it first (only names containing "bench"). */
export async function ensureDatabase(opts: Options): Promise<void> {
  const name = databaseName(opts.dbUrl);
  await withClient(withDatabase(opts.dbUrl, "postgres"), async (admin) => {
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount! > 0;
    if (exists && opts.reseed) {
      if (!name.includes("bench"))
        fail(`--reseed refuses to drop "${name}" (only databases whose name contains "bench")`);
      log(`dropping database ${name} (--reseed)`);
      await admin.query(`DROP DATABASE ${quoteIdent(name)} WITH (FORCE)`);
    }
    if (!exists || opts.reseed) {
      log(`creating database ${name}`);
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    }
  });
}

/** How many articles the database holds; null when it has no articles table (no migrations yet). */
export async function articleCount(url: string): Promise<number | null> {
  return withClient(url, async (db) => {
    const { rows } = await db.query("SELECT to_regclass('public.articles') IS NOT NULL AS has");
    if (!rows[0].has) return null;
    return Number((await db.query("SELECT count(*) AS n FROM articles")).rows[0].n);
  });
}

export async function appliedMigrations(url: string): Promise<number> {
  return withClient(url, async (db) => {
    const { rows } = await db.query("SELECT to_regclass('public.migrations') IS NOT NULL AS has");
    if (!rows[0].has) return 0;
    return Number((await db.query("SELECT count(*) AS n FROM migrations")).rows[0].n);
  });
}

/**
 * pg_stat_statements in its own schema (as the shared harness does in bench_content), when it is preloaded. Returns
 * the extension's schema, or null when the server does not preload it.
 */
export async function preparePgStatStatements(url: string): Promise<string | null> {
  return withClient(url, async (db) => {
    const preload = (await db.query("SELECT current_setting('shared_preload_libraries') AS v")).rows[0].v as string;
    if (!/pg_stat_statements/.test(preload)) return null;
    const existing = await db.query(
      "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'",
    );
    if (existing.rows.length) return existing.rows[0].nspname as string;
    await db.query("SET client_min_messages = warning");
    await db.query("CREATE SCHEMA IF NOT EXISTS bench_stats");
    await db.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA bench_stats");
    await db.query(`ALTER DATABASE ${quoteIdent(databaseName(url))} SET pg_stat_statements.track_planning = on`);
    return "bench_stats";
  });
}

export type DatasetStats = Record<string, number | string>;

/** The dataset's size and shape, and the PostgreSQL server's version and shared buffers. */
export async function datasetStats(url: string): Promise<DatasetStats> {
  return withClient(url, async (db) => {
    const { rows } = await db.query(`
      SELECT (SELECT count(*) FROM authors)::int AS authors,
             (SELECT count(*) FROM articles)::int AS articles,
             (SELECT count(*) FROM articles a WHERE ${visibleToReaders("a")})::int AS visible,
             (SELECT round(avg(octet_length(body)))::int FROM articles) AS avg_body_bytes,
             (SELECT round(avg(word_count))::int FROM articles) AS avg_word_count,
             (SELECT count(*) FROM tags)::int AS tags,
             (SELECT count(*) FROM article_tags)::int AS article_tags,
             (SELECT count(*) FROM related_links)::int AS related_links,
             pg_size_pretty(pg_database_size(current_database())) AS db_size,
             current_setting('server_version') AS server_version,
             current_setting('shared_buffers') AS shared_buffers`);
    return rows[0] as DatasetStats;
  });
}
