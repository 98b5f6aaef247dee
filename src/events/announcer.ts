import type { DataSource } from "typeorm";

import { SerialJob } from "../common/serial-job";
import { NEXT_PUBLICATION_SQL } from "../delivery/schedule";
import { visibleArticleSql } from "../modules/articles/article.visibility";
import { articleStates } from "../modules/articles/article-writes";
import { Viewer } from "../modules/auth/viewer";
import { createLogger, type Logger } from "../observability/logger";
import { ArticleEventType } from "./article-event.entity";
import {
  ANNOUNCER_LOCK,
  type ArticleEvent,
  type ArticleEventRecorder,
  awaitsAnnouncementSql,
  payloadOf,
} from "./article-events";

/** How soon a failed run, or one another instance was running, is tried again. */
const RETRY_MS = 250;
/** Clocks differ a little: a run that finds its publication not yet due by the database's clock looks again this soon. */
const MIN_DELAY_MS = 25;
/**
 * How far back a scheduled article whose time came while no instance ran is still announced (at start): further
 * back is old news, and the bound keeps the look-up to recent publications.
 */
export const ANNOUNCE_CATCH_UP = "7 days";
/** Articles announced per transaction (a larger backlog takes several). */
const BATCH = 200;

/**
 * Announces each scheduled article at its publication time, exactly once across every instance: a timer for the next
 * publication (the publication schedule's rule, src/delivery/schedule.ts) and, when it fires, one transaction under
 * an advisory lock that records an `article.published` event for every scheduled article whose time has come and
 * that readers have not been told of (`awaitsAnnouncementSql`). It also runs at start, so an instance catches up on
 * publications that came due while none ran; the per-article event sequence's unique index makes a duplicate
 * impossible even so.
 */
export class Announcer {
  private readonly job = new SerialJob(() => this.once());
  private logger: Logger = createLogger("silent");

  constructor(
    private readonly dataSource: DataSource,
    private readonly recorder: ArticleEventRecorder,
    /** Told after the commit of the events a run recorded (the bus, for Redis). */
    private readonly committed: () => Promise<void>,
  ) {}

  async start(logger?: Logger): Promise<void> {
    if (logger) this.logger = logger;
    await this.job.start();
  }

  /** Announces what is due, then waits for the next publication. Never rejects. */
  run(): Promise<void> {
    return this.job.run();
  }

  /** The schedule changed (here or on another instance): look again at what is next. */
  refresh(): void {
    void this.job.run();
  }

  /** One run: what is due now, and how long until the next look (null: none scheduled). */
  private async once(): Promise<number | null> {
    try {
      const outcome = await this.announceDue();
      if (outcome.events.length > 0) await this.committed();
      if (outcome.more) return 0;
      return outcome.locked ? await this.untilNext() : RETRY_MS;
    } catch (error) {
      if (!this.job.isStopped) this.logger.warn({ err: error }, "announcer: run failed, trying again");
      return RETRY_MS;
    }
  }

  /**
   * One transaction: skipped when another instance holds the announcer lock (this one looks again shortly, since that
   * run may have started before the publication came due); then, under the event order lock, the due articles, locked
   * (a row an editor is writing is skipped: that write's own events say what became of it).
   */
  private async announceDue(): Promise<{ locked: boolean; events: ArticleEvent[]; more: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query("SELECT pg_try_advisory_xact_lock($1::bigint) AS locked", [
        ANNOUNCER_LOCK,
      ])) as [{ locked: boolean }];
      if (!locked) return { locked, events: [], more: false };
      await this.recorder.lock(manager);
      const due = (await manager.query(
        `SELECT a.id FROM articles a
         WHERE ${visibleArticleSql("a", Viewer.anonymous)} AND a.published_at > now() - interval '${ANNOUNCE_CATCH_UP}'
           AND ${awaitsAnnouncementSql("a")}
         ORDER BY a.published_at, a.id LIMIT ${BATCH}
         FOR UPDATE OF a SKIP LOCKED`,
      )) as Array<{ id: string }>;
      const states = await articleStates(
        manager,
        due.map((row) => row.id),
      );
      const events = await this.recorder.record(
        manager,
        due.flatMap(({ id }) => {
          const state = states.get(id);
          return state ? [{ type: ArticleEventType.PUBLISHED, articleId: id, payload: payloadOf(state) }] : [];
        }),
      );
      return { locked, events, more: due.length === BATCH };
    });
  }

  /** Milliseconds until the next publication, or null when none is scheduled. */
  private async untilNext(): Promise<number | null> {
    const rows = (await this.dataSource.query(NEXT_PUBLICATION_SQL)) as Array<{ next: Date | null }>;
    const next = rows[0]?.next ?? null;
    return next === null ? null : Math.max(MIN_DELAY_MS, next.getTime() - Date.now());
  }

  stop(): Promise<void> {
    return this.job.stop();
  }
}
