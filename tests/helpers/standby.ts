import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { Client } from "pg";

import { freePort } from "./processes";

const run = promisify(execFile);

/** Debian's PostgreSQL 15 binaries (the embedded package ships no pg_basebackup). */
export const PG_BIN = process.env.BYLINE_PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** Why a real standby cannot be made on this machine, or null when it can. */
export function standbyUnavailableReason(): string | null {
  for (const tool of ["initdb", "pg_ctl", "pg_basebackup"]) {
    if (!existsSync(path.join(PG_BIN, tool))) return `${path.join(PG_BIN, tool)} is missing (set BYLINE_PG_BIN)`;
  }
  return null;
}

/**
 * A PostgreSQL primary and a real streaming standby of it (pg_basebackup -R), each its own server on a free port
 * under a temporary directory, for the replica tests. The servers run as the `postgres` user when the tests run as
 * root (initdb refuses root).
 */
export interface StreamingPair {
  /** A URL of `database` on the primary. */
  primaryUrl(database?: string): string;
  /** A URL of `database` on the standby. */
  replicaUrl(database?: string): string;
  /** Runs one statement on the standby's `database` (as the superuser) and returns its rows. */
  onReplica<R = Record<string, unknown>>(sql: string, database?: string): Promise<R[]>;
  /** Waits (bounded) until the standby has replayed everything the primary has written so far. */
  waitForReplay(timeoutMs?: number): Promise<void>;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Stops the standby (fast shutdown) and starts it again from its data directory. */
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** Stops both servers and deletes their data. */
  close(): Promise<void>;
}

export async function startStreamingPair(): Promise<StreamingPair> {
  const reason = standbyUnavailableReason();
  if (reason) throw new Error(reason);
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(path.join(os.tmpdir(), "byline-standby-"));
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", path.join(PG_BIN, tool), ...args], { cwd: dir })
      : run(path.join(PG_BIN, tool), args, { cwd: dir });
  const primaryDir = path.join(dir, "primary");
  const replicaDir = path.join(dir, "replica");
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const serverOptions = (port: number) =>
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off`;
  const start = (dataDir: string, port: number, log: string) =>
    pg("pg_ctl", ["-D", dataDir, "-o", serverOptions(port), "-l", path.join(dir, log), "-w", "-t", "30", "start"]);
  const stop = (dataDir: string, mode: "fast" | "immediate") =>
    pg("pg_ctl", ["-D", dataDir, "-m", mode, "-w", "-t", "30", "stop"]);
  const url = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const query = async <R>(port: number, sql: string, database = "postgres"): Promise<R[]> => {
    const client = new Client({ connectionString: url(port, database), connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      return (await client.query(sql)).rows as R[];
    } finally {
      await client.end();
    }
  };

  let primaryUp = false;
  let replicaUp = false;
  const close = async () => {
    if (replicaUp) await stop(replicaDir, "immediate").catch(() => {});
    if (primaryUp) await stop(primaryDir, "immediate").catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await pg("initdb", ["-D", primaryDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    await start(primaryDir, primaryPort, "primary.log");
    primaryUp = true;
    // -R writes standby.signal and primary_conninfo: the copy starts as a hot standby streaming from the primary.
    await pg("pg_basebackup", [
      ...["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres"],
      ...["-D", replicaDir, "-R", "-X", "stream", "-c", "fast"],
    ]);
    await start(replicaDir, replicaPort, "replica.log");
    replicaUp = true;
    const [{ recovery }] = await query<{ recovery: boolean }>(replicaPort, "SELECT pg_is_in_recovery() AS recovery");
    if (!recovery) throw new Error("the copy did not start as a standby");
  } catch (error) {
    await close();
    throw error;
  }

  return {
    primaryUrl: (database = "postgres") => url(primaryPort, database),
    replicaUrl: (database = "postgres") => url(replicaPort, database),
    onReplica: (sql, database) => query(replicaPort, sql, database),
    async waitForReplay(timeoutMs = 10_000) {
      const [{ lsn }] = await query<{ lsn: string }>(primaryPort, "SELECT pg_current_wal_lsn()::text AS lsn");
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [{ done }] = await query<{ done: boolean }>(
          replicaPort,
          `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS done`,
        );
        if (done) return;
        if (Date.now() > deadline) throw new Error(`the standby did not replay up to ${lsn} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    pauseReplay: async () => void (await query(replicaPort, "SELECT pg_wal_replay_pause()")),
    resumeReplay: async () => void (await query(replicaPort, "SELECT pg_wal_replay_resume()")),
    async stopReplica() {
      await stop(replicaDir, "fast");
      replicaUp = false;
    },
    async startReplica() {
      await start(replicaDir, replicaPort, "replica.log");
      replicaUp = true;
    },
    close,
  };
}
