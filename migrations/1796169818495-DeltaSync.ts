import { MigrationInterface, QueryRunner } from "typeorm";
// By hand: existing rows get this transaction as their change id (the column's default only while it is added), and
// the triggers that keep change ids and tombstones (TypeORM does not model triggers; the columns match the entities).
// An article's change id is the top-level transaction that last wrote it or its tags; a deleted article leaves a
// tombstone with the deleting transaction's id. Delta sync (src/modules/sync) reads both against a client's snapshot.

export class DeltaSync1796169818495 implements MigrationInterface {
    name = 'DeltaSync1796169818495'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "article_tombstones" (
                "article_id" uuid NOT NULL,
                "change_id" bigint NOT NULL,
                "removed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_63e52b99f45527f846e8530eef4" PRIMARY KEY ("article_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "article_tombstones_removed_at_idx" ON "article_tombstones" ("removed_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "article_tombstones_change_id_idx" ON "article_tombstones" ("change_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "articles"
            ADD "change_id" bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint)
        `);
        await queryRunner.query(`
            ALTER TABLE "articles" ALTER COLUMN "change_id" DROP DEFAULT
        `);
        await queryRunner.query(`
            CREATE INDEX "articles_change_id_idx" ON "articles" ("change_id")
        `);
        await queryRunner.query(`
            CREATE FUNCTION "articles_stamp_change"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.change_id := pg_current_xact_id()::text::bigint;
                RETURN NEW;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "articles_stamp_change" BEFORE INSERT OR UPDATE ON "articles"
            FOR EACH ROW EXECUTE FUNCTION "articles_stamp_change"()
        `);
        await queryRunner.query(`
            CREATE FUNCTION "articles_leave_tombstone"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO article_tombstones (article_id, change_id, removed_at)
                VALUES (OLD.id, pg_current_xact_id()::text::bigint, clock_timestamp())
                ON CONFLICT (article_id) DO UPDATE SET change_id = EXCLUDED.change_id, removed_at = EXCLUDED.removed_at;
                RETURN OLD;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "articles_leave_tombstone" AFTER DELETE ON "articles"
            FOR EACH ROW EXECUTE FUNCTION "articles_leave_tombstone"()
        `);
        // A tag added or removed changes the article for a client syncing one tag: stamp the article (once per transaction).
        await queryRunner.query(`
            CREATE FUNCTION "article_tags_stamp_article"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE articles SET change_id = pg_current_xact_id()::text::bigint
                WHERE id = COALESCE(NEW.article_id, OLD.article_id)
                  AND change_id IS DISTINCT FROM pg_current_xact_id()::text::bigint;
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "article_tags_stamp_article" AFTER INSERT OR DELETE ON "article_tags"
            FOR EACH ROW EXECUTE FUNCTION "article_tags_stamp_article"()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "article_tags_stamp_article" ON "article_tags"`);
        await queryRunner.query(`DROP FUNCTION "article_tags_stamp_article"()`);
        await queryRunner.query(`DROP TRIGGER "articles_leave_tombstone" ON "articles"`);
        await queryRunner.query(`DROP FUNCTION "articles_leave_tombstone"()`);
        await queryRunner.query(`DROP TRIGGER "articles_stamp_change" ON "articles"`);
        await queryRunner.query(`DROP FUNCTION "articles_stamp_change"()`);
        await queryRunner.query(`
            DROP INDEX "public"."articles_change_id_idx"
        `);
        await queryRunner.query(`
            ALTER TABLE "articles" DROP COLUMN "change_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."article_tombstones_change_id_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."article_tombstones_removed_at_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "article_tombstones"
        `);
    }

}
