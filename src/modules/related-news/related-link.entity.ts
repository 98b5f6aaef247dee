import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";

import { Article } from "../articles/article.entity";

/** Most related-news entries an article may carry; lists are short and returned whole. */
export const MAX_RELATED_LINKS = 20;

/**
 * One entry of an article's ordered "related news": either another article or an external URL with a title.
 * The database enforces exactly one target, no self-link and no duplicate target or position per article.
 */
@Entity("related_links")
@Index("related_links_position_key", ["articleId", "position"], { unique: true })
@Index("related_links_target_article_key", ["articleId", "targetArticleId"], { unique: true })
@Index("related_links_url_key", ["articleId", "url"], { unique: true })
@Index("related_links_target_article_id_idx", ["targetArticleId"])
@Check("related_links_one_target", `num_nonnulls("target_article_id", "url") = 1`)
@Check("related_links_not_self", `"target_article_id" IS DISTINCT FROM "article_id"`)
@Check("related_links_external_has_title", `"url" IS NULL OR "title" IS NOT NULL`)
@Check("related_links_position_positive", `"position" >= 0`)
export class RelatedLink {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "uuid" })
  articleId!: string;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Article;

  /** Order within the article's list, ascending. */
  @Column({ type: "smallint" })
  position!: number;

  @Column({ type: "uuid", nullable: true })
  targetArticleId!: string | null;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "target_article_id" })
  targetArticle?: Article | null;

  @Column({ type: "text", nullable: true })
  url!: string | null;

  /** The link text of an external link (internal links show the target article's title). */
  @Column({ type: "text", nullable: true })
  title!: string | null;
}
