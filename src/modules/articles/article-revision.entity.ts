import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";

import { Article, ArticleStatus } from "./article.entity";

/** What a revision keeps of an article: its editable content and state. */
export interface ArticleSnapshot {
  slug: string;
  title: string;
  excerpt: string;
  body: string;
  thumbnail: { url: string | null; alt: string | null; width: number | null; height: number | null };
  status: ArticleStatus;
  publishedAt: string | null;
  authorId: string;
}

export const snapshotOf = (article: Article): ArticleSnapshot => ({
  slug: article.slug,
  title: article.title,
  excerpt: article.excerpt,
  body: article.body,
  thumbnail: { ...article.thumbnailColumns },
  status: article.status,
  publishedAt: article.publishedAt?.toISOString() ?? null,
  authorId: article.authorId,
});

@ObjectType({ description: "An earlier state of an article, kept whenever it was changed.", simpleResolvers: true })
@Entity("article_revisions")
@Index("article_revisions_article_version_key", ["articleId", "version"], { unique: true })
export class ArticleRevision {
  @Field(() => ID, { description: "Identifier of the revision." })
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "uuid" })
  articleId!: string;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Article;

  @Field(() => Int, { description: "The article's version this revision holds." })
  @Column({ type: "integer" })
  version!: number;

  @Column({ type: "jsonb" })
  snapshot!: ArticleSnapshot;

  @Field(() => String, { nullable: true, description: "Name of the API key whose change replaced this state." })
  @Column({ type: "text", nullable: true })
  replacedBy!: string | null;

  @Field({ description: "When this state was replaced." })
  @CreateDateColumn({ type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @Field({ description: "Headline at the time." })
  get title(): string {
    return this.snapshot.title;
  }

  @Field({ description: "Slug at the time." })
  get slug(): string {
    return this.snapshot.slug;
  }

  @Field({ description: "Excerpt at the time." })
  get excerpt(): string {
    return this.snapshot.excerpt;
  }

  @Field({ description: "Markdown body at the time." })
  get body(): string {
    return this.snapshot.body;
  }

  @Field(() => ArticleStatus, { description: "Stored status at the time." })
  get status(): ArticleStatus {
    return this.snapshot.status;
  }
}
