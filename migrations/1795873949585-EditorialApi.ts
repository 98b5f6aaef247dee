import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { MigrationInterface, QueryRunner } from "typeorm";

/*
 * The Markdown renderer as it was when this migration was written (src/modules/articles/markdown.ts at that time),
 * frozen here so that a later change to the live renderer does not change what this migration does. Do not import
 * live code from src/ into a migration (`npm run check:migrations` refuses it).
 */
const markdown = new MarkdownIt({ html: true, linkify: true, typographer: true });

const SANITIZE: sanitizeHtml.IOptions = {
    allowedTags: [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "del", "s",
        "sub", "sup", "ul", "ol", "li", "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td",
    ],
    allowedAttributes: {
        a: ["href", "title", "rel"],
        img: ["src", "alt", "title", "width", "height"],
        th: ["align"],
        td: ["align"],
        ol: ["start"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https"] },
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer" }) },
};

const renderMarkdown = (source: string): string => sanitizeHtml(markdown.render(source), SANITIZE);

/** Articles written before bodies were rendered on save get their HTML once, here, in batches. */
async function renderExistingBodies(queryRunner: QueryRunner): Promise<void> {
    let lastId = "00000000-0000-0000-0000-000000000000";
    for (;;) {
        const rows: Array<{ id: string; body: string }> = await queryRunner.query(
            `SELECT id, body FROM articles WHERE id > $1 ORDER BY id LIMIT 500`,
            [lastId],
        );
        if (rows.length === 0) return;
        await queryRunner.query(
            `UPDATE articles AS a SET body_html = v.html FROM unnest($1::uuid[], $2::text[]) AS v(id, html) WHERE a.id = v.id`,
            [rows.map((row) => row.id), rows.map((row) => renderMarkdown(row.body))],
        );
        lastId = rows[rows.length - 1]!.id;
    }
}

export class EditorialApi1795873949585 implements MigrationInterface {
    name = 'EditorialApi1795873949585'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."articles_feed_idx"
        `);
        await queryRunner.query(`
            CREATE TABLE "article_revisions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "article_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "snapshot" jsonb NOT NULL,
                "replaced_by" text,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e5a3375569c46d93baa9fe4bfe4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "article_revisions_article_version_key" ON "article_revisions" ("article_id", "version")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."api_key_role" AS ENUM('EDITOR', 'ADMIN')
        `);
        await queryRunner.query(`
            CREATE TABLE "api_keys" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "role" "public"."api_key_role" NOT NULL,
                "key_hash" text NOT NULL,
                "prefix" text NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "revoked_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys" ("key_hash")
        `);
        await queryRunner.query(`
            ALTER TABLE "authors"
            ADD "version" integer NOT NULL DEFAULT '1'
        `);
        await queryRunner.query(`
            ALTER TABLE "articles"
            ADD "version" integer NOT NULL DEFAULT '1'
        `);
        await queryRunner.query(`
            ALTER TABLE "articles"
            ADD "body_html" text NOT NULL DEFAULT ''
        `);
        await renderExistingBodies(queryRunner);
        await queryRunner.query(`
            ALTER TABLE "authors"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "authors"
            ALTER COLUMN "updated_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "articles"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "articles"
            ALTER COLUMN "updated_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
        await queryRunner.query(`
            CREATE INDEX "articles_feed_idx" ON "articles" ("published_at", "id")
            WHERE "status" IN ('PUBLISHED', 'SCHEDULED')
        `);
        await queryRunner.query(`
            ALTER TABLE "article_revisions"
            ADD CONSTRAINT "FK_d710c0a22d74814285c06f8994d" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "article_revisions" DROP CONSTRAINT "FK_d710c0a22d74814285c06f8994d"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."articles_feed_idx"
        `);
        await queryRunner.query(`
            ALTER TABLE "articles"
            ALTER COLUMN "updated_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "articles"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "authors"
            ALTER COLUMN "updated_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "authors"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "articles" DROP COLUMN "body_html"
        `);
        await queryRunner.query(`
            ALTER TABLE "articles" DROP COLUMN "version"
        `);
        await queryRunner.query(`
            ALTER TABLE "authors" DROP COLUMN "version"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."api_keys_key_hash_key"
        `);
        await queryRunner.query(`
            DROP TABLE "api_keys"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."api_key_role"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."article_revisions_article_version_key"
        `);
        await queryRunner.query(`
            DROP TABLE "article_revisions"
        `);
        await queryRunner.query(`
            CREATE INDEX "articles_feed_idx" ON "articles" ("status", "published_at", "id")
        `);
    }

}
