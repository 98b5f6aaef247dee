import type { DataSource } from "typeorm";

import { createLogger, type Logger } from "../observability/logger";

/** How often each instance prunes (the statements are idempotent: instances pruning at once do no harm). */
const PRUNE_EVERY_MS = 3_600_000;
/** Rows deleted per statement, so a large backlog never holds locks for long. */
const BATCH = 5_000;

/**
 * Keeps the outbox bounded: finished webhook deliveries (DELIVERED or FAILED) and article events older than the
 * retention are deleted. An article's newest event is always kept (which event its next write makes depends on what
 * readers were last told: src/events/article-events.ts), and so is an event a pending delivery still needs.
 */
export class EventRetention {
  private timer: NodeJS.Timeout | undefined;
  private logger: Logger = createLogger("silent");

  constructor(
    private readonly dataSource: DataSource,
    private readonly retentionSeconds: number,
  ) {}

  start(logger?: Logger): void {
    if (logger) this.logger = logger;
    const run = () => {
      this.prune().catch((error: unknown) => this.logger.warn({ err: error }, "events: pruning failed"));
      this.timer = setTimeout(run, PRUNE_EVERY_MS).unref();
    };
    this.timer = setTimeout(run, 0).unref();
  }

  /** Deletes what is past the retention, in batches; returns how many deliveries and events went. */
  async prune(): Promise<{ deliveries: number; events: number }> {
    const removed = { deliveries: 0, events: 0 };
    const cutoff = `now() - make_interval(secs => ${Number(this.retentionSeconds)})`;
    for (let more = true; more;) {
      const [, count] = (await this.dataSource.query(
        `DELETE FROM webhook_deliveries WHERE id IN (
           SELECT id FROM webhook_deliveries WHERE status <> 'PENDING' AND created_at < ${cutoff} LIMIT ${BATCH})`,
      )) as [unknown, number];
      removed.deliveries += count;
      more = count === BATCH;
    }
    for (let more = true; more;) {
      const [, count] = (await this.dataSource.query(
        `DELETE FROM article_events WHERE id IN (
           SELECT e.id FROM article_events e WHERE e.occurred_at < ${cutoff}
             AND EXISTS (SELECT 1 FROM article_events n WHERE n.article_id = e.article_id AND n.article_seq > e.article_seq)
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id)
           LIMIT ${BATCH})`,
      )) as [unknown, number];
      removed.events += count;
      more = count === BATCH;
    }
    if (removed.deliveries + removed.events > 0) this.logger.info(removed, "events: pruned past the retention");
    return removed;
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
