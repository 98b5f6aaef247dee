import type { DataSource } from "typeorm";

import { withDeadline } from "../common/deadline";
import type { DatabaseTimeouts } from "../config";
import type { Viewer } from "../modules/auth/viewer";
import type { Logger } from "../observability/logger";
import { createDataSource, poolOf } from "./data-source";

/** What /readyz and the metrics say about one replica. */
export interface ReplicaStatus {
  /** host:port/database, without credentials. */
  name: string;
  /** It answered the last check. */
  up: boolean;
  /** It is a standby replaying a primary's WAL (`pg_is_in_recovery()`); a promoted or ordinary server is left out. */
  inRecovery: boolean;
  /** How far behind the primary it is, by {@link ReadReplicas}' rule; null until it has answered. */
  lagMs: number | null;
  /** WAL bytes the primary has written and it has not replayed yet (at the last check); null when unknown. */
  lagBytes: number | null;
  /** Readers are sent to it. */
  inUse: boolean;
  /** Why it is left out; null while it is in use. */
  reason: string | null;
}

export interface ReadReplicasOptions {
  urls: readonly string[];
  /** The primary, whose WAL position each check compares the replicas' with. */
  primary: DataSource;
  maxLagMs: number;
  checkIntervalMs: number;
  poolMax?: number;
  timeouts: DatabaseTimeouts;
  logger: Logger;
}

interface Replica {
  dataSource: DataSource;
  /** The first primary WAL position it had not replayed when seen behind, and when the primary had it. */
  behind: { lsn: bigint; at: number } | null;
  /** The WAL position it had replayed at the last check; null while down or unknown. */
  replayed: bigint | null;
  /** A connection attempt under way (a down replica is retried at every check, one attempt at a time). */
  connecting: Promise<unknown> | null;
  status: ReplicaStatus;
}

/**
 * The one routing rule. Editors read the primary: they alone write, and they must read their own writes, which a
 * replica may not have replayed yet. Anonymous readers read a healthy replica, or the primary when none is.
 * Decided once per request, so all of a request's statements see one database.
 */
export function readerDataSource(viewer: Viewer, primary: DataSource, replicas: ReadReplicas | null): DataSource {
  if (viewer.isEditor || !replicas) return primary;
  return replicas.pick() ?? primary;
}

/**
 * Streaming standbys that anonymous readers read from, each with its own pool, and the monitor that decides which
 * are healthy. Every `checkIntervalMs` it samples the primary's `pg_current_wal_lsn()`, then asks each replica
 * `pg_is_in_recovery()` and `pg_last_wal_replay_lsn()`.
 *
 * The lag rule: a replica that has replayed up to the primary's position sampled just before is 0 ms behind (an
 * idle primary writes no WAL, so a caught-up replica stays at 0 however old its last replayed transaction is). One
 * that has not is behind since the time the primary was first seen at a position it has not replayed yet; that mark
 * moves on once it replays past it. The lag is therefore measured to within one check interval, from WAL positions
 * only (`pg_last_xact_replay_timestamp()` is stale when the primary is idle). A replica that is down, not in
 * recovery, or more than `maxLagMs` behind is left out until a check finds it healthy again. When the primary
 * cannot be sampled, a replica is judged by its last mark, so readers keep their replicas while the primary is down.
 */
export class ReadReplicas {
  private readonly replicas: Replica[];
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private stopped = false;
  private next = 0;
  private waiters: Array<{ lsn: bigint; until: number; resolve: () => void }> = [];

  constructor(private readonly options: ReadReplicasOptions) {
    this.replicas = options.urls.map((url) => ({
      dataSource: createDataSource({
        url,
        poolMax: options.poolMax,
        timeouts: options.timeouts,
        applicationName: "byline-reader",
        readOnly: true,
      }),
      behind: null,
      replayed: null,
      connecting: null,
      status: {
        name: replicaName(url),
        up: false,
        inRecovery: false,
        lagMs: null,
        lagBytes: null,
        inUse: false,
        reason: "not checked yet",
      },
    }));
  }

  /** One DataSource per replica (connected once its replica has answered), in the order of the URLs. */
  get dataSources(): DataSource[] {
    return this.replicas.map((replica) => replica.dataSource);
  }

  /** Checks every replica once, then keeps checking in the background. A replica down now is not an error. */
  async start(): Promise<void> {
    await this.check();
    this.schedule();
  }

  /** A healthy replica, in turn; null when none is. */
  pick(): DataSource | null {
    const healthy = this.replicas.filter((replica) => replica.status.inUse);
    if (healthy.length === 0) return null;
    this.next = (this.next + 1) % healthy.length;
    return healthy[this.next]!.dataSource;
  }

  /**
   * Resolves once every replica in use has replayed what the primary had written when it was called (a replica
   * left out, or back in use only later, does not hold it up), and at the latest after the lag bound and two check
   * intervals, past which a replica that has not is left out anyway. The response cache purges again then: an
   * anonymous read between a write and its replay may have cached the replica's older answer.
   */
  async caughtUp(): Promise<void> {
    const primary = await this.primaryPosition();
    if (!primary || this.stopped) return;
    const until = Date.now() + this.options.maxLagMs + 2 * this.options.checkIntervalMs;
    await new Promise<void>((resolve) => this.waiters.push({ lsn: primary.lsn, until, resolve }));
  }

  /**
   * Waits until every replica in use has replayed all the primary has written so far (a write that has just
   * committed), asking them directly, for at most the lag bound; a replica that has not by then is left out. Called
   * after every editorial write and before it answers, so that no reader sent to a replica afterwards reads what the
   * write replaced (another instance leaves out a replica that fell behind at its next check).
   */
  async replayedWrites(): Promise<void> {
    const primary = await this.primaryPosition();
    if (!primary || this.stopped) return;
    const until = Date.now() + this.options.maxLagMs;
    const lsn = formatLsn(primary.lsn);
    const replayed = async (replica: Replica): Promise<void> => {
      for (;;) {
        const left = until - Date.now();
        if (left <= 0) return this.judge(replica, "did not replay a write within REPLICA_MAX_LAG_MS");
        try {
          const { rows } = await withDeadline(
            poolOf(replica.dataSource)!.query<{ done: boolean }>(
              "SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS done",
              [lsn],
            ),
            left,
            "the replica",
          );
          if (rows[0]!.done) return;
        } catch {
          // Down or slow: the bound decides.
        }
        await new Promise((resolve) => setTimeout(resolve, REPLAY_POLL_MS));
      }
    };
    await Promise.all(this.replicas.filter((replica) => replica.status.inUse).map(replayed));
  }

  status(): ReplicaStatus[] {
    return this.replicas.map((replica) => ({ ...replica.status }));
  }

  /** Stops checking and closes the replicas' pools; call it after in-flight requests are done. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
    await Promise.all(this.replicas.map((replica) => replica.connecting?.catch(() => {})));
    await Promise.all(
      this.replicas.filter((r) => r.dataSource.isInitialized).map((replica) => replica.dataSource.destroy()),
    );
  }

  /** One round of checks (rounds never overlap). */
  check(): Promise<void> {
    this.round ??= this.checkAll().finally(() => (this.round = null));
    return this.round;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.check().then(() => this.schedule()), this.options.checkIntervalMs);
    this.timer.unref();
  }

  private async checkAll(): Promise<void> {
    const primary = await this.primaryPosition();
    await Promise.all(this.replicas.map((replica) => this.checkOne(replica, primary)));
    const now = Date.now();
    this.waiters = this.waiters.filter((waiter) => {
      const done =
        now >= waiter.until ||
        this.replicas.every((r) => !r.status.inUse || (r.replayed !== null && r.replayed >= waiter.lsn));
      if (done) waiter.resolve();
      return !done;
    });
  }

  /** The primary's WAL position and when it was read; null when the primary does not answer in time. */
  private async primaryPosition(): Promise<{ lsn: bigint; at: number } | null> {
    try {
      const pool = poolOf(this.options.primary);
      if (!pool) return null;
      const { rows } = await withDeadline(
        pool.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn"),
        this.options.timeouts.readinessMs,
        "the database",
      );
      return { lsn: parseLsn(rows[0]!.lsn), at: Date.now() };
    } catch {
      return null;
    }
  }

  private async checkOne(replica: Replica, primary: { lsn: bigint; at: number } | null): Promise<void> {
    const before = replica.status;
    try {
      if (!replica.dataSource.isInitialized) await this.connect(replica);
      const { rows } = await withDeadline(
        poolOf(replica.dataSource)!.query<{ recovery: boolean; replay: string | null }>(
          "SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS replay",
        ),
        this.options.timeouts.readinessMs,
        "the database",
      );
      const { recovery, replay } = rows[0]!;
      replica.replayed = replay === null ? null : parseLsn(replay);
      if (!recovery || replay === null) {
        replica.behind = null;
        replica.status = { ...before, up: true, inRecovery: false, lagMs: null, lagBytes: null };
        this.judge(replica, "not a standby (not in recovery)");
        return;
      }
      const replayed = replica.replayed!;
      const now = Date.now();
      let lagMs: number;
      if (primary && replayed >= primary.lsn) {
        replica.behind = null;
        lagMs = 0;
      } else if (primary) {
        if (!replica.behind || replayed >= replica.behind.lsn) replica.behind = { lsn: primary.lsn, at: primary.at };
        lagMs = now - replica.behind.at;
      } else {
        lagMs = replica.behind && replayed < replica.behind.lsn ? now - replica.behind.at : (before.lagMs ?? 0);
      }
      const lagBytes = primary ? Number(primary.lsn > replayed ? primary.lsn - replayed : 0n) : before.lagBytes;
      replica.status = { ...before, up: true, inRecovery: true, lagMs, lagBytes };
      this.judge(replica, lagMs > this.options.maxLagMs ? `lagging ${lagMs} ms behind the primary` : null);
    } catch (error) {
      replica.replayed = null;
      replica.status = { ...before, up: false, lagMs: null, lagBytes: null };
      this.judge(replica, `unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Sets whether the replica is in use, and logs when that changes. */
  private judge(replica: Replica, reason: string | null): void {
    const wasInUse = replica.status.inUse;
    replica.status = { ...replica.status, inUse: reason === null, reason };
    const { name, lagMs } = replica.status;
    if (wasInUse && reason !== null) this.options.logger.warn({ replica: name, reason }, "replica left out");
    if (!wasInUse && reason === null) this.options.logger.info({ replica: name, lagMs }, "replica in use");
  }

  private async connect(replica: Replica): Promise<void> {
    replica.connecting ??= replica.dataSource.initialize().finally(() => (replica.connecting = null));
    await withDeadline(replica.connecting, this.options.timeouts.connectMs, "the replica");
  }
}

/** How often a write asks a replica whether it has replayed it yet. */
const REPLAY_POLL_MS = 5;

/** A byte position as a pg_lsn. */
const formatLsn = (position: bigint): string =>
  `${(position >> 32n).toString(16).toUpperCase()}/${(position & 0xffffffffn).toString(16).toUpperCase()}`;

/** A pg_lsn (`16/B374D848`) as a byte position. */
export function parseLsn(lsn: string): bigint {
  const [high, low] = lsn.split("/");
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** A replica's URL without its credentials, for logs, /readyz and metric labels. */
export function replicaName(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}
