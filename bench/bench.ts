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
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";

import { Client } from "pg";

import { visibleArticleSql } from "../src/modules/articles/article.visibility";
import { Viewer } from "../src/modules/auth/viewer";
import { startNodeFlags } from "./node-flags";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require("autocannon") as (
  opts: Record<string, unknown>,
  cb: (err: Error | null, res: any) => void,
) => any;

interface QueryOp {
  kind: "article" | "feed";
  body(input: string | null): string;
  normalize(json: unknown): any;
  endCursor?(json: any): string | null;
}
interface QueryFile {
  headers: Record<string, string>;
  slugsSql: string;
  ops: Record<string, QueryOp>;
}
// The same documents the shared harness uses (bench/byline.js), so both measure the same pages.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const queries = require("./byline.js") as QueryFile;

const ROOT = path.resolve(__dirname, "..");
const OUT_DIR = path.join(ROOT, "bench-results");
const BUILD_DIR = path.join(OUT_DIR, "build");
const SEED_FILE = path.join(__dirname, "seed-reference.sql");
const MAX_RUN_S = 15;
/** Byline runs with the node flags of `npm start`, so it is measured as it runs. */
const START_NODE_FLAGS = startNodeFlags(ROOT);
const REFERENCE = { authors: 500, articles: 100_000, tags: 200 };

// ------------------------------------------------------------------------------------------------ options
interface Options {
  dbUrl: string;
  duration: number;
  warmup: number;
  conns: number[];
  ops: string[];
  rounds: number;
  slugs: number;
  feedPages: number;
  stmtRequests: number;
  runtime: "build" | "dist" | "source";
  commit: string | null;
  seedOnly: boolean;
  reseed: boolean;
  serve: boolean;
  serveMax: number;
  port: number;
  skipVerify: boolean;
  skipLoad: boolean;
  quietWait: number;
  quietCores: number;
  cpuProf: boolean;
  breakdown: boolean;
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    dbUrl: process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/byline_bench",
    duration: 10,
    warmup: 3,
    conns: [32, 8],
    ops: ["q1", "q2"],
    rounds: 1,
    slugs: 1000,
    feedPages: 10,
    stmtRequests: 100,
    runtime: "build",
    commit: null,
    seedOnly: false,
    reseed: false,
    serve: false,
    serveMax: 3600,
    port: 0,
    skipVerify: false,
    skipLoad: false,
    quietWait: 15,
    quietCores: 0.3,
    cpuProf: false,
    breakdown: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    const num = (): number => {
      const raw = value();
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) fail(`${flag} needs a non-negative number (got ${raw})`);
      return n;
    };
    switch (flag) {
      case "--duration":
        o.duration = num();
        break;
      case "--warmup":
        o.warmup = num();
        break;
      case "--conns":
        o.conns = value().split(",").map(Number);
        break;
      case "--ops":
        o.ops = value().split(",").filter(Boolean);
        break;
      case "--rounds":
        o.rounds = num();
        break;
      case "--slugs":
        o.slugs = num();
        break;
      case "--feed-pages":
        o.feedPages = num();
        break;
      case "--stmt-requests":
        o.stmtRequests = num();
        break;
      case "--runtime": {
        const r = value();
        if (r !== "build" && r !== "dist" && r !== "source") fail("--runtime is build, dist or source");
        o.runtime = r;
        break;
      }
      case "--commit":
        o.commit = value();
        break;
      case "--seed-only":
        o.seedOnly = true;
        break;
      case "--reseed":
        o.reseed = true;
        break;
      case "--serve":
        o.serve = true;
        break;
      case "--serve-max":
        o.serveMax = num();
        break;
      case "--port":
        o.port = num();
        break;
      case "--skip-verify":
        o.skipVerify = true;
        break;
      case "--skip-load":
        o.skipLoad = true;
        break;
      case "--quiet-wait":
        o.quietWait = Math.min(num(), 60);
        break;
      case "--quiet-cores":
        o.quietCores = num();
        break;
      case "--cpu-prof":
        o.cpuProf = true;
        break;
      case "--breakdown":
        o.breakdown = true;
        break;
      case "-h":
      case "--help":
        console.log(fs.readFileSync(__filename, "utf8").split("*/")[0]);
        return process.exit(0);
      default:
        fail(`unknown option ${flag}`);
    }
  }
  if (!(o.duration > 0 && o.duration <= MAX_RUN_S)) fail(`--duration must be in (0, ${MAX_RUN_S}]`);
  if (!(o.warmup >= 0 && o.warmup <= MAX_RUN_S)) fail(`--warmup must be in [0, ${MAX_RUN_S}]`);
  if (!o.conns.length || o.conns.some((c) => !Number.isInteger(c) || c < 1 || c > 256))
    fail("--conns: integers 1..256");
  for (const op of o.ops)
    if (!queries.ops[op]) fail(`unknown op ${op} (bench/byline.js has ${Object.keys(queries.ops)})`);
  const host = new URL(o.dbUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host))
    fail(`the bench database must be on loopback (got ${host})`);
  return o;
}

function fail(message: string): never {
  throw new BenchError(message);
}
class BenchError extends Error {
  override name = "BenchError";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => console.log(`[bench] ${message}`);
const fmt = (n: number | null | undefined, digits = 1) => (n == null || Number.isNaN(n) ? "-" : n.toFixed(digits));

// ------------------------------------------------------------------------------------------------ database
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: "byline-bench" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function ensureDatabase(opts: Options): Promise<void> {
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

async function articleCount(url: string): Promise<number | null> {
  return withClient(url, async (db) => {
    const { rows } = await db.query("SELECT to_regclass('public.articles') IS NOT NULL AS has");
    if (!rows[0].has) return null;
    return Number((await db.query("SELECT count(*) AS n FROM articles")).rows[0].n);
  });
}

async function appliedMigrations(url: string): Promise<number> {
  return withClient(url, async (db) => {
    const { rows } = await db.query("SELECT to_regclass('public.migrations') IS NOT NULL AS has");
    if (!rows[0].has) return 0;
    return Number((await db.query("SELECT count(*) AS n FROM migrations")).rows[0].n);
  });
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

/**
 * The reference seed, when the database has no articles. Byline has already applied its migrations at start-up
 * (MIGRATIONS_RUN=true), so the seed goes into the schema of the source being benchmarked.
 */
async function seedIfEmpty(opts: Options, dir: string, migrationsApplied: boolean): Promise<void> {
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
    if (count !== REFERENCE.articles) {
      log(
        `WARNING: ${databaseName(opts.dbUrl)} has ${count} articles, not the reference ${REFERENCE.articles}; ` +
          "figures are not comparable (use --reseed to start over)",
      );
    }
    // A migration that rewrote rows (e.g. a backfill) leaves dead tuples behind; autovacuum may be off.
    if (migrationsApplied) await compact(opts.dbUrl);
  }
  await preparePgStatStatements(opts.dbUrl);
}

/** pg_stat_statements in its own schema (as the shared harness does in bench_content), when it is preloaded. */
async function preparePgStatStatements(url: string): Promise<string | null> {
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

async function datasetStats(url: string) {
  return withClient(url, async (db) => {
    const { rows } = await db.query(`
      SELECT (SELECT count(*) FROM authors)::int AS authors,
             (SELECT count(*) FROM articles)::int AS articles,
             (SELECT count(*) FROM articles a WHERE ${VISIBLE("a")})::int AS visible,
             (SELECT round(avg(octet_length(body)))::int FROM articles) AS avg_body_bytes,
             (SELECT round(avg(word_count))::int FROM articles) AS avg_word_count,
             (SELECT count(*) FROM tags)::int AS tags,
             (SELECT count(*) FROM article_tags)::int AS article_tags,
             (SELECT count(*) FROM related_links)::int AS related_links,
             pg_size_pretty(pg_database_size(current_database())) AS db_size,
             current_setting('server_version') AS server_version,
             current_setting('shared_buffers') AS shared_buffers`);
    return rows[0] as Record<string, number | string>;
  });
}

// ------------------------------------------------------------------------------------------------ server
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Where the Byline source to benchmark lives: the working tree, or a `git archive` snapshot of --commit. */
function sourceDir(opts: Options): string {
  if (!opts.commit) return ROOT;
  const rev = execFileSync("git", ["rev-parse", "--short", opts.commit], { cwd: ROOT }).toString().trim();
  const dir = path.join(OUT_DIR, `snapshot-${rev}`);
  if (!fs.existsSync(path.join(dir, "package.json"))) {
    log(`exporting commit ${rev} (git archive) into ${path.relative(ROOT, dir)}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    // Read-only for the repository: git archive | tar -x. node_modules resolve from the project root (a parent).
    execFileSync("sh", ["-c", `git archive --format=tar ${rev} | tar -x -C "${dir}"`], { cwd: ROOT });
  }
  return dir;
}

/** Node arguments that start Byline from `dir` with the chosen runtime (building first when needed). */
function build(opts: Options, dir: string): string[] {
  if (opts.runtime === "source") return ["-r", "@swc-node/register", path.join(dir, "src/main.ts")];
  if (opts.runtime === "dist") {
    const entry = path.join(dir, "dist/src/main.js");
    if (!fs.existsSync(entry)) fail("--runtime dist: no dist/src/main.js (run npm run build first)");
    return [entry];
  }
  // The working tree is built into bench-results/build (the project's dist/ is left alone); a snapshot into its dist/.
  const outDir = dir === ROOT ? BUILD_DIR : path.join(dir, "dist");
  log(`building Byline (tsc -p tsconfig.build.json --outDir ${path.relative(ROOT, outDir)}) ...`);
  const t0 = Date.now();
  fs.rmSync(outDir, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", outDir],
    {
      cwd: dir,
      stdio: "inherit",
    },
  );
  log(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return [path.join(outDir, "src/main.js")];
}

interface RunningServer {
  url: string;
  pid: number;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

let running: RunningServer | null = null;

async function startServer(opts: Options, dir: string, entryArgs: string[], stamp: string): Promise<RunningServer> {
  let args = entryArgs;
  const port = opts.port || (await freePort());
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const logFile = path.join(OUT_DIR, `server-${stamp}.log`);
  const out = fs.openSync(logFile, "a");
  const nodeArgs = [
    ...START_NODE_FLAGS,
    ...(opts.cpuProf ? ["--cpu-prof", "--cpu-prof-dir", path.join(OUT_DIR, "profiles")] : []),
  ];
  // Started through a launcher with its own name: the box is shared, and a server whose command line ends in
  // dist/src/main.js was twice stopped from outside (SIGTERM) in the middle of a run.
  if (args.length === 1) {
    const launcher = path.join(OUT_DIR, "byline-bench-server.js");
    fs.writeFileSync(launcher, `// written by bench/bench.ts\nrequire(${JSON.stringify(args[0])});\n`);
    args = [launcher];
  }
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: dir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: opts.dbUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      // Counted for its own runs (the x-sql-statements check); off for the shared harness, as in production.
      EXPOSE_SQL_STATEMENTS: opts.serve ? "false" : "true",
      SEED_DEMO: "false",
      // Required in production since the editorial API (preview tokens); any value does for a benchmark.
      PREVIEW_SECRET: process.env.PREVIEW_SECRET ?? "byline-bench-preview-secret-not-for-production-0123456789",
      SANDBOX: "false",
      MIGRATIONS_RUN: "true",
    },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  let exited: string | null = null;
  const exitPromise = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = `exit code ${code}${signal ? `, signal ${signal}` : ""}`;
      resolve();
    }),
  );
  const server: RunningServer = {
    url: `http://127.0.0.1:${port}/graphql`,
    pid: child.pid!,
    child,
    logFile,
    async stop() {
      if (exited) {
        log(`server had already exited (${exited})`);
        running = null;
        return;
      }
      child.kill("SIGTERM");
      const done = await Promise.race([exitPromise.then(() => true), sleep(10_000).then(() => false)]);
      if (!done) {
        log(`server pid ${child.pid} did not stop within 10 s of SIGTERM; sending SIGKILL`);
        child.kill("SIGKILL");
        await exitPromise;
      }
      log(`server stopped (${exited})`);
      running = null;
    },
  };
  running = server;
  // Generous: pending data migrations run before Byline listens (rendering 100,000 bodies takes minutes).
  const deadline = Date.now() + 20 * 60_000;
  let lastNote = Date.now();
  for (;;) {
    if (exited) fail(`Byline exited during start-up (${exited}); see ${path.relative(process.cwd(), logFile)}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) fail(`Byline did not become ready in 20 min; see ${logFile}`);
    if (Date.now() - lastNote > 30_000) {
      lastNote = Date.now();
      log("still waiting for Byline to listen (migrations running?)");
    }
    await sleep(250);
  }
  log(`Byline ready at ${server.url} (pid ${server.pid}, log ${path.relative(process.cwd(), logFile)})`);
  return server;
}

// ------------------------------------------------------------------------------------------------ requests
interface Answer {
  status: number;
  json: any;
  text: string;
  statements: number | null;
}

async function post(url: string, body: string): Promise<Answer> {
  const r = await fetch(url, { method: "POST", headers: queries.headers, body, signal: AbortSignal.timeout(10_000) });
  const text = await r.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* keep null */
  }
  const header = r.headers.get("x-sql-statements");
  return { status: r.status, json, text, statements: header === null ? null : Number(header) };
}

async function walkFeed(url: string, pages: number): Promise<{ cursors: string[]; answers: any[] }> {
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

// ------------------------------------------------------------------------------------------------ verification
const iso = (t: Date | string | null) => (t == null ? null : new Date(t).toISOString());
// Byline's reader visibility rule (src/modules/articles/article.visibility.ts). Until commit 1377f5c it was
// status = 'PUBLISHED' only; the reference seed has no SCHEDULED article whose time has come, so both agree here.
/** Byline's own reader-visibility rule, never a copy of it. */
const VISIBLE = (alias: string) => visibleArticleSql(alias, Viewer.anonymous);

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
  const related = await db.query(
    `SELECT t.title, t.slug, t.excerpt, t.thumbnail_url, au.name
       FROM related_links l JOIN articles t ON t.id = l.target_article_id JOIN authors au ON au.id = t.author_id
      WHERE l.article_id = $1 AND ${VISIBLE("t")} ORDER BY l.position`,
    [a.id],
  );
  const latest = await db.query(
    `SELECT a.title, a.slug, a.excerpt, a.published_at, au.name
       FROM articles a JOIN authors au ON au.id = a.author_id
      WHERE ${VISIBLE("a")} AND a.id <> $1 ORDER BY a.published_at DESC, a.id DESC LIMIT 10`,
    [a.id],
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

async function expectedFeedPage(db: Client, page: number) {
  const { rows } = await db.query(
    `SELECT a.id, a.slug, a.title, a.excerpt, a.thumbnail_url, a.published_at, au.name
       FROM articles a JOIN authors au ON au.id = a.author_id
      WHERE ${VISIBLE("a")} ORDER BY a.published_at DESC, a.id DESC LIMIT 21 OFFSET $1`,
    [page * 20],
  );
  return {
    items: rows.slice(0, 20).map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      excerpt: r.excerpt,
      thumbnailUrl: r.thumbnail_url,
      publishedAt: iso(r.published_at),
      authorName: r.name,
    })),
    hasNextPage: rows.length > 20,
  };
}

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

async function verify(opts: Options, url: string, slugs: string[], feed: { answers: any[] }) {
  const report = {
    q1: { checked: 0, mismatch: null as string | null },
    q2: { checked: 0, mismatch: null as string | null },
  };
  await withClient(opts.dbUrl, async (db) => {
    const step = Math.max(1, Math.floor(slugs.length / 25));
    for (let i = 0; i < slugs.length && report.q1.checked < 25; i += step) {
      const slug = slugs[i]!;
      const r = await post(url, queries.ops.q1!.body(slug));
      if (r.status !== 200) {
        report.q1.mismatch = `slug ${slug}: HTTP ${r.status} ${r.text.slice(0, 200)}`;
        break;
      }
      const got = queries.ops.q1!.normalize(r.json);
      const want = await expectedArticle(db, slug);
      const d = firstDiff(got, want);
      if (d) {
        report.q1.mismatch = `slug ${slug}: ${d}`;
        break;
      }
      report.q1.checked++;
    }
    for (let page = 0; page < feed.answers.length; page++) {
      const got = queries.ops.q2!.normalize(feed.answers[page]);
      const d = firstDiff(got, await expectedFeedPage(db, page));
      if (d) {
        report.q2.mismatch = `page ${page + 1}: ${d}`;
        break;
      }
      report.q2.checked++;
    }
  });
  for (const op of ["q1", "q2"] as const) {
    const r = report[op];
    log(
      `verify ${op}: ${r.mismatch ? `MISMATCH after ${r.checked} ok: ${r.mismatch}` : `OK (${r.checked} answers equal the SQL ground truth)`}`,
    );
  }
  return report;
}

// ------------------------------------------------------------------------------------------------ statements
interface StatementReport {
  op: string;
  requests: number;
  header: { mean: number; min: number; max: number };
  pgStatStatements: null | {
    statementsPerRequest: number;
    dbMsPerRequest: number;
    top: { perRequest: number; rowsPerCall: number; meanExecMs: number; meanPlanMs: number; query: string }[];
  };
}

async function statementCounts(
  opts: Options,
  url: string,
  inputs: Record<string, string[]>,
): Promise<StatementReport[]> {
  const reports: StatementReport[] = [];
  const schema = await preparePgStatStatements(opts.dbUrl);
  await withClient(opts.dbUrl, async (db) => {
    const dbid = (await db.query("SELECT oid FROM pg_database WHERE datname = current_database()")).rows[0].oid;
    for (const op of opts.ops) {
      const bodies = inputs[op]!;
      const n = opts.stmtRequests;
      const pick = (i: number) => bodies[(i * 7) % bodies.length]!;
      for (let i = 0; i < n; i++) await post(url, pick(i)); // warm pass, not counted
      if (schema) await db.query(`SELECT ${schema}.pg_stat_statements_reset(0, $1, 0)`, [dbid]);
      const counts: number[] = [];
      for (let i = 0; i < n; i++) {
        const r = await post(url, pick(i));
        if (r.status !== 200) fail(`${op}: HTTP ${r.status} during the statement count`);
        counts.push(r.statements ?? NaN);
      }
      let pgss: StatementReport["pgStatStatements"] = null;
      if (schema) {
        await sleep(200);
        const { rows } = await db.query(
          `SELECT calls, rows, total_exec_time, total_plan_time, regexp_replace(query, '\\s+', ' ', 'g') AS query
             FROM ${schema}.pg_stat_statements
            WHERE dbid = $1 AND query NOT ILIKE '%pg_stat_statements%'
            ORDER BY calls DESC, total_exec_time DESC`,
          [dbid],
        );
        pgss = {
          statementsPerRequest: rows.reduce((a, r) => a + Number(r.calls), 0) / n,
          dbMsPerRequest: rows.reduce((a, r) => a + r.total_exec_time + r.total_plan_time, 0) / n,
          top: rows.slice(0, 10).map((r) => ({
            perRequest: Number(r.calls) / n,
            rowsPerCall: Number(r.rows) / Number(r.calls),
            meanExecMs: r.total_exec_time / Number(r.calls),
            meanPlanMs: r.total_plan_time / Number(r.calls),
            query: r.query,
          })),
        };
      }
      const valid = counts.filter((c) => !Number.isNaN(c));
      const report: StatementReport = {
        op,
        requests: n,
        header: {
          mean: valid.reduce((a, b) => a + b, 0) / (valid.length || 1),
          min: Math.min(...valid),
          max: Math.max(...valid),
        },
        pgStatStatements: pgss,
      };
      reports.push(report);
      log(
        `statements ${op}: x-sql-statements mean ${fmt(report.header.mean, 2)} (min ${report.header.min}, max ${report.header.max})` +
          (pgss
            ? `; pg_stat_statements ${fmt(pgss.statementsPerRequest, 2)} per request, ${fmt(pgss.dbMsPerRequest, 3)} ms DB exec+plan per request`
            : ""),
      );
      for (const s of pgss?.top ?? []) {
        log(
          `   ${fmt(s.perRequest, 2)}x  ${fmt(s.meanExecMs, 3)} ms exec ${fmt(s.meanPlanMs, 3)} ms plan  ${fmt(s.rowsPerCall, 1)} rows  ${s.query.slice(0, 140)}`,
        );
      }
    }
  });
  return reports;
}

// ------------------------------------------------------------------------------------------------ CPU accounting
const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

function procTicks(pid: number | string): { comm: string; ticks: number } | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const rp = s.lastIndexOf(")");
    const f = s.slice(rp + 2).split(" ");
    return { comm: s.slice(s.indexOf("(") + 1, rp), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

interface CpuSnapshot {
  at: bigint;
  total: number;
  idle: number;
  server: number | null;
  postgres: Map<string, number>;
  self: NodeJS.CpuUsage;
}

function cpuSnapshot(serverPid: number): CpuSnapshot {
  const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const postgres = new Map<string, number>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    const st = procTicks(d);
    if (st && st.comm === "postgres") postgres.set(d, st.ticks);
  }
  return {
    at: process.hrtime.bigint(),
    total: fields.slice(0, 8).reduce((a, b) => a + b, 0),
    idle: fields[3]! + fields[4]!,
    server: procTicks(serverPid)?.ticks ?? null,
    postgres,
    self: process.cpuUsage(),
  };
}

/** Cores busy during the interval, per part, and CPU seconds of the server and of postgres. */
function cpuDelta(a: CpuSnapshot, b: CpuSnapshot) {
  const secs = Number(b.at - a.at) / 1e9;
  let pgTicks = 0;
  for (const [pid, t] of b.postgres) pgTicks += t - (a.postgres.get(pid) ?? 0);
  const serverS = a.server != null && b.server != null ? (b.server - a.server) / CLK_TCK : null;
  const postgresS = pgTicks / CLK_TCK;
  const loadgenS = (b.self.user + b.self.system - a.self.user - a.self.system) / 1e6;
  const busy = (b.total - b.idle - (a.total - a.idle)) / CLK_TCK / secs;
  const cores = {
    busy,
    server: serverS == null ? null : serverS / secs,
    postgres: postgresS / secs,
    loadgen: loadgenS / secs,
    other: 0,
  };
  cores.other = Math.max(0, busy - cores.postgres - cores.loadgen - (cores.server ?? 0));
  return { secs, serverS, postgresS, cores };
}

// ------------------------------------------------------------------------------------------------ load
/**
 * The box is shared: before each measured run wait (at most `quietWait` s) until everything else uses fewer than
 * `quietCores` cores (our server is idle then). Returns the cores other processes used in the last second.
 */
async function waitForQuiet(opts: Options): Promise<number> {
  const deadline = Date.now() + opts.quietWait * 1000;
  for (;;) {
    const a = cpuSnapshot(0);
    await sleep(1000);
    const d = cpuDelta(a, cpuSnapshot(0));
    const busy = Math.max(0, d.cores.busy - d.cores.loadgen);
    if (busy <= opts.quietCores || Date.now() >= deadline) return busy;
  }
}

interface LoadRun {
  op: string;
  conns: number;
  round: number;
  at: string;
  durationS: number;
  ok2xx: number;
  non2xx: number;
  graphqlErrors: number;
  socketErrors: number;
  timeouts: number;
  rps: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  sqlStatementsPerRequest: number;
  serverCpuMsPerRequest: number | null;
  postgresCpuMsPerRequest: number;
  cores: ReturnType<typeof cpuDelta>["cores"];
  /** Cores busy (other processes) just before the warm-up. */
  busyCoresBefore: number | null;
  /** Other processes used more than --quiet-cores during the measured run. */
  noisy: boolean;
  bytesPerResponse: number | null;
}

function pct(sorted: Float64Array, q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN;
}

function autocannonRun(url: string, bodies: string[], connections: number, durationS: number, record: boolean) {
  return new Promise<{
    res: any;
    lat: Float64Array;
    non2xx: number;
    gqlErrors: number;
    stmtSum: number;
    stmtN: number;
  }>((resolve, reject) => {
    let i = 0;
    let lat = new Float64Array(1 << 16);
    let n = 0;
    let non2xx = 0;
    let gqlErrors = 0;
    let stmtSum = 0;
    let stmtN = 0;
    const inst = autocannon(
      {
        url,
        method: "POST",
        headers: queries.headers,
        connections,
        pipelining: 1,
        timeout: 10,
        duration: durationS,
        requests: [
          {
            setupRequest: (req: any) => {
              req.body = bodies[i++ % bodies.length];
              return req;
            },
            onResponse: record
              ? (status: number, body: string, _ctx: unknown, headers: Record<string, string>) => {
                  if (status >= 200 && status < 300 && body.includes('"errors"')) gqlErrors++;
                  const h = headers["x-sql-statements"] ?? headers["X-SQL-Statements"];
                  if (h !== undefined) {
                    stmtSum += Number(h);
                    stmtN++;
                  }
                }
              : undefined,
          },
        ],
      },
      (err, res) => {
        clearTimeout(watchdog);
        if (err) reject(err);
        else resolve({ res, lat: lat.subarray(0, n), non2xx, gqlErrors, stmtSum, stmtN });
      },
    );
    if (record) {
      inst.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
        if (statusCode < 200 || statusCode > 299) {
          non2xx++;
          return;
        }
        if (n === lat.length) {
          const bigger = new Float64Array(lat.length * 2);
          bigger.set(lat);
          lat = bigger;
        }
        lat[n++] = responseTime;
      });
    }
    // hard bound in case the server stops answering
    const watchdog = setTimeout(() => inst.stop(), (durationS + 5) * 1000);
  });
}

async function loadRuns(opts: Options, server: RunningServer, inputs: Record<string, string[]>): Promise<LoadRun[]> {
  const runs: LoadRun[] = [];
  const total = opts.ops.length * opts.conns.length * opts.rounds;
  let k = 0;
  for (let round = 1; round <= opts.rounds; round++) {
    for (const op of opts.ops) {
      for (const conns of opts.conns) {
        k++;
        const bodies = inputs[op]!;
        const busyBefore = opts.quietWait > 0 ? await waitForQuiet(opts) : null;
        if (opts.warmup > 0) await autocannonRun(server.url, bodies, conns, opts.warmup, false);
        const before = cpuSnapshot(server.pid);
        const { res, lat, non2xx, gqlErrors, stmtSum, stmtN } = await autocannonRun(
          server.url,
          bodies,
          conns,
          opts.duration,
          true,
        );
        const cpu = cpuDelta(before, cpuSnapshot(server.pid));
        const sorted = Float64Array.from(lat).sort();
        const ok = sorted.length;
        const run: LoadRun = {
          op,
          conns,
          round,
          at: new Date().toISOString(),
          durationS: res.duration,
          ok2xx: ok,
          non2xx,
          graphqlErrors: gqlErrors,
          socketErrors: res.errors,
          timeouts: res.timeouts,
          rps: ok / res.duration,
          latencyMs: {
            mean: sorted.reduce((a, b) => a + b, 0) / (ok || 1),
            p50: pct(sorted, 0.5),
            p90: pct(sorted, 0.9),
            p99: pct(sorted, 0.99),
            max: sorted[ok - 1] ?? NaN,
          },
          sqlStatementsPerRequest: stmtN ? stmtSum / stmtN : NaN,
          serverCpuMsPerRequest: cpu.serverS == null || !ok ? null : (cpu.serverS * 1000) / ok,
          postgresCpuMsPerRequest: ok ? (cpu.postgresS * 1000) / ok : NaN,
          cores: cpu.cores,
          busyCoresBefore: busyBefore,
          noisy: cpu.cores.other > opts.quietCores,
          bytesPerResponse: ok ? res.throughput.total / ok : null,
        };
        runs.push(run);
        log(
          `[${k}/${total}] ${op} c=${conns} round ${round}: ${fmt(run.rps, 0)} req/s, p50 ${fmt(run.latencyMs.p50, 2)} ms, ` +
            `p99 ${fmt(run.latencyMs.p99, 2)} ms, ${fmt(run.sqlStatementsPerRequest, 2)} stmts/req, ` +
            `cpu cores: server ${fmt(cpu.cores.server, 2)} postgres ${fmt(cpu.cores.postgres, 2)} loadgen ${fmt(cpu.cores.loadgen, 2)} other ${fmt(cpu.cores.other, 2)}` +
            (non2xx || gqlErrors || res.errors || res.timeouts
              ? `  non2xx=${non2xx} graphqlErrors=${gqlErrors} errors=${res.errors} timeouts=${res.timeouts}`
              : "") +
            (run.noisy ? "  NOISY" : ""),
        );
        await sleep(300);
      }
    }
  }
  return runs;
}

const median = (xs: number[]) => {
  const s = xs.filter((x) => x != null && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function table(opts: Options, runs: LoadRun[]): string {
  const lines = [
    "| op | conc | req/s | p50 ms | p99 ms | SQL stmts/req | errors / non-2xx | server CPU ms/req | postgres CPU ms/req | server cores | other cores | KB/resp |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  const label: Record<string, string> = { q1: "q1 article page", q2: "q2 feed page" };
  for (const op of opts.ops) {
    for (const conns of opts.conns) {
      const rs = runs.filter((r) => r.op === op && r.conns === conns);
      if (!rs.length) continue;
      const m = (f: (r: LoadRun) => number | null) => median(rs.map((r) => f(r) ?? NaN));
      const errs = rs.reduce((a, r) => a + r.socketErrors + r.timeouts + r.graphqlErrors, 0);
      const non2xx = rs.reduce((a, r) => a + r.non2xx, 0);
      lines.push(
        `| ${label[op] ?? op} | ${conns} | ${fmt(
          m((r) => r.rps),
          0,
        )} | ${fmt(
          m((r) => r.latencyMs.p50),
          2,
        )} | ` +
          `${fmt(
            m((r) => r.latencyMs.p99),
            2,
          )} | ${fmt(
            m((r) => r.sqlStatementsPerRequest),
            2,
          )} | ${errs} / ${non2xx} | ` +
          `${fmt(
            m((r) => r.serverCpuMsPerRequest),
            2,
          )} | ${fmt(
            m((r) => r.postgresCpuMsPerRequest),
            2,
          )} | ` +
          `${fmt(
            m((r) => r.cores.server),
            2,
          )} | ${fmt(
            m((r) => r.cores.other),
            2,
          )}${rs.some((r) => r.noisy) ? ` (${rs.filter((r) => r.noisy).length} noisy)` : ""} | ` +
          `${fmt(m((r) => r.bytesPerResponse) / 1024, 1)} |`,
      );
    }
  }
  return lines.join("\n");
}

// ------------------------------------------------------------------------------------------------ cost breakdown
/**
 * `--breakdown`: the article and feed pages taken apart, one GraphQL document per step, each measured like a load
 * run (server CPU ms per request, SQL statements per request). The difference between two steps is what the added
 * fields cost, without touching Byline's code. `input` is a slug (article steps) or a feed cursor (feed steps).
 */
const ARTICLE_FIELDS = "id slug title excerpt body publishedAt thumbnail { url } author { name slug bio avatarUrl }";
const RELATED = "related { __typename ... on Article { title slug excerpt thumbnail { url } author { name } } }";
const LATEST = (tags: boolean) =>
  `latestNews(first: 10) { nodes { title slug excerpt publishedAt thumbnail { url } author { name }${tags ? " tags { name slug }" : ""} } }`;
const FEED = (first: number, fields: string) =>
  `latestNews(first: ${first}, after: $after) { nodes { ${fields} } pageInfo { endCursor hasNextPage } }`;
const FEED_FIELDS = "id slug title excerpt thumbnail { url } publishedAt author { name }";
const BREAKDOWN: { name: string; kind: "article" | "feed" | "none"; query: string; what: string }[] = [
  {
    name: "b0",
    kind: "none",
    query: "{ __typename }",
    what: "{ __typename }: HTTP + Express + Apollo, no resolver, no SQL",
  },
  {
    name: "b1",
    kind: "article",
    query: `article(slug: $slug) { ${ARTICLE_FIELDS} }`,
    what: "article with author (1 statement)",
  },
  {
    name: "b2",
    kind: "article",
    query: `article(slug: $slug) { ${ARTICLE_FIELDS} ${RELATED} }`,
    what: "b1 + related with authors",
  },
  {
    name: "b3",
    kind: "article",
    query: `article(slug: $slug) { ${ARTICLE_FIELDS} tags { name slug } ${RELATED} }`,
    what: "b2 + the article's tags",
  },
  {
    name: "b4",
    kind: "article",
    query: `article(slug: $slug) { ${ARTICLE_FIELDS} tags { name slug } ${RELATED} ${LATEST(false)} }`,
    what: "b3 + latestNews(first: 10) with authors",
  },
  { name: "q1", kind: "article", query: "", what: "b4 + tags of the 10 latest = the q1 article page" },
  { name: "f1", kind: "feed", query: FEED(20, "id"), what: "feed page, only ids in the answer (same SQL as q2)" },
  { name: "q2", kind: "feed", query: "", what: "the q2 feed page (20 items)" },
  { name: "f3", kind: "feed", query: FEED(50, FEED_FIELDS), what: "q2 with first: 50" },
];

function breakdownBody(step: (typeof BREAKDOWN)[number], input: string | null): string {
  if (step.name === "q1" || step.name === "q2") return queries.ops[step.name]!.body(input);
  if (step.kind === "none") return JSON.stringify({ query: step.query });
  if (step.kind === "article")
    return JSON.stringify({ query: `query B($slug: String!) { ${step.query} }`, variables: { slug: input } });
  return JSON.stringify({ query: `query B($after: String) { ${step.query} }`, variables: { after: input } });
}

async function breakdownRuns(opts: Options, server: RunningServer, slugs: string[], cursors: string[]) {
  const conns = opts.conns[opts.conns.length - 1]!;
  const rows = [];
  for (const step of BREAKDOWN) {
    const inputs = step.kind === "feed" ? cursors : slugs;
    const bodies = inputs.map((x) => breakdownBody(step, x));
    const check = await post(server.url, bodies[0]!);
    if (check.status !== 200 || check.json?.errors) fail(`breakdown ${step.name}: ${check.text.slice(0, 300)}`);
    if (opts.quietWait > 0) await waitForQuiet(opts);
    await autocannonRun(server.url, bodies, conns, Math.max(1, opts.warmup), false);
    const before = cpuSnapshot(server.pid);
    const { res, lat, stmtSum, stmtN } = await autocannonRun(server.url, bodies, conns, opts.duration, true);
    const cpu = cpuDelta(before, cpuSnapshot(server.pid));
    const ok = lat.length;
    const row = {
      step: step.name,
      what: step.what,
      conns,
      rps: ok / res.duration,
      p50: pct(Float64Array.from(lat).sort(), 0.5),
      statements: stmtN ? stmtSum / stmtN : NaN,
      serverCpuMsPerRequest: cpu.serverS == null ? null : (cpu.serverS * 1000) / ok,
      postgresCpuMsPerRequest: (cpu.postgresS * 1000) / ok,
      bytesPerResponse: ok ? res.throughput.total / ok : null,
      otherCores: cpu.cores.other,
    };
    rows.push(row);
    log(
      `breakdown ${step.name} (${step.what}): ${fmt(row.rps, 0)} req/s, ${fmt(row.statements, 2)} stmts, ` +
        `server ${fmt(row.serverCpuMsPerRequest, 2)} ms/req, postgres ${fmt(row.postgresCpuMsPerRequest, 2)} ms/req, other ${fmt(row.otherCores, 2)} cores`,
    );
  }
  const lines = [
    `| step | what | req/s (c=${conns}) | SQL stmts/req | server CPU ms/req | postgres CPU ms/req | KB/resp |`,
    "|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.step} | ${r.what} | ${fmt(r.rps, 0)} | ${fmt(r.statements, 2)} | ${fmt(r.serverCpuMsPerRequest, 2)} | ` +
        `${fmt(r.postgresCpuMsPerRequest, 2)} | ${fmt((r.bytesPerResponse ?? NaN) / 1024, 1)} |`,
    ),
  ];
  return { rows, table: lines.join("\n") };
}

// ------------------------------------------------------------------------------------------------ main
function machine(opts: Options) {
  const cpus = os.cpus();
  let commit: string | null = null;
  let dirty: boolean | null = null;
  try {
    commit = execFileSync("git", ["rev-parse", "--short", opts.commit ?? "HEAD"], { cwd: ROOT })
      .toString()
      .trim();
    dirty = opts.commit
      ? false
      : execFileSync("git", ["status", "--porcelain", "--", "src", "migrations", "package.json"], { cwd: ROOT })
          .toString()
          .trim() !== "";
  } catch {
    /* not a git checkout */
  }
  return {
    nproc: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    bylineCommit: commit,
    bylineSourceModified: dirty,
  };
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  if (!queries.slugsSql.includes(VISIBLE("a"))) fail("bench/byline.js slugsSql does not use Byline's visibility rule");
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

  if (opts.serve) {
    console.log(`BYLINE_URL=${server.url}\nBYLINE_PID=${server.pid}`);
    log(`serving until Ctrl-C / SIGTERM (at most ${opts.serveMax} s)`);
    await Promise.race([
      sleep(opts.serveMax * 1000),
      new Promise<void>((resolve) => server.child.once("exit", () => resolve())),
    ]);
    return;
  }

  const slugs = await withClient(opts.dbUrl, async (db) =>
    (await db.query(queries.slugsSql, [opts.slugs])).rows.map((r) => r.slug as string),
  );
  if (!slugs.length) fail("no visible articles in the bench database");
  const feed = await walkFeed(server.url, opts.feedPages);
  const inputs: Record<string, string[]> = {
    q1: slugs.map((slug) => queries.ops.q1!.body(slug)),
    q2: feed.cursors.map((cursor) => queries.ops.q2!.body(cursor)),
  };
  log(
    `inputs: q1 ${inputs.q1!.length} slugs, q2 ${inputs.q2!.length} cursors (ends of feed pages 1..${opts.feedPages})`,
  );

  const verification = opts.skipVerify ? null : await verify(opts, server.url, slugs, feed);
  const statements = await statementCounts(opts, server.url, inputs);

  // One bounded pass over every input (JIT, pool, plan cache, PostgreSQL buffers).
  for (const op of opts.ops) {
    const t0 = Date.now();
    await autocannonRun(server.url, inputs[op]!, 8, Math.min(MAX_RUN_S, Math.max(3, opts.warmup)), false);
    log(`prewarm ${op}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const runs = opts.skipLoad ? [] : await loadRuns(opts, server, inputs);
  const breakdown = opts.breakdown ? await breakdownRuns(opts, server, slugs, feed.cursors) : null;
  await server.stop();

  const doc = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(opts),
    dataset,
    options: { ...opts, dbUrl: opts.dbUrl.replace(/:[^:@/]*@/, ":***@") },
    runtime: {
      args: args.map((a) => path.relative(ROOT, a) || a),
      url: server.url,
      source: path.relative(ROOT, dir) || ".",
    },
    documents: (queries as any).documents,
    verification,
    statements,
    runs,
    breakdown: breakdown?.rows ?? null,
  };
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `bench-${stamp}.json`);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));

  const m = doc.machine;
  console.log(
    `\nByline ${m.bylineCommit ?? "?"}${m.bylineSourceModified ? " (modified working tree)" : ""} benchmark ${doc.startedAt} - ${m.nproc} x ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ` +
      `PostgreSQL ${dataset.server_version}; ${dataset.articles} articles (${dataset.visible} visible), DB ${dataset.db_size}`,
  );
  console.log(
    `${opts.warmup} s warm-up + ${opts.duration} s measured per run, ${opts.rounds} round(s)${opts.rounds > 1 ? " (medians)" : ""}\n`,
  );
  if (runs.length) console.log(table(opts, runs));
  if (breakdown) console.log(`\nCost breakdown:\n\n${breakdown.table}`);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  if (runs.some((r) => r.non2xx || r.graphqlErrors || r.socketErrors || r.timeouts)) process.exitCode = 1;
  if (verification && (verification.q1.mismatch || verification.q2.mismatch)) process.exitCode = 1;
}

let stopping = false;
async function stopAndExit(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await running?.stop().catch(() => {});
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
