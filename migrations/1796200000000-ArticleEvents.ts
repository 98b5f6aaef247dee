import { MigrationInterface, QueryRunner } from "typeorm";

// The outbox of article events (src/events): one row per event, numbered per article; no foreign key, so a deleted
// article keeps its events.
export class ArticleEvents1796200000000 implements MigrationInterface {
    name = 'ArticleEvents1796200000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TYPE "public"."article_event_type" AS ENUM('article.published', 'article.updated', 'article.removed')
        `);
        await queryRunner.query(`
            CREATE TABLE "article_events" (
                "id" BIGSERIAL NOT NULL,
                "type" "public"."article_event_type" NOT NULL,
                "article_id" uuid NOT NULL,
                "article_seq" integer NOT NULL,
                "payload" jsonb NOT NULL,
                "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_052fa8301869daf76b4008f5fe0" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "article_events_article_seq_key" ON "article_events" ("article_id", "article_seq")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."article_events_article_seq_key"
        `);
        await queryRunner.query(`
            DROP TABLE "article_events"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."article_event_type"
        `);
    }
}
