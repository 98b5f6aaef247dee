// The one bootstrap of a database, for the server, the scripts, the tests and the TypeORM CLI: reachPostgres decides
// between a URL and the embedded PostgreSQL, prepareDatabase builds the DataSource on it, openDatabase connects and
// runs the steps its caller asks for (migrations, demo seed).

import { Client } from "pg";
import type { DataSource } from "typeorm";

import type { DatabaseTimeouts } from "../config";
import { createDataSource, poolOf } from "./data-source";
import { type EmbeddedPostgresOptions, type RunningPostgres, startEmbeddedPostgres } from "./embedded-postgres";
import { seedDemoContentIfEmpty, type SeedSummary } from "./seed/demo-seed";

/** Where the database is; `Config` is one. */
export interface DatabaseLocation {
  /** A PostgreSQL URL, or null to start the embedded PostgreSQL. */
  databaseUrl: string | null;
  /** The embedded PostgreSQL to start when there is no URL. */
  embedded?: EmbeddedPostgresOptions;
}

export interface DatabaseOptions {
  /** Pool size (createDataSource's default when unset). */
  poolMax?: number;
  /** Bounds on every wait for the database (createDataSource's defaults when unset). */
  timeouts?: DatabaseTimeouts;
  /** `application_name` of the connections, to tell the processes apart in pg_stat_activity. */
  applicationName?: string;
  /** Join an embedded PostgreSQL already running on the data dir (the server's) instead of refusing to start. */
  reuseRunning?: boolean;
  /** Apply pending migrations after connecting. */
  migrate?: boolean;
  /** Seed demo content if the database is empty, after migrating. */
  seed?: boolean;
  /** Where to say what was done (the embedded start, migrations applied, content seeded); silent when unset. */
  log?: (message: string) => void;
}

export interface PreparedDatabase {
  /** Not connected yet. */
  dataSource: DataSource;
  /** Stops the embedded PostgreSQL if this process started it; nothing otherwise. */
  stopServer(): Promise<void>;
}

export interface Database {
  dataSource: DataSource;
  /** What the seed step inserted; null when it was not asked for or the database had content. */
  seeded: SeedSummary | null;
  /** Closes the pool, then stops the embedded PostgreSQL if this process started it. */
  close(): Promise<void>;
}

const silent = () => {};

/** The server to use: the one `databaseUrl` names (its URL is also the admin URL), or the embedded one, started. */
export async function reachPostgres(
  { databaseUrl, embedded }: DatabaseLocation,
  { reuseRunning = false, log = silent }: Pick<DatabaseOptions, "reuseRunning" | "log"> = {},
): Promise<RunningPostgres> {
  if (databaseUrl !== null) return { url: databaseUrl, adminUrl: databaseUrl, stop: async () => {} };
  if (!embedded) throw new Error("No database URL and no embedded PostgreSQL to start");
  const running = await startEmbeddedPostgres({ ...embedded, reuseRunning });
  log(`embedded PostgreSQL running on port ${embedded.port} (data in ${embedded.dataDir})`);
  return running;
}

/** The server (reached or started) and a DataSource on it, not connected: the TypeORM CLI connects it itself. */
export async function prepareDatabase(
  location: DatabaseLocation,
  options: DatabaseOptions = {},
): Promise<PreparedDatabase> {
  const server = await reachPostgres(location, options);
  const dataSource = createDataSource({
    url: server.url,
    poolMax: options.poolMax,
    timeouts: options.timeouts,
    applicationName: options.applicationName,
  });
  return { dataSource, stopServer: () => server.stop() };
}

/** Connects, then migrates and seeds as asked. On failure it closes what it opened before rethrowing. */
export async function openDatabase(location: DatabaseLocation, options: DatabaseOptions = {}): Promise<Database> {
  const { dataSource, stopServer } = await prepareDatabase(location, options);
  const close = async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await stopServer();
  };
  try {
    await dataSource.initialize();
    if (options.migrate) await migrate(dataSource, options.log ?? silent);
    const seeded = options.seed ? await seed(dataSource, options.log ?? silent) : null;
    return { dataSource, seeded, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The advisory lock instances starting together take in turn to migrate (the first applies, the rest find none). */
const MIGRATION_LOCK = 0x6279_6c6e; // "byln"
/** How long an instance waits for another's migrations before it gives up starting (migrations are short). */
const MIGRATION_LOCK_WAIT_MS = 10 * 60_000;

async function migrate(dataSource: DataSource, log: (message: string) => void): Promise<void> {
  // On a connection of its own, outside the pool the migrations use, held for as long as they take.
  // The pool's statement bounds are for requests: this one waits up to MIGRATION_LOCK_WAIT_MS, on both sides.
  const lock = new Client({
    ...poolOf(dataSource)!.options,
    statement_timeout: MIGRATION_LOCK_WAIT_MS,
    query_timeout: MIGRATION_LOCK_WAIT_MS + 5_000,
  });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]).catch((error: unknown) => {
      throw new Error(`another instance held the migration lock for over ${MIGRATION_LOCK_WAIT_MS / 60_000} minutes`, {
        cause: error,
      });
    });
    const applied = await dataSource.runMigrations({ transaction: "each" });
    if (applied.length > 0) log(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(", ")}`);
  } finally {
    await lock.end().catch(() => undefined);
  }
}

async function seed(dataSource: DataSource, log: (message: string) => void): Promise<SeedSummary | null> {
  const started = performance.now();
  const seeded = await seedDemoContentIfEmpty(dataSource);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (seeded) {
    log(
      `seeded demo content: ${seeded.authors} authors, ${seeded.articles} articles, ${seeded.tags} tags (${seconds} s)`,
    );
  }
  return seeded;
}
