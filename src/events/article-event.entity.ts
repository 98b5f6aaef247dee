import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** What happened to an article, as readers see it (src/events/article-events.ts decides which). */
export enum ArticleEventType {
  /** It became visible to readers: published now, or a scheduled article whose time came. */
  PUBLISHED = "article.published",
  /** It changed while visible. */
  UPDATED = "article.updated",
  /** It stopped being visible: unpublished, archived, rescheduled to later, or deleted. */
  REMOVED = "article.removed",
}

/** What an event tells of its article: its state after the change (before it, for a removal). */
export interface ArticleEventPayload {
  slug: string;
  title: string;
  authorSlug: string;
  tagSlugs: string[];
  /** ISO 8601, or null. */
  publishedAt: string | null;
}

/**
 * The outbox of article events: written in the transaction of the change (or of the announcement, for a scheduled
 * article), so that a committed change always has its event and a rolled-back one never does. No foreign key: a
 * deleted article keeps its events.
 */
@Entity("article_events")
// One event per position in an article's history: two writers can never both record its next event (the announcer
// inserts ON CONFLICT DO NOTHING), and deliveries follow it in order.
@Index("article_events_article_seq_key", ["articleId", "articleSeq"], { unique: true })
export class ArticleEventRecord {
  /** Increasing in commit order (event inserts are serialized), so `id > lastSeen` never skips a later commit. */
  @PrimaryGeneratedColumn("increment", { type: "bigint" })
  id!: string;

  @Column({ type: "enum", enum: ArticleEventType, enumName: "article_event_type" })
  type!: ArticleEventType;

  @Column({ type: "uuid" })
  articleId!: string;

  /** 1, 2, 3, ... per article. */
  @Column({ type: "integer" })
  articleSeq!: number;

  @Column({ type: "jsonb" })
  payload!: ArticleEventPayload;

  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  occurredAt!: Date;
}
