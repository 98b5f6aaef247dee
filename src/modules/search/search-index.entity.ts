import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

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
 * The words of article titles, excerpts and tags (lowercased, letters only, 3 to 32 of them): what `didYouMean` picks
 * corrections from, under a trigram GiST index (nearest word first). Kept by the same triggers, which add the words
 * not listed yet. Deliberately without a unique constraint: with one, a transaction adding a new word held that word's
 * index entry until it committed, and every other article write that brought the same word waited on it (a
 * long-open edit of one article blocked unrelated ones). Without it no write waits; two transactions that bring the
 * same new word at the same time both list it, a rare duplicate the corrections read past. (One row per article and
 * word would also never wait, but at 100k articles it held 3.6M rows and 380 MB for 658 distinct words, and a nearest
 * word took 45 ms to find among the duplicates.) It only grows, bounded by the vocabulary of the headlines. A word of
 * a draft or a deleted article may be in it, so a correction is offered only when the corrected query finds an
 * article the viewer may see.
 */
@Entity("search_words")
// gist_trgm_ops is an operator class TypeORM cannot declare: the migration creates the index, TypeORM leaves it be.
@Index("search_words_word_trgm_idx", { synchronize: false })
export class SearchWord {
  @PrimaryGeneratedColumn("increment", { type: "bigint" })
  id!: string;

  /** Looked up by equality on every refresh (is the word listed yet?). */
  @Index("search_words_word_idx")
  @Column({ type: "text" })
  word!: string;
}
