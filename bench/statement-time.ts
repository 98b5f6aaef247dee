/**
 * `npm run bench:statement -- <file.sql> [more.sql ...] [--runs N] [--rounds R]`: what one article-page statement
 * costs inside PostgreSQL, without HTTP, Node or concurrency around it. Each file is one statement whose `$1` is an
 * article slug; it runs as a named prepared statement (as Byline sends its reader pages) over the bench's visible
 * slugs, 1000 times to warm up, then N times (3000) after a pg_stat_statements reset, and the mean execution and
 * planning time come from pg_stat_statements. Files alternate within each of R rounds (2), so a busy moment of the
 * machine does not fall on one file only.
 *
 * For comparing variants of one statement: capture Byline's (`ALTER DATABASE byline_bench SET
 * log_min_duration_statement = 0`, one request, the `execute byline_...` line of PostgreSQL's log), edit a copy, and
 * give both files. BENCHMARKS.md ("What q1's statement spends") has the figures this gave. Needs pg_stat_statements
 * preloaded and the reference volume (`npm run bench -- --seed-only`). BENCH_DATABASE_URL as for `npm run bench`.
 */
import { readFileSync } from "node:fs";

import { Client } from "pg";

import { BenchError, fail } from "./lib/fail";
import { visibleToReaders } from "./lib/visibility";

const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/byline_bench";

function options(argv: string[]): { files: string[]; runs: number; rounds: number } {
  const files: string[] = [];
  let [runs, rounds] = [3000, 2];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--runs") runs = Number(argv[++i]);
    else if (arg === "--rounds") rounds = Number(argv[++i]);
    else files.push(arg);
  }
  if (files.length === 0 || !(runs > 0) || !(rounds > 0))
    fail("usage: statement-time <file.sql>... [--runs N] [--rounds R]");
  return { files, runs, rounds };
}

async function main(): Promise<void> {
  const { files, runs, rounds } = options(process.argv.slice(2));
  const client = new Client(url);
  await client.connect();
  try {
    const { rows: stats } = await client.query<{ schema: string }>(
      `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'pg_stat_statements'`,
    );
    if (!stats[0]) fail("pg_stat_statements is not installed in this database (npm run bench installs it)");
    const schema = stats[0].schema;
    const slugs = (
      await client.query<{ slug: string }>(
        `SELECT a.slug FROM articles a WHERE ${visibleToReaders("a")} ORDER BY md5(a.slug) LIMIT 1000`,
      )
    ).rows.map((row) => row.slug);
    if (slugs.length === 0) fail("no visible articles: seed the reference volume first (npm run bench -- --seed-only)");
    const texts = files.map((file) => readFileSync(file, "utf8").trim().replace(/;$/, ""));

    for (let round = 1; round <= rounds; round++) {
      for (const [i, text] of texts.entries()) {
        const name = `statement_time_${round}_${i}`;
        const run = (n: number) => client.query({ name, text, values: [slugs[(n * 7) % slugs.length]] });
        for (let n = 0; n < 1000; n++) await run(n);
        await client.query(`SELECT ${schema}.pg_stat_statements_reset()`);
        for (let n = 0; n < runs; n++) await run(n);
        const { rows } = await client.query<{ calls: string; exec: number; plan: number }>(
          `SELECT calls, total_exec_time / calls AS exec, total_plan_time / calls AS plan
             FROM ${schema}.pg_stat_statements WHERE calls >= $1 AND query NOT LIKE '%pg_stat_statements%'`,
          [runs],
        );
        const row = rows.length === 1 ? rows[0] : undefined; // the reset leaves only this statement with that many
        console.log(
          row
            ? `round ${round}  ${files[i]}: ${Number(row.exec).toFixed(4)} ms exec, ${Number(row.plan).toFixed(4)} ms plan (${row.calls} calls)`
            : `round ${round}  ${files[i]}: not in pg_stat_statements (is it preloaded?)`,
        );
      }
    }
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof BenchError ? `bench: ${error.message}` : error);
  process.exit(1);
});
