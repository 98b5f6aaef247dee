import { MigrationInterface, QueryRunner } from "typeorm";
// Generated, plus pg_trgm (the engine's headline similarity; TypeORM does not model extensions). IF NOT EXISTS and no
// DROP in down: another feature may use the extension too. Computed lists start empty: `npm run related:refresh`
// fills them for existing content (the demo seed does it itself). listed_article_tags is kept by triggers (TypeORM
// does not model them) and filled here from the existing tags. The status list is the listed rule
// (listedStatusSql in src/modules/articles/article.entity.ts), copied: a migration imports nothing from src/.

export class RelatedEngine1796190695143 implements MigrationInterface {
    name = 'RelatedEngine1796190695143'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE EXTENSION IF NOT EXISTS pg_trgm
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."related_reason" AS ENUM(
                'PINNED',
                'SHARED_TAGS',
                'SAME_AUTHOR',
                'SIMILAR_TEXT'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "article_related" (
                "article_id" uuid NOT NULL,
                "target_id" uuid NOT NULL,
                "position" smallint NOT NULL,
                "reason" "public"."related_reason" NOT NULL,
                "score" double precision NOT NULL,
                CONSTRAINT "article_related_computed_reason" CHECK ("reason" <> 'PINNED'),
                CONSTRAINT "article_related_not_self" CHECK ("target_id" <> "article_id"),
                CONSTRAINT "PK_4178459b96ac1940382dd42e105" PRIMARY KEY ("article_id", "target_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "article_related_target_id_idx" ON "article_related" ("target_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "article_related_position_key" ON "article_related" ("article_id", "position")
        `);
        await queryRunner.query(`
            CREATE TABLE "related_exclusions" (
                "article_id" uuid NOT NULL,
                "target_id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_8cd102dee1a0a35ee28caae45ac" PRIMARY KEY ("article_id", "target_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "related_exclusions_target_id_idx" ON "related_exclusions" ("target_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "related_exclusions"
            ADD CONSTRAINT "FK_7f7af1ae9beb999ec6518061762" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "related_exclusions"
            ADD CONSTRAINT "FK_2caeeaedb5bb7739cea33d4911c" FOREIGN KEY ("target_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            CREATE TABLE "listed_article_tags" (
                "article_id" uuid NOT NULL,
                "tag_id" uuid NOT NULL,
                "published_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_68b35de3256027d9cad195564dc" PRIMARY KEY ("article_id", "tag_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "listed_article_tags_recent_idx" ON "listed_article_tags" ("tag_id", "published_at", "article_id")
        `);
        // Tags added: rows for the listed articles among them. FOR SHARE waits for a concurrent status change of the
        // article to commit (and reads its outcome), so the two triggers never both miss the other's write.
        await queryRunner.query(`
            CREATE FUNCTION "listed_article_tags_tagged"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO listed_article_tags (article_id, tag_id, published_at)
                SELECT n.article_id, n.tag_id, a.published_at FROM changed_new n JOIN articles a ON a.id = n.article_id
                 WHERE a.status IN ('PUBLISHED', 'SCHEDULED') FOR SHARE OF a
                ON CONFLICT DO NOTHING;
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "listed_article_tags_tagged" AFTER INSERT ON "article_tags"
            REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION "listed_article_tags_tagged"()
        `);
        // Tags removed (also by the cascade of a deleted article or tag).
        await queryRunner.query(`
            CREATE FUNCTION "listed_article_tags_untagged"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM listed_article_tags l USING changed_old o
                 WHERE l.article_id = o.article_id AND l.tag_id = o.tag_id;
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "listed_article_tags_untagged" AFTER DELETE ON "article_tags"
            REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION "listed_article_tags_untagged"()
        `);
        // An article listed, unlisted or moved in time: its rows again, from its tags.
        await queryRunner.query(`
            CREATE FUNCTION "listed_article_tags_article_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM listed_article_tags WHERE article_id = NEW.id;
                IF NEW.status IN ('PUBLISHED', 'SCHEDULED') THEN
                    INSERT INTO listed_article_tags (article_id, tag_id, published_at)
                    SELECT t.article_id, t.tag_id, NEW.published_at FROM article_tags t WHERE t.article_id = NEW.id;
                END IF;
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "listed_article_tags_article_changed" AFTER UPDATE OF "status", "published_at" ON "articles"
            FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.published_at IS DISTINCT FROM NEW.published_at)
            EXECUTE FUNCTION "listed_article_tags_article_changed"()
        `);
        await queryRunner.query(`
            INSERT INTO listed_article_tags (article_id, tag_id, published_at)
            SELECT t.article_id, t.tag_id, a.published_at FROM article_tags t JOIN articles a ON a.id = t.article_id
             WHERE a.status IN ('PUBLISHED', 'SCHEDULED')
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "listed_article_tags_article_changed" ON "articles"`);
        await queryRunner.query(`DROP FUNCTION "listed_article_tags_article_changed"()`);
        await queryRunner.query(`DROP TRIGGER "listed_article_tags_untagged" ON "article_tags"`);
        await queryRunner.query(`DROP FUNCTION "listed_article_tags_untagged"()`);
        await queryRunner.query(`DROP TRIGGER "listed_article_tags_tagged" ON "article_tags"`);
        await queryRunner.query(`DROP FUNCTION "listed_article_tags_tagged"()`);
        await queryRunner.query(`
            DROP INDEX "public"."listed_article_tags_recent_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "listed_article_tags"
        `);
        await queryRunner.query(`
            ALTER TABLE "related_exclusions" DROP CONSTRAINT "FK_2caeeaedb5bb7739cea33d4911c"
        `);
        await queryRunner.query(`
            ALTER TABLE "related_exclusions" DROP CONSTRAINT "FK_7f7af1ae9beb999ec6518061762"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."related_exclusions_target_id_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "related_exclusions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."article_related_position_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."article_related_target_id_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "article_related"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."related_reason"
        `);
    }

}
