import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/**
 * A deleted article, for delta sync: a trigger on `articles` writes one per deleted row, so that a client's next sync
 * can name it in `removed`. Kept for SYNC_TOMBSTONE_RETENTION (pruned by the sync statement itself).
 */
@Entity("article_tombstones")
@Index("article_tombstones_change_id_idx", ["changeId"])
@Index("article_tombstones_removed_at_idx", ["removedAt"])
export class ArticleTombstone {
  @PrimaryColumn({ type: "uuid" })
  articleId!: string;

  /** The deleting transaction (`pg_current_xact_id()`), like `Article.changeId`. */
  @Column({ type: "bigint" })
  changeId!: string;

  @Column({ type: "timestamptz", precision: 3 })
  removedAt!: Date;
}
