import type { DataSource, EntityManager } from "typeorm";

import { SerialJob } from "../../common/serial-job";
import type { WebhookConfig } from "../../config";
import type { ArticleEventPayload, ArticleEventType } from "../../events/article-event.entity";
import { createLogger, type Logger } from "../../observability/logger";
import { WebhookDeliveryStatus } from "./webhook.entity";
import { send, type SendOutcome } from "./webhook-sender";
import { signatureHeaders } from "./webhook-signature";
import { resolveTarget, TargetRefused } from "./webhook-target";

/** Deliveries sent per transaction (concurrently: each is another webhook or article). */
const BATCH = 10;
/** The longest wait between looks at the queue (another instance may have scheduled a retry and gone). */
const MAX_IDLE_MS = 30_000;
/** The shortest: deliveries another instance is sending right now look due. */
const MIN_IDLE_MS = 500;
/** The longest backoff, however many tries. */
const MAX_BACKOFF_MS = 6 * 3_600_000;

/**
 * A pending delivery whose turn it is: due, and no earlier event of the same article is still pending for the same
 * webhook (deliveries follow each article's event order; a failed one stops holding the next back).
 */
const READY_SQL = `d.status = '${WebhookDeliveryStatus.PENDING}' AND NOT EXISTS (
    SELECT 1 FROM webhook_deliveries p WHERE p.webhook_id = d.webhook_id AND p.article_id = d.article_id
      AND p.status = '${WebhookDeliveryStatus.PENDING}' AND p.event_id < d.event_id)`;

interface DueRow {
  id: string;
  event_id: string;
  attempts: number;
  url: string;
  secret: string;
  type: ArticleEventType;
  article_id: string;
  article_seq: number;
  occurred_at: Date;
  payload: ArticleEventPayload;
}

/** The delay before try `attempt + 1`: the base doubled per try so far, with jitter (half to all of it). */
export function backoffMs(base: number, attempt: number): number {
  const full = Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + (Math.random() * full) / 2);
}

/** The body of a delivery (Standard Webhooks: type, timestamp, data). */
export function deliveryBody(
  row: Pick<DueRow, "type" | "occurred_at" | "article_id" | "article_seq" | "event_id" | "payload">,
): string {
  return JSON.stringify({
    type: row.type,
    timestamp: row.occurred_at.toISOString(),
    data: { eventId: row.event_id, articleId: row.article_id, sequence: row.article_seq, ...row.payload },
  });
}

/**
 * Sends pending webhook deliveries. Each runs on every instance; a delivery is sent by one at a time, since a batch is
 * claimed with SELECT ... FOR UPDATE SKIP LOCKED and held until its outcome is written (an instance that dies
 * mid-send rolls back: the delivery stays pending and is sent again, so a target gets each event at least once).
 * Woken by every article event (the bus) and by its own timer for the next retry.
 */
export class WebhookDispatcher {
  private readonly job = new SerialJob(() => this.dispatch());
  private logger: Logger = createLogger("silent");

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: WebhookConfig,
  ) {}

  start(logger?: Logger): void {
    if (logger) this.logger = logger;
    void this.job.start();
  }

  /** Looks at the queue now (a new event, a redelivery). */
  kick(): void {
    void this.job.run();
  }

  /** Resolves once the current run (if any) is over. */
  idle(): Promise<void> {
    return this.job.idle();
  }

  /** Sends every delivery that is due, then says when to look again. */
  private async dispatch(): Promise<number> {
    try {
      while (!this.job.isStopped && (await this.sendBatch()) > 0);
      return await this.untilNext();
    } catch (error) {
      if (!this.job.isStopped) this.logger.warn({ err: error }, "webhooks: dispatch failed, trying again");
      return MIN_IDLE_MS;
    }
  }

  private async sendBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = (await manager.query(
        `SELECT d.id, d.event_id, d.attempts, w.url, w.secret, e.type, e.article_id, e.article_seq, e.occurred_at, e.payload
         FROM webhook_deliveries d
         JOIN webhooks w ON w.id = d.webhook_id
         JOIN article_events e ON e.id = d.event_id
         WHERE ${READY_SQL} AND d.next_attempt_at <= now()
         ORDER BY d.next_attempt_at, d.event_id
         LIMIT ${BATCH}
         FOR UPDATE OF d SKIP LOCKED`,
      )) as DueRow[];
      await Promise.all(due.map(async (row) => this.record(manager, row, await this.attempt(row))));
      return due.length;
    });
  }

  private async attempt(row: DueRow): Promise<SendOutcome> {
    try {
      const target = await resolveTarget(row.url, this.config.allowPrivateTargets);
      const body = deliveryBody(row);
      const headers = signatureHeaders(row.secret, `evt_${row.event_id}`, Math.floor(Date.now() / 1000), body);
      return await send(target, headers, body, this.config.timeoutMs);
    } catch (error) {
      if (error instanceof TargetRefused) return { error: error.message };
      throw error;
    }
  }

  private async record(manager: EntityManager, row: DueRow, outcome: SendOutcome): Promise<void> {
    const attempts = row.attempts + 1;
    const succeeded = "status" in outcome && outcome.status >= 200 && outcome.status < 300;
    const failed = !succeeded && attempts >= this.config.maxAttempts;
    const status = succeeded
      ? WebhookDeliveryStatus.SUCCEEDED
      : failed
        ? WebhookDeliveryStatus.FAILED
        : WebhookDeliveryStatus.PENDING;
    const retryInMs = succeeded || failed ? null : backoffMs(this.config.backoffBaseMs, attempts);
    await manager.query(
      `UPDATE webhook_deliveries SET status = $2, attempts = $3, last_attempt_at = now(),
         next_attempt_at = CASE WHEN $4::integer IS NULL THEN NULL ELSE now() + $4::integer * interval '1 millisecond' END,
         last_response_status = $5, last_response_body = $6, last_error = $7
       WHERE id = $1`,
      [
        row.id,
        status,
        attempts,
        retryInMs,
        "status" in outcome ? outcome.status : null,
        "status" in outcome ? outcome.body : null,
        "error" in outcome ? outcome.error : null,
      ],
    );
    if (!succeeded) {
      this.logger.warn({ deliveryId: row.id, eventId: row.event_id, attempts, status }, "webhooks: delivery failed");
    }
  }

  /** Milliseconds until the next ready delivery is due (bounded both ways), or MAX_IDLE_MS when none is pending. */
  private async untilNext(): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT min(d.next_attempt_at) AS next FROM webhook_deliveries d WHERE ${READY_SQL}`,
    )) as Array<{ next: Date | null }>;
    const next = rows[0]?.next;
    if (!next) return MAX_IDLE_MS;
    return Math.min(MAX_IDLE_MS, Math.max(MIN_IDLE_MS, next.getTime() - Date.now()));
  }

  stop(): Promise<void> {
    return this.job.stop();
  }
}
