/**
 * The reference volume: bench/seed-reference.sql loaded into an empty database, the derived columns SQL cannot
 * compute rendered with Byline's own code, then the tables compacted and analyzed.
 */
import fs from "node:fs";
import path from "node:path";

import { articleCount, databaseName, preparePgStatStatements, withClient } from "./database";
import { fail } from "./fail";
import { log } from "./log";
import type { Options } from "./options";
import { ROOT } from "./paths";

const SEED_FILE = path.join(__dirname, "..", "seed-reference.sql");
/** Articles in the reference volume (with 500 authors and 200 tags): figures are comparable at this count only. */
const REFERENCE_ARTICLES = 100_000;

/**
 * The reference seed, when the database has no articles. Byline has already applied its migrations at start-up
 * (MIGRATIONS_RUN=true), so the seed goes into the schema of the source being benchmarked.
 */
export async function seedIfEmpty(opts: Options, dir: string, migrationsApplied: boolean): Promise<void> {
  const count = await articleCount(opts.dbUrl);
  if (count === null) fail("no articles table after Byline's start-up: did its migrations run?");
  if (count === 0) {
    log("seeding the reference volume (bench/seed-reference.sql), ~1-2 min ...");
    const t0 = Date.now();
    await withClient(opts.dbUrl, async (db) => {
      await db.query("SET client_min_messages = warning");
      await db.query(fs.readFileSync(SEED_FILE, "utf8"));
    });
    log(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await backfillDerivedColumns(opts.dbUrl, dir);
    await compact(opts.dbUrl);
  } else {
    if (count !== REFERENCE_ARTICLES) {
      log(
        `WARNING: ${databaseName(opts.dbUrl)} has ${count} articles, not the reference ${REFERENCE_ARTICLES}; ` +
          "figures are not comparable (use --reseed to start over)",
      );
    }
    // A migration that rewrote rows (e.g. a backfill) leaves dead tuples behind; autovacuum may be off.
    if (migrationsApplied) await compact(opts.dbUrl);
  }
  await preparePgStatStatements(opts.dbUrl);
}

/** Tables compacted and analyzed after a bulk load or a data migration (this server runs with autovacuum off). */
async function compact(url: string): Promise<void> {
  const t0 = Date.now();
  log("VACUUM (FULL) + VACUUM (ANALYZE) ...");
  await withClient(url, async (db) => {
    await db.query("VACUUM (FULL)");
    // VACUUM FULL leaves the visibility map empty (index-only scans would fetch every heap row): a plain VACUUM sets it.
    await db.query("VACUUM (ANALYZE)");
  });
  log(`vacuumed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * Columns that later migrations derive from the seeded ones and that have no SQL equivalent: `articles.body_html`
 * (Markdown rendered by Byline's own renderMarkdown, as the EditorialApi migration does for existing rows). Uses the
 * renderer of the source being benchmarked; skipped when the column or the module does not exist.
 */
async function backfillDerivedColumns(url: string, dir: string): Promise<boolean> {
  const renderer = path.join(dir, "src/modules/articles/markdown.ts");
  return withClient(url, async (db) => {
    const { rows } = await db.query(
      "SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'articles' AND column_name = 'body_html'",
    );
    if (!rows.length) return false;
    if (!fs.existsSync(renderer)) {
      log(`WARNING: articles.body_html exists but ${path.relative(ROOT, renderer)} does not: body_html left empty`);
      return false;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { renderMarkdown } = require(renderer) as { renderMarkdown(source: string): string };
    log("rendering articles.body_html with Byline's renderMarkdown (~1 ms per article) ...");
    const t0 = Date.now();
    let lastId = "00000000-0000-0000-0000-000000000000";
    let done = 0;
    for (;;) {
      const batch = await db.query(
        "SELECT id, body FROM articles WHERE id > $1 AND body_html = '' ORDER BY id LIMIT 1000",
        [lastId],
      );
      if (!batch.rows.length) break;
      await db.query(
        "UPDATE articles AS a SET body_html = v.html FROM unnest($1::uuid[], $2::text[]) AS v(id, html) WHERE a.id = v.id",
        [batch.rows.map((r) => r.id), batch.rows.map((r) => renderMarkdown(r.body))],
      );
      lastId = batch.rows[batch.rows.length - 1].id;
      done += batch.rows.length;
      if (done % 20000 === 0) log(`  ${done} rendered`);
    }
    log(`rendered ${done} bodies in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return done > 0;
  });
}
