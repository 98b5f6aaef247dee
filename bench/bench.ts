/**
 * `npm run bench`: Byline's own load benchmark at the reference volume.
 *
 *   1. creates the database (default postgres://postgres@127.0.0.1:5432/byline_bench; BENCH_DATABASE_URL overrides);
 *   2. builds Byline (tsc into bench-results/build/, so the project's dist/ is left alone) and starts it on a free
 *      loopback port with NODE_ENV=production and EXPOSE_SQL_STATEMENTS=true; Byline applies its migrations itself;
 *      if the database has no articles yet, loads bench/seed-reference.sql, renders derived columns (body_html) with
 *      Byline's own code, then VACUUM (FULL) and VACUUM (ANALYZE) (also after start-up migrations were applied);
 *   3. checks the answers against the database, counts SQL statements per request (the x-sql-statements header,
 *      and pg_stat_statements when it is preloaded), then measures q1 (article page) and q2 (feed page) with
 *      autocannon at each concurrency: a short warm-up, then a bounded measured run;
 *   4. prints a table, writes bench-results/bench-<timestamp>.json, stops the server (also on error or Ctrl-C).
 *
 * Options (all optional):
 *   --duration S (10)  --warmup S (3)  --conns 32,8  --ops q1,q2  --rounds N (1)  --slugs N (1000)  --feed-pages N (10)
 *   --stmt-requests N (100)   --runtime build|dist|source   (build: tsc into bench-results/build [default];
 *                              dist: use an existing `npm run build` output; source: node -r @swc-node/register src/main.ts)
 *   --commit REV  benchmark a `git archive` snapshot of commit REV (in bench-results/snapshot-<rev>/) instead of the
 *                 working tree (which another engineer may be editing); read-only for the repository
 *   --seed-only   create/migrate/seed the database (starts Byline for its migrations), then exit
 *   --reseed      drop and re-create the database first (only for database names containing "bench")
 *   --serve       seed if needed, build and start Byline, print its URL and pid, and keep it running (for the shared
 *                 harness) until Ctrl-C / SIGTERM or --serve-max S (3600) seconds
 *   --port N      port for the server (default: a free one)
 *   --quiet-wait S (15) / --quiet-cores C (0.3)  before each run wait up to S s until other processes use < C cores;
 *                 a run during which they used more is marked noisy
 *   --cpu-prof    run the server with node --cpu-prof (profile written to bench-results/profiles/ when it stops;
 *                 summarize with: node bench/profile-summary.js <file>); profiling slows the server down
 *   --breakdown   after the load runs, measure the pages step by step (article only, + related, + tags, + latest news;
 *                 feed with ids only, 20 and 50 items) at the last --conns value: server CPU ms and statements per step
 *   --skip-verify --skip-load
 * Byline runs with its response cache off (RESPONSE_CACHE=off) unless the environment says otherwise: these are the
 * read path's uncached figures.
 */

import { breakdownRuns } from "./lib/breakdown";
import { build, sourceDir } from "./lib/build";
import { appliedMigrations, datasetStats, ensureDatabase } from "./lib/database";
import { BenchError } from "./lib/fail";
import { loadRuns, prewarm } from "./lib/load";
import { log } from "./lib/log";
import { parseOptions } from "./lib/options";
import { failed, report } from "./lib/report";
import { collectInputs } from "./lib/requests";
import { seedIfEmpty } from "./lib/seed";
import { serveUntilStopped, startServer, stopRunningServer } from "./lib/server";
import { statementCounts } from "./lib/statements";
import { verify } from "./lib/verify";
import { assertQueryFileVisibility } from "./lib/visibility";

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  assertQueryFileVisibility();
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");

  await ensureDatabase(opts);
  const dir = sourceDir(opts);
  const args = build(opts, dir);
  const migrationsBefore = await appliedMigrations(opts.dbUrl);
  // Byline applies its own migrations at start-up (on a large database a data migration can take minutes).
  const server = await startServer(opts, dir, args, stamp);
  const migrationsAfter = await appliedMigrations(opts.dbUrl);
  if (migrationsAfter !== migrationsBefore)
    log(`Byline applied ${migrationsAfter - migrationsBefore} migration(s) at start-up`);
  await seedIfEmpty(opts, dir, migrationsAfter !== migrationsBefore);
  const dataset = await datasetStats(opts.dbUrl);
  log(`dataset: ${JSON.stringify(dataset)}`);
  if (opts.seedOnly) return;
  if (opts.serve) return serveUntilStopped(server, opts.serveMax);

  const { slugs, feed, bodies } = await collectInputs(opts, server.url);
  const verification = opts.skipVerify ? null : await verify(opts, server.url, slugs, feed);
  const statements = await statementCounts(opts, server.url, bodies);
  await prewarm(opts, server.url, bodies);
  const runs = opts.skipLoad ? [] : await loadRuns(opts, server, bodies);
  const breakdown = opts.breakdown ? await breakdownRuns(opts, server, slugs, feed.cursors) : null;
  await server.stop();

  const runtime = { args, url: server.url };
  report(opts, stamp, { startedAt, dataset, runtime, sourceDir: dir, verification, statements, runs, breakdown });
  if (failed({ runs, verification })) process.exitCode = 1;
}

let stopping = false;
/** Stops the server this run started (once, however many signals arrive) and exits with `code`. */
async function stopAndExit(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await stopRunningServer();
  }
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    void stopAndExit(130);
  });
}

main()
  .then(() => stopAndExit(Number(process.exitCode ?? 0)))
  .catch(async (error: unknown) => {
    console.error(error instanceof BenchError ? `bench: ${error.message}` : error);
    await stopAndExit(1);
  });
