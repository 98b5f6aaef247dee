import { MigrationInterface, QueryRunner } from "typeorm";
// down(): TypeORM generated the restored index with its columns out of order; corrected by hand.

export class AuthorFeedIndex1795879275704 implements MigrationInterface {
    name = 'AuthorFeedIndex1795879275704'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."articles_author_feed_idx"
        `);
        await queryRunner.query(`
            CREATE INDEX "articles_author_id_idx" ON "articles" ("author_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "articles_author_feed_idx" ON "articles" ("author_id", "published_at", "id")
            WHERE "status" IN ('PUBLISHED', 'SCHEDULED')
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."articles_author_feed_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."articles_author_id_idx"
        `);
        await queryRunner.query(`
            CREATE INDEX "articles_author_feed_idx" ON "articles" ("author_id", "status", "published_at", "id")
        `);
    }

}
