import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";

import { Article } from "../articles/article.entity";

/**
 * An article's full-text document: title (weight A), excerpt and tag names (B) and body text (C), as one weighted
 * `tsvector` under a GIN index. Kept by triggers (migration FullTextSearch), never written by Byline's code: a
 * generated column cannot read the article's tags, and one vector is what lets a query match its words across the
 * title and the tags (`budget climate` with `climate` only a tag). A table of its own, one row per article, keeps the
 * articles rows (which every feed reads) narrow and leaves the Article entity alone.
 */
@Entity("article_search_documents")
@Index("article_search_documents_document_idx", ["document"], { type: "gin" })
export class ArticleSearchDocument {
  @PrimaryColumn({ type: "uuid" })
  articleId!: string;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Article;

  /** The `tsvector`, as PostgreSQL's text of it; never selected (searches read it in SQL). */
  @Column({ type: "tsvector", select: false })
  document!: string;
}

/**
 * The words of article titles, excerpts and tag names (lowercased, letters only, 3 to 32 of them): what `didYouMean`
 * picks corrections from, under a trigram GiST index (nearest word first). Kept by the same triggers; it only grows,
 * bounded by the vocabulary of the headlines. A word of a draft or a deleted article may be in it, so a correction
 * is offered only when the corrected query finds an article the viewer may see.
 */
@Entity("search_words")
// gist_trgm_ops is an operator class TypeORM cannot declare: the migration creates the index, TypeORM leaves it be.
@Index("search_words_word_trgm_idx", { synchronize: false })
export class SearchWord {
  @PrimaryColumn({ type: "text" })
  word!: string;
}
