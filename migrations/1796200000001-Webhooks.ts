import { MigrationInterface, QueryRunner } from "typeorm";

// Webhooks and their deliveries (src/modules/webhooks): a delivery per event and webhook, written in the event's
// transaction; the partial indexes serve the dispatcher's queue and its per-article order.
export class Webhooks1796200000001 implements MigrationInterface {
    name = 'Webhooks1796200000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "webhooks" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "url" text NOT NULL,
                "events" "public"."article_event_type" array NOT NULL,
                "description" text,
                "secret" text NOT NULL,
                CONSTRAINT "PK_9e8795cfc899ab7bdaa831e8527" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."webhook_delivery_status" AS ENUM('PENDING', 'SUCCEEDED', 'FAILED')
        `);
        await queryRunner.query(`
            CREATE TABLE "webhook_deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "webhook_id" uuid NOT NULL,
                "event_id" bigint NOT NULL,
                "event_type" "public"."article_event_type" NOT NULL,
                "article_id" uuid NOT NULL,
                "status" "public"."webhook_delivery_status" NOT NULL DEFAULT 'PENDING',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_attempt_at" TIMESTAMP(3) WITH TIME ZONE,
                "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE,
                "last_response_status" integer,
                "last_response_body" text,
                "last_error" text,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "webhook_deliveries_event_key" ON "webhook_deliveries" ("webhook_id", "event_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_list_idx" ON "webhook_deliveries" ("webhook_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_order_idx" ON "webhook_deliveries" ("webhook_id", "article_id", "event_id")
            WHERE "status" = 'PENDING'
        `);
        await queryRunner.query(`
            CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" ("next_attempt_at") WHERE "status" = 'PENDING'
        `);
        await queryRunner.query(`
            ALTER TABLE "webhook_deliveries"
            ADD CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_due_idx"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_order_idx"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_list_idx"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_event_key"`);
        await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
        await queryRunner.query(`DROP TYPE "public"."webhook_delivery_status"`);
        await queryRunner.query(`DROP TABLE "webhooks"`);
    }
}
