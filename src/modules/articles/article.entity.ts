import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";

import { VersionedEntity } from "../../common/base.entity";
import { Author } from "../authors/author.entity";
import { Node } from "../nodes/node.type";
import { readingTimeFor } from "./article.body";
import { Image } from "./image";

export enum ArticleStatus {
  DRAFT = "DRAFT",
  SCHEDULED = "SCHEDULED",
  PUBLISHED = "PUBLISHED",
  ARCHIVED = "ARCHIVED",
}
registerEnumType(ArticleStatus, {
  name: "ArticleStatus",
  description:
    "Editorial state of an article. Readers only ever see PUBLISHED articles whose publication time has come.",
  valuesConfig: {
    DRAFT: { description: "Being written; never visible to readers." },
    SCHEDULED: { description: "Will be published at `publishedAt`." },
    PUBLISHED: { description: "Published at `publishedAt`." },
    ARCHIVED: { description: "Withdrawn from the site." },
  },
});

/**
 * The stored states an article can be visible to readers in (a SCHEDULED one once its time has come): the status half
 * of the visibility rule (article.visibility.ts), also the predicate of the readers' partial indexes below.
 */
export const listedStatusSql = (column: string): string => `${column} IN ('PUBLISHED', 'SCHEDULED')`;

/** {@link Article.thumbnail}'s rule for answers PostgreSQL writes: the article has a thumbnail if it has a URL. */
export const thumbnailPresentSql = (alias: string): string => `${alias}.thumbnail_url <> ''`;

// Fields without a resolver of their own read their property directly (graphql-js's default resolver, no wrapper).
@ObjectType({ description: "A news article.", implements: Node, simpleResolvers: true })
@Entity("articles")
@Index("articles_slug_key", ["slug"], { unique: true })
// The readers' feed: WHERE <visible> AND (published_at, id) < (...) ORDER BY published_at DESC, id DESC. Partial, with
// the same status predicate as the visibility rule, so the scan walks the index in order and stops after a page.
@Index("articles_feed_idx", ["publishedAt", "id"], { where: listedStatusSql(`"status"`) })
// An author's page in feed order, partial like the feed's.
@Index("articles_author_feed_idx", ["authorId", "publishedAt", "id"], { where: listedStatusSql(`"status"`) })
// The author_id foreign key, for every status (editors' author pages, author deletion).
@Index("articles_author_id_idx", ["authorId"])
// Delta sync's window: the rows a transaction wrote since a sync's snapshot (src/modules/sync/sync.sql.ts).
@Index("articles_change_id_idx", ["changeId"])
@Check("articles_published_has_date", `"status" NOT IN ('PUBLISHED', 'SCHEDULED') OR "published_at" IS NOT NULL`)
export class Article extends VersionedEntity {
  @Field({ description: "URL-safe unique name, e.g. `city-council-approves-budget`." })
  @Column({ type: "text" })
  slug!: string;

  @Field({ description: "Headline." })
  @Column({ type: "text" })
  title!: string;

  @Field({ description: "Short summary shown in lists and previews, plain text." })
  @Column({ type: "text" })
  excerpt!: string;

  // The two large columns are left out of every query unless asked for (`addSelect`): lists never carry them, and
  // the GraphQL fields load them through a loader when a query wants them (see ArticleResolver).
  /** Full text as Markdown; undefined when the query did not select it. */
  @Column({ type: "text", select: false })
  body!: string;

  /** The body rendered to sanitized HTML; undefined when the query did not select it. */
  @Column({ type: "text", default: "", select: false })
  bodyHtml!: string;

  @Column(() => Image, { prefix: "thumbnail" })
  thumbnailColumns!: Image;

  @Column({ type: "enum", enum: ArticleStatus, enumName: "article_status", default: ArticleStatus.DRAFT })
  status!: ArticleStatus;

  // Millisecond precision so that a cursor (a JavaScript Date) names a row exactly.
  @Field(() => Date, { nullable: true, description: "Publication time; null while a draft." })
  @Column({ type: "timestamptz", precision: 3, nullable: true })
  publishedAt!: Date | null;

  @Field(() => Int, { description: "Number of words in the body." })
  @Column({ type: "integer", default: 0 })
  wordCount!: number;

  @Column({ type: "uuid" })
  authorId!: string;

  /**
   * The transaction that last wrote the row or its tags (its `pg_current_xact_id()`, set by a trigger on every
   * write; bigint because TypeORM has no xid8): what delta sync compares with a client's snapshot.
   */
  @Column({ type: "bigint", select: false })
  changeId!: string;

  @ManyToOne(() => Author, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "author_id" })
  author?: Author;

  /** The lead image, if it has a URL (the same rule in SQL: {@link thumbnailPresentSql}). */
  @Field(() => Image, { nullable: true, description: "Lead image shown with the article and in lists." })
  get thumbnail(): Image | null {
    return this.thumbnailColumns?.url ? this.thumbnailColumns : null;
  }

  /** A SCHEDULED article becomes PUBLISHED when its time comes, with no job: the status is read against the clock. */
  // Not simple: the schema name differs from the property, which the default resolver would not find.
  @Field(() => ArticleStatus, { name: "status", simple: false, description: "Editorial state, as of now." })
  get currentStatus(): ArticleStatus {
    const due = this.publishedAt !== null && this.publishedAt.getTime() <= Date.now();
    return this.status === ArticleStatus.SCHEDULED && due ? ArticleStatus.PUBLISHED : this.status;
  }

  @Field(() => Int, { description: "Estimated reading time in whole minutes (at least 1)." })
  get readingTimeMinutes(): number {
    return readingTimeFor(this.wordCount);
  }
}
