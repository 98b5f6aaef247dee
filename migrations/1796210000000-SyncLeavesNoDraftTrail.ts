import type { MigrationInterface, QueryRunner } from "typeorm";

// Delta sync names in `removed` only articles readers could have had: a tombstone is left when an article readers
// could see (listed, its publication time come) is deleted or stops being visible (unpublished, archived, moved to a
// later time), never for a draft or a scheduled article nobody has seen. And a change to an author or a tag stamps
// the articles that show it, so a synced copy picks up the new name. The visibility rule is written out as it stood
// when this migration was made (a migration never changes after it has run); the live rule is in
// src/modules/articles/article.visibility.ts.
export class SyncLeavesNoDraftTrail1796210000000 implements MigrationInterface {
    name = "SyncLeavesNoDraftTrail1796210000000";

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE FUNCTION "article_was_visible"(status text, published_at timestamptz) RETURNS boolean
            LANGUAGE sql STABLE AS $$
                SELECT status IN ('PUBLISHED', 'SCHEDULED') AND COALESCE(published_at <= now(), FALSE)
            $$
        `);
        await queryRunner.query(`
            CREATE OR REPLACE FUNCTION "articles_leave_tombstone"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF article_was_visible(OLD.status::text, OLD.published_at)
                   AND (TG_OP = 'DELETE' OR NOT article_was_visible(NEW.status::text, NEW.published_at)) THEN
                    INSERT INTO article_tombstones (article_id, change_id, removed_at)
                    VALUES (OLD.id, pg_current_xact_id()::text::bigint, clock_timestamp())
                    ON CONFLICT (article_id) DO UPDATE
                    SET change_id = EXCLUDED.change_id, removed_at = EXCLUDED.removed_at;
                END IF;
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "articles_leave_tombstone_on_hide" AFTER UPDATE ON "articles"
            FOR EACH ROW EXECUTE FUNCTION "articles_leave_tombstone"()
        `);
        await queryRunner.query(`
            CREATE FUNCTION "authors_stamp_articles"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE articles SET change_id = pg_current_xact_id()::text::bigint WHERE author_id = NEW.id;
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "authors_stamp_articles" AFTER UPDATE ON "authors"
            FOR EACH ROW WHEN (
                OLD.name IS DISTINCT FROM NEW.name OR OLD.slug IS DISTINCT FROM NEW.slug
                OR OLD.bio IS DISTINCT FROM NEW.bio OR OLD.avatar_url IS DISTINCT FROM NEW.avatar_url
            ) EXECUTE FUNCTION "authors_stamp_articles"()
        `);
        await queryRunner.query(`
            CREATE FUNCTION "tags_stamp_articles"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE articles SET change_id = pg_current_xact_id()::text::bigint
                WHERE id IN (SELECT article_id FROM article_tags WHERE tag_id = NEW.id);
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "tags_stamp_articles" AFTER UPDATE ON "tags"
            FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.slug IS DISTINCT FROM NEW.slug)
            EXECUTE FUNCTION "tags_stamp_articles"()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "tags_stamp_articles" ON "tags"`);
        await queryRunner.query(`DROP FUNCTION "tags_stamp_articles"()`);
        await queryRunner.query(`DROP TRIGGER "authors_stamp_articles" ON "authors"`);
        await queryRunner.query(`DROP FUNCTION "authors_stamp_articles"()`);
        await queryRunner.query(`DROP TRIGGER "articles_leave_tombstone_on_hide" ON "articles"`);
        await queryRunner.query(`
            CREATE OR REPLACE FUNCTION "articles_leave_tombstone"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO article_tombstones (article_id, change_id, removed_at)
                VALUES (OLD.id, pg_current_xact_id()::text::bigint, clock_timestamp())
                ON CONFLICT (article_id) DO UPDATE SET change_id = EXCLUDED.change_id, removed_at = EXCLUDED.removed_at;
                RETURN OLD;
            END
            $$
        `);
        await queryRunner.query(`DROP FUNCTION "article_was_visible"(text, timestamptz)`);
    }
}
