import type { DataSource, EntityManager } from "typeorm";

import { BadUserInputError, NotFoundError } from "../../common/errors";
import { type Connection, decodeCursor, encodeCursor, pageLimit, toConnection } from "../../common/pagination";
import type { WebhookConfig } from "../../config";
import type { ArticleEvent } from "../../events/article-events";
import type { ArticleEvents } from "../../events/events";
import type { Logger } from "../../observability/logger";
import { Webhook, WebhookDelivery, WebhookDeliveryStatus } from "./webhook.entity";
import type { CreateWebhookInput, UpdateWebhookInput } from "./webhook.inputs";
import { WebhookDispatcher } from "./webhook-dispatcher";
import { newWebhookSecret } from "./webhook-signature";
import { resolveTarget, TargetRefused } from "./webhook-target";

/** A webhook with its signing secret, which is shown only here: when made, and when rotated. */
export interface WebhookWithSecret {
  webhook: Webhook;
  secret: string;
}

export const deliveryCursorOf = (delivery: WebhookDelivery): string =>
  encodeCursor("created", { key: delivery.createdAt.toISOString(), id: delivery.id });

/**
 * Webhooks: their registration (admins), their deliveries, derived from article events in the events' own transaction
 * (so a committed event always has its deliveries), and the dispatcher that sends them.
 */
export class WebhookService {
  readonly dispatcher: WebhookDispatcher;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: WebhookConfig,
    events: ArticleEvents,
  ) {
    this.dispatcher = new WebhookDispatcher(dataSource, config);
    events.recorder.onRecorded((manager, recorded) => this.deriveDeliveries(manager, recorded));
    events.bus.subscribe(() => this.dispatcher.kick());
  }

  start(logger?: Logger): void {
    this.dispatcher.start(logger);
  }

  stop(): Promise<void> {
    return this.dispatcher.stop();
  }

  /** A delivery for each webhook that receives each event's type. */
  private async deriveDeliveries(manager: EntityManager, events: ArticleEvent[]): Promise<void> {
    await manager.query(
      `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, article_id, next_attempt_at)
       SELECT w.id, e.id, e.type, e.article_id, now()
       FROM article_events e JOIN webhooks w ON e.type = ANY(w.events)
       WHERE e.id = ANY($1::bigint[])
       ORDER BY e.id`,
      [events.map((event) => event.id)],
    );
  }

  list(): Promise<Webhook[]> {
    return this.dataSource.getRepository(Webhook).find({ order: { createdAt: "ASC", id: "ASC" } });
  }

  async get(id: string): Promise<Webhook | null> {
    return this.dataSource.getRepository(Webhook).findOneBy({ id });
  }

  async create(input: CreateWebhookInput): Promise<WebhookWithSecret> {
    await this.checkTarget(input.url);
    const secret = newWebhookSecret();
    const repository = this.dataSource.getRepository(Webhook);
    const webhook = repository.create({
      url: input.url,
      events: [...new Set(input.events)],
      description: input.description ?? null,
      secret,
    });
    await repository.insert(webhook);
    return { webhook: await repository.findOneByOrFail({ id: webhook.id }), secret };
  }

  async update(input: UpdateWebhookInput): Promise<Webhook> {
    const repository = this.dataSource.getRepository(Webhook);
    if (!(await repository.existsBy({ id: input.id }))) throw new NotFoundError("id", "webhook");
    if (input.url !== undefined) await this.checkTarget(input.url);
    const changes: Partial<Webhook> = {};
    if (input.url !== undefined) changes.url = input.url;
    if (input.events !== undefined) changes.events = [...new Set(input.events)];
    if (input.description !== undefined) changes.description = input.description;
    if (Object.keys(changes).length > 0) await repository.update({ id: input.id }, changes);
    return repository.findOneByOrFail({ id: input.id });
  }

  async delete(id: string): Promise<string> {
    const result = await this.dataSource.getRepository(Webhook).delete({ id });
    if (!result.affected) throw new NotFoundError("id", "webhook");
    return id;
  }

  async rotateSecret(id: string): Promise<WebhookWithSecret> {
    const repository = this.dataSource.getRepository(Webhook);
    const secret = newWebhookSecret();
    const result = await repository.update({ id }, { secret });
    if (!result.affected) throw new NotFoundError("id", "webhook");
    return { webhook: await repository.findOneByOrFail({ id }), secret };
  }

  /** A webhook's deliveries, newest first. */
  async deliveries(webhookId: string, first: number, after?: string): Promise<Connection<WebhookDelivery>> {
    const query = this.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder("d")
      .where("d.webhook_id = :webhookId", { webhookId })
      .orderBy("d.created_at", "DESC")
      .addOrderBy("d.id", "DESC")
      .limit(pageLimit(first));
    if (after !== undefined) {
      const { key, id } = decodeCursor(after, "created");
      query.andWhere("(d.created_at, d.id) < (:key::timestamptz, :id::uuid)", { key, id });
    }
    return toConnection(await query.getMany(), first, deliveryCursorOf);
  }

  /** Sends a delivery again, with a fresh count of tries (its `webhook-id` stays the event's). */
  async redeliver(id: string): Promise<WebhookDelivery> {
    const repository = this.dataSource.getRepository(WebhookDelivery);
    const result = await repository
      .createQueryBuilder()
      .update()
      .set({ status: WebhookDeliveryStatus.PENDING, attempts: 0, nextAttemptAt: () => "now()" })
      .where("id = :id", { id })
      .execute();
    if (!result.affected) throw new NotFoundError("id", "webhook delivery");
    this.dispatcher.kick();
    return repository.findOneByOrFail({ id });
  }

  private async checkTarget(url: string): Promise<void> {
    try {
      await resolveTarget(url, this.config.allowPrivateTargets);
    } catch (error) {
      if (error instanceof TargetRefused) throw BadUserInputError.of("url", error.rule, error.message);
      throw error;
    }
  }
}
