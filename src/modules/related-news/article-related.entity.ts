import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";

import { Article } from "../articles/article.entity";
import { RelatedReason } from "./related-reason";

/**
 * One entry of an article's computed related news, stored when the article (or one it could relate to) is written,
 * never computed on a read (src/modules/related-news/related-engine.ts). Readers' visibility is still applied when the
 * list is read: a scheduled target stored here shows once its time comes.
 *
 * No foreign keys, on purpose: many write transactions refresh overlapping lists at once, and a foreign-key check
 * would make each wait on the row lock of another transaction's article (a deadlock with the refresh's own locks).
 * The engine removes the rows of a deleted article, and the read path joins the target article anyway.
 */
@Entity("article_related")
@Index("article_related_position_key", ["articleId", "position"], { unique: true })
// The lists a written article sits in (to refresh them), and the foreign key's cascade.
@Index("article_related_target_id_idx", ["targetId"])
@Check("article_related_not_self", `"target_id" <> "article_id"`)
@Check("article_related_computed_reason", `"reason" <> 'PINNED'`)
export class ArticleRelated {
  @PrimaryColumn("uuid")
  articleId!: string;

  @PrimaryColumn("uuid")
  targetId!: string;

  /** Order within the computed list, from 0 (best first). */
  @Column({ type: "smallint" })
  position!: number;

  @Column({ type: "enum", enum: RelatedReason, enumName: "related_reason" })
  reason!: RelatedReason;

  @Column({ type: "double precision" })
  score!: number;
}

/** An editor's exclusion: `targetId` never appears in `articleId`'s computed related news (pinning it still works). */
@Entity("related_exclusions")
@Index("related_exclusions_target_id_idx", ["targetId"])
export class RelatedExclusion {
  @PrimaryColumn("uuid")
  articleId!: string;

  @PrimaryColumn("uuid")
  targetId!: string;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Article;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "target_id" })
  target?: Article;

  @Column({ type: "timestamptz", precision: 3, default: () => "now()" })
  createdAt!: Date;
}

/**
 * The tags of the listed articles (PUBLISHED or SCHEDULED) with their publication time: what the engine finds and
 * weighs candidates by, a tag's newest first, from an index alone (a tag's listed count, its newest K articles)
 * instead of one article lookup per tagged row. Kept by triggers on article_tags and articles (migration
 * RelatedEngine), never written by Byline's code.
 */
@Entity("listed_article_tags")
@Index("listed_article_tags_recent_idx", ["tagId", "publishedAt", "articleId"])
export class ListedArticleTag {
  @PrimaryColumn("uuid")
  articleId!: string;

  @PrimaryColumn("uuid")
  tagId!: string;

  @Column({ type: "timestamptz", precision: 3 })
  publishedAt!: Date;
}
