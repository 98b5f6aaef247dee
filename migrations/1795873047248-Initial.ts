import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795873047248 implements MigrationInterface {
    name = 'Initial1795873047248'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "authors" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "slug" text NOT NULL,
                "name" text NOT NULL,
                "bio" text NOT NULL DEFAULT '',
                "avatar_url" text,
                CONSTRAINT "PK_d2ed02fabd9b52847ccb85e6b88" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "authors_slug_key" ON "authors" ("slug")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."article_status" AS ENUM('DRAFT', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED')
        `);
        await queryRunner.query(`
            CREATE TABLE "articles" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "slug" text NOT NULL,
                "title" text NOT NULL,
                "excerpt" text NOT NULL,
                "body" text NOT NULL,
                "status" "public"."article_status" NOT NULL DEFAULT 'DRAFT',
                "published_at" TIMESTAMP(3) WITH TIME ZONE,
                "word_count" integer NOT NULL DEFAULT '0',
                "author_id" uuid NOT NULL,
                "thumbnail_url" text,
                "thumbnail_alt" text,
                "thumbnail_width" integer,
                "thumbnail_height" integer,
                CONSTRAINT "articles_published_has_date" CHECK (
                    "status" NOT IN ('PUBLISHED', 'SCHEDULED')
                    OR "published_at" IS NOT NULL
                ),
                CONSTRAINT "PK_0a6e2c450d83e0b6052c2793334" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "articles_author_feed_idx" ON "articles" ("author_id", "status", "published_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "articles_feed_idx" ON "articles" ("status", "published_at", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "articles_slug_key" ON "articles" ("slug")
        `);
        await queryRunner.query(`
            CREATE TABLE "related_links" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "article_id" uuid NOT NULL,
                "position" smallint NOT NULL,
                "target_article_id" uuid,
                "url" text,
                "title" text,
                CONSTRAINT "related_links_position_positive" CHECK ("position" >= 0),
                CONSTRAINT "related_links_external_has_title" CHECK (
                    "url" IS NULL
                    OR "title" IS NOT NULL
                ),
                CONSTRAINT "related_links_not_self" CHECK (
                    "target_article_id" IS DISTINCT
                    FROM "article_id"
                ),
                CONSTRAINT "related_links_one_target" CHECK (num_nonnulls("target_article_id", "url") = 1),
                CONSTRAINT "PK_fe7131149ce8ff8029e27346f14" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "related_links_target_article_id_idx" ON "related_links" ("target_article_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "related_links_url_key" ON "related_links" ("article_id", "url")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "related_links_target_article_key" ON "related_links" ("article_id", "target_article_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "related_links_position_key" ON "related_links" ("article_id", "position")
        `);
        await queryRunner.query(`
            CREATE TABLE "tags" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "slug" text NOT NULL,
                "name" text NOT NULL,
                CONSTRAINT "PK_e7dc17249a1148a1970748eda99" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "tags_slug_key" ON "tags" ("slug")
        `);
        await queryRunner.query(`
            CREATE TABLE "article_tags" (
                "article_id" uuid NOT NULL,
                "tag_id" uuid NOT NULL,
                CONSTRAINT "PK_dd79accc42e2f122f6f3ff7588a" PRIMARY KEY ("article_id", "tag_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "article_tags_tag_id_idx" ON "article_tags" ("tag_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "articles"
            ADD CONSTRAINT "FK_6515da4dff8db423ce4eb841490" FOREIGN KEY ("author_id") REFERENCES "authors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "related_links"
            ADD CONSTRAINT "FK_cbaea22035083ee418a22c5adcd" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "related_links"
            ADD CONSTRAINT "FK_9011a1269ea56b2d965e4ef609d" FOREIGN KEY ("target_article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "article_tags"
            ADD CONSTRAINT "FK_f8c9234a4c4cb37806387f0c9e9" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "article_tags"
            ADD CONSTRAINT "FK_1325dd0b98ee0f8f673db6ce194" FOREIGN KEY ("tag_id") REFERENCES "tags"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "article_tags" DROP CONSTRAINT "FK_1325dd0b98ee0f8f673db6ce194"
        `);
        await queryRunner.query(`
            ALTER TABLE "article_tags" DROP CONSTRAINT "FK_f8c9234a4c4cb37806387f0c9e9"
        `);
        await queryRunner.query(`
            ALTER TABLE "related_links" DROP CONSTRAINT "FK_9011a1269ea56b2d965e4ef609d"
        `);
        await queryRunner.query(`
            ALTER TABLE "related_links" DROP CONSTRAINT "FK_cbaea22035083ee418a22c5adcd"
        `);
        await queryRunner.query(`
            ALTER TABLE "articles" DROP CONSTRAINT "FK_6515da4dff8db423ce4eb841490"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."article_tags_tag_id_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "article_tags"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."tags_slug_key"
        `);
        await queryRunner.query(`
            DROP TABLE "tags"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."related_links_position_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."related_links_target_article_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."related_links_url_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."related_links_target_article_id_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "related_links"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."articles_slug_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."articles_feed_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."articles_author_feed_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "articles"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."article_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."authors_slug_key"
        `);
        await queryRunner.query(`
            DROP TABLE "authors"
        `);
    }

}
