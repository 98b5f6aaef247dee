import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";

import { BaseEntity } from "../../common/base.entity";
import { Author } from "../authors/author.entity";
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

/** Average adult silent reading speed, words per minute. */
const WORDS_PER_MINUTE = 230;

@ObjectType({ description: "A news article." })
@Entity("articles")
@Index("articles_slug_key", ["slug"], { unique: true })
// The feed's keyset order: WHERE status = 'PUBLISHED' AND (published_at, id) < (...) ORDER BY published_at DESC, id DESC.
@Index("articles_feed_idx", ["status", "publishedAt", "id"])
// An author's articles in feed order; also serves the author_id foreign key.
@Index("articles_author_feed_idx", ["authorId", "status", "publishedAt", "id"])
@Check("articles_published_has_date", `"status" NOT IN ('PUBLISHED', 'SCHEDULED') OR "published_at" IS NOT NULL`)
export class Article extends BaseEntity {
  @Field({ description: "URL-safe unique name, e.g. `city-council-approves-budget`." })
  @Column({ type: "text" })
  slug!: string;

  @Field({ description: "Headline." })
  @Column({ type: "text" })
  title!: string;

  @Field({ description: "Short summary shown in lists and previews, plain text." })
  @Column({ type: "text" })
  excerpt!: string;

  @Field({ description: "Full text as Markdown source." })
  @Column({ type: "text" })
  body!: string;

  @Column(() => Image, { prefix: "thumbnail" })
  thumbnailColumns!: Image;

  @Field(() => ArticleStatus, { description: "Editorial state." })
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

  @ManyToOne(() => Author, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "author_id" })
  author?: Author;

  @Field(() => Image, { nullable: true, description: "Lead image shown with the article and in lists." })
  get thumbnail(): Image | null {
    return this.thumbnailColumns?.url ? this.thumbnailColumns : null;
  }

  @Field(() => Int, { description: "Estimated reading time in whole minutes (at least 1)." })
  get readingTimeMinutes(): number {
    return Math.max(1, Math.ceil(this.wordCount / WORDS_PER_MINUTE));
  }
}

/** Counts the words of a Markdown body, ignoring markup. */
export function countWords(markdown: string): number {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`~|-]+/g, " ");
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
