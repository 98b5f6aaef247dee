import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";

import { Article } from "../articles/article.entity";
import { Tag } from "./tag.entity";

/** Which tags an article carries (the join table, kept as an entity so loaders can batch on it). */
@Entity("article_tags")
@Index("article_tags_tag_id_idx", ["tagId"])
export class ArticleTag {
  @PrimaryColumn("uuid")
  articleId!: string;

  @PrimaryColumn("uuid")
  tagId!: string;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Article;

  @ManyToOne(() => Tag, { onDelete: "CASCADE" })
  @JoinColumn({ name: "tag_id" })
  tag?: Tag;
}
