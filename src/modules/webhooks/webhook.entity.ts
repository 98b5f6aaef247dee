import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";

import { BaseEntity } from "../../common/base.entity";
import { ArticleEventType } from "../../events/article-event.entity";

registerEnumType(ArticleEventType, {
  name: "WebhookEvent",
  description: "An article event a webhook can receive (its `type` in the delivered body is the value's event name).",
  valuesConfig: {
    PUBLISHED: { description: "`article.published`: became visible to readers (a scheduled one at its time)." },
    UPDATED: { description: "`article.updated`: changed while visible." },
    REMOVED: { description: "`article.removed`: no longer visible (unpublished, archived, rescheduled, deleted)." },
  },
});

export enum WebhookDeliveryStatus {
  PENDING = "PENDING",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
}
registerEnumType(WebhookDeliveryStatus, {
  name: "WebhookDeliveryStatus",
  valuesConfig: {
    PENDING: { description: "Not delivered yet: waiting for its turn, or for its next try." },
    SUCCEEDED: { description: "The target answered 2xx." },
    FAILED: { description: "Every try failed (`WEBHOOK_MAX_ATTEMPTS`); `redeliverWebhookDelivery` sends it again." },
  },
});

/** A partner's endpoint that receives article events, signed with its secret (Standard Webhooks). */
@ObjectType({ description: "An endpoint that receives article events. Admins.", simpleResolvers: true })
@Entity("webhooks")
export class Webhook extends BaseEntity {
  @Field({ description: "Where deliveries are POSTed (http or https; never a private address unless allowed)." })
  @Column({ type: "text" })
  url!: string;

  @Field(() => [ArticleEventType], { description: "The events it receives." })
  @Column({ type: "enum", enum: ArticleEventType, enumName: "article_event_type", array: true })
  events!: ArticleEventType[];

  @Field(() => String, { nullable: true, description: "What it is for." })
  @Column({ type: "text", nullable: true })
  description!: string | null;

  /** `whsec_` + base64 key bytes; shown once, when made or rotated. */
  @Column({ type: "text", select: false })
  secret!: string;
}

/** One event for one webhook: the outbox row the dispatcher sends, with the outcome of its last try. */
@ObjectType({ description: "One event sent (or to send) to one webhook.", simpleResolvers: true })
@Entity("webhook_deliveries")
// The dispatcher's queue: pending deliveries by due time.
@Index("webhook_deliveries_due_idx", ["nextAttemptAt"], { where: `"status" = 'PENDING'` })
// Order per article: an earlier pending delivery of the same webhook and article holds the later ones back.
@Index("webhook_deliveries_order_idx", ["webhookId", "articleId", "eventId"], { where: `"status" = 'PENDING'` })
// A webhook's deliveries, newest first (the API's list), and at most one per event.
@Index("webhook_deliveries_list_idx", ["webhookId", "createdAt", "id"])
@Index("webhook_deliveries_event_key", ["webhookId", "eventId"], { unique: true })
export class WebhookDelivery {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "uuid" })
  webhookId!: string;

  @ManyToOne(() => Webhook, { onDelete: "CASCADE" })
  @JoinColumn({ name: "webhook_id" })
  webhook?: Webhook;

  @Field(() => ID, { description: "The article event (also the `webhook-id` header: the same on every try)." })
  @Column({ type: "bigint" })
  eventId!: string;

  @Field(() => ArticleEventType)
  @Column({ type: "enum", enum: ArticleEventType, enumName: "article_event_type" })
  eventType!: ArticleEventType;

  @Field(() => ID, { description: "The article the event is about (it may since have been deleted)." })
  @Column({ type: "uuid" })
  articleId!: string;

  @Field(() => WebhookDeliveryStatus)
  @Column({
    type: "enum",
    enum: WebhookDeliveryStatus,
    enumName: "webhook_delivery_status",
    default: WebhookDeliveryStatus.PENDING,
  })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: "Tries so far (since the last redelivery)." })
  @Column({ type: "integer", default: 0 })
  attempts!: number;

  @Field(() => Date, { nullable: true })
  @Column({ type: "timestamptz", precision: 3, nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When it is tried next; null once succeeded or failed." })
  @Column({ type: "timestamptz", precision: 3, nullable: true })
  nextAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true, description: "The HTTP status of the last answer (null: none came)." })
  @Column({ type: "integer", nullable: true })
  lastResponseStatus!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "The start of the last answer's body (at most 1024 characters).",
  })
  @Column({ type: "text", nullable: true })
  lastResponseBody!: string | null;

  @Field(() => String, { nullable: true, description: "Why the last try failed without an answer (timeout, refused)." })
  @Column({ type: "text", nullable: true })
  lastError!: string | null;

  @Field()
  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  createdAt!: Date;
}
