import { MigrationInterface, QueryRunner } from "typeorm";
// Tables as TypeORM generated them for the entities of src/modules/search; the rest by hand (TypeORM models neither
// extensions, operator classes, functions nor triggers). Each article has one search document: a weighted tsvector of
// its title (A), excerpt and tag names (B) and body text (C), rebuilt by triggers whenever one of those changes, and
// the words of its title, excerpt and tags not listed yet go into search_words (for didYouMean), a list with no unique
// constraint, so that two articles' writes never wait on each other. Existing articles are indexed here.

export class FullTextSearch1796190699340 implements MigrationInterface {
    name = 'FullTextSearch1796190699340'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Trusted since PostgreSQL 13: the database's owner may create it.
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`
            CREATE TABLE "article_search_documents" (
                "article_id" uuid NOT NULL,
                "document" tsvector NOT NULL,
                CONSTRAINT "PK_8acdff0951311cc72d910a5ecf7" PRIMARY KEY ("article_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "article_search_documents_document_idx" ON "article_search_documents" USING gin ("document")
        `);
        await queryRunner.query(`
            ALTER TABLE "article_search_documents"
            ADD CONSTRAINT "FK_8acdff0951311cc72d910a5ecf7" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            CREATE TABLE "search_words" (
                "id" BIGSERIAL NOT NULL,
                "word" text NOT NULL,
                CONSTRAINT "PK_fd83e641da576d3b067d6b7b08c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "search_words_word_idx" ON "search_words" ("word")
        `);
        await queryRunner.query(`
            CREATE INDEX "search_words_word_trgm_idx" ON "search_words" USING gist ("word" gist_trgm_ops)
        `);
        // Up to `cap` articles that may match `query`, read from the GIN index alone: no document is read (a query of
        // words, ANDed and ORed, is answered by the index exactly; a phrase, whose positions only the document holds,
        // is loosened to the AND of its words first, and an exclusion is left out by querytree). A query with no
        // indexable part (only exclusions) may match any article: then any `cap` of them. The planner settings keep
        // it on the index: a sequential or index scan would test, and so read, every document it passes.
        await queryRunner.query(`
            CREATE FUNCTION "search_candidate_ids"(query tsquery, cap integer) RETURNS SETOF uuid
            LANGUAGE plpgsql STABLE PARALLEL SAFE
            SET enable_seqscan = off SET enable_indexscan = off
            AS $$
            DECLARE
                indexed text := querytree(query);
            BEGIN
                IF indexed = 'T' THEN
                    RETURN QUERY SELECT d.article_id FROM article_search_documents d LIMIT cap;
                ELSE
                    -- Lexemes never hold a blank, so a blank-delimited phrase operator is one.
                    RETURN QUERY SELECT d.article_id FROM article_search_documents d
                        WHERE d.document @@ regexp_replace(indexed, ' <(-|[0-9]+)> ', ' & ', 'g')::tsquery
                        LIMIT cap;
                END IF;
            END
            $$
        `);
        // The body as text for search: Markdown's link and image targets, emphasis and block marks, and raw HTML tags
        // dropped, so that neither URLs nor markup are indexed and a highlighted fragment reads as prose. The index
        // and the highlights both read the body through it.
        await queryRunner.query(`
            CREATE FUNCTION "search_body_text"(body text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            RETURN regexp_replace(
                regexp_replace(
                    regexp_replace(
                        regexp_replace(body, '<[^>]*>', ' ', 'g'),
                        '!?\\[([^]]*)\\]\\([^)]*\\)', '\\1', 'g'),
                    '(^|\\n)[ \\t]*(#+|>+|[-+*][ \\t]|[0-9]+\\.[ \\t])|[*\`~]+', '\\1', 'g'),
                '\\s+', ' ', 'g')
        `);
        await queryRunner.query(`
            CREATE FUNCTION "article_search_refresh"(ids uuid[]) RETURNS void
            LANGUAGE sql AS $$
                INSERT INTO article_search_documents (article_id, document)
                SELECT a.id,
                       setweight(to_tsvector('english', a.title), 'A')
                    || setweight(to_tsvector('english', a.excerpt), 'B')
                    || setweight(to_tsvector('english', coalesce(t.names, '')), 'B')
                    || setweight(to_tsvector('english', search_body_text(a.body)), 'C')
                FROM articles a
                LEFT JOIN LATERAL (
                    SELECT string_agg(tg.name, ' ') AS names
                    FROM article_tags x JOIN tags tg ON tg.id = x.tag_id
                    WHERE x.article_id = a.id
                ) t ON true
                WHERE a.id = ANY (ids)
                ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document;

                -- No ON CONFLICT, and no unique index to conflict on: a transaction never waits for another's new
                -- word. Two that bring the same one concurrently both add it (a harmless duplicate).
                INSERT INTO search_words (word)
                SELECT DISTINCT w.word
                FROM articles a
                LEFT JOIN LATERAL (
                    SELECT string_agg(tg.name, ' ') AS names
                    FROM article_tags x JOIN tags tg ON tg.id = x.tag_id
                    WHERE x.article_id = a.id
                ) t ON true
                CROSS JOIN LATERAL unnest(tsvector_to_array(
                    to_tsvector('simple', a.title || ' ' || a.excerpt || ' ' || coalesce(t.names, ''))
                )) AS w(word)
                WHERE a.id = ANY (ids) AND w.word ~ '^[[:alpha:]]{3,32}$'
                  AND NOT EXISTS (SELECT 1 FROM search_words k WHERE k.word = w.word);
            $$
        `);
        // Inserts, and tag changes, in one refresh per statement (a seed's bulk insert indexes as one set).
        await queryRunner.query(`
            CREATE FUNCTION "articles_search_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM article_search_refresh(ARRAY(SELECT id FROM inserted));
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "articles_search_inserted" AFTER INSERT ON "articles"
            REFERENCING NEW TABLE AS inserted
            FOR EACH STATEMENT EXECUTE FUNCTION "articles_search_inserted"()
        `);
        // Updates: only when a searched column really changed (most updates of an article are status or bookkeeping).
        await queryRunner.query(`
            CREATE FUNCTION "articles_search_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM article_search_refresh(ARRAY[NEW.id]);
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "articles_search_updated" AFTER UPDATE OF title, excerpt, body ON "articles"
            FOR EACH ROW
            WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.excerpt IS DISTINCT FROM NEW.excerpt
                  OR OLD.body IS DISTINCT FROM NEW.body)
            EXECUTE FUNCTION "articles_search_updated"()
        `);
        // A tag added to or removed from articles. A deleted article's tags go with it: its refresh finds no row.
        await queryRunner.query(`
            CREATE FUNCTION "article_tags_search_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    PERFORM article_search_refresh(ARRAY(SELECT DISTINCT article_id FROM changed_new));
                ELSIF TG_OP = 'DELETE' THEN
                    PERFORM article_search_refresh(ARRAY(SELECT DISTINCT article_id FROM changed_old));
                ELSE
                    PERFORM article_search_refresh(ARRAY(
                        SELECT article_id FROM changed_old UNION SELECT article_id FROM changed_new));
                END IF;
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "article_tags_search_inserted" AFTER INSERT ON "article_tags"
            REFERENCING NEW TABLE AS changed_new
            FOR EACH STATEMENT EXECUTE FUNCTION "article_tags_search_changed"()
        `);
        await queryRunner.query(`
            CREATE TRIGGER "article_tags_search_deleted" AFTER DELETE ON "article_tags"
            REFERENCING OLD TABLE AS changed_old
            FOR EACH STATEMENT EXECUTE FUNCTION "article_tags_search_changed"()
        `);
        await queryRunner.query(`
            CREATE TRIGGER "article_tags_search_updated" AFTER UPDATE ON "article_tags"
            REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
            FOR EACH STATEMENT EXECUTE FUNCTION "article_tags_search_changed"()
        `);
        // A renamed tag: every article carrying it (rare, and as many rows as the tag has articles).
        await queryRunner.query(`
            CREATE FUNCTION "tags_search_renamed"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM article_search_refresh(ARRAY(SELECT article_id FROM article_tags WHERE tag_id = NEW.id));
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "tags_search_renamed" AFTER UPDATE OF name ON "tags"
            FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
            EXECUTE FUNCTION "tags_search_renamed"()
        `);
        await queryRunner.query(`SELECT article_search_refresh(ARRAY(SELECT id FROM articles))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "tags_search_renamed" ON "tags"`);
        await queryRunner.query(`DROP FUNCTION "tags_search_renamed"()`);
        await queryRunner.query(`DROP TRIGGER "article_tags_search_updated" ON "article_tags"`);
        await queryRunner.query(`DROP TRIGGER "article_tags_search_deleted" ON "article_tags"`);
        await queryRunner.query(`DROP TRIGGER "article_tags_search_inserted" ON "article_tags"`);
        await queryRunner.query(`DROP FUNCTION "article_tags_search_changed"()`);
        await queryRunner.query(`DROP TRIGGER "articles_search_updated" ON "articles"`);
        await queryRunner.query(`DROP FUNCTION "articles_search_updated"()`);
        await queryRunner.query(`DROP TRIGGER "articles_search_inserted" ON "articles"`);
        await queryRunner.query(`DROP FUNCTION "articles_search_inserted"()`);
        await queryRunner.query(`DROP FUNCTION "article_search_refresh"(uuid[])`);
        await queryRunner.query(`DROP FUNCTION "search_body_text"(text)`);
        await queryRunner.query(`DROP FUNCTION "search_candidate_ids"(tsquery, integer)`);
        await queryRunner.query(`DROP INDEX "public"."search_words_word_trgm_idx"`);
        await queryRunner.query(`DROP INDEX "public"."search_words_word_idx"`);
        await queryRunner.query(`DROP TABLE "search_words"`);
        await queryRunner.query(`
            ALTER TABLE "article_search_documents" DROP CONSTRAINT "FK_8acdff0951311cc72d910a5ecf7"
        `);
        await queryRunner.query(`DROP INDEX "public"."article_search_documents_document_idx"`);
        await queryRunner.query(`DROP TABLE "article_search_documents"`);
        // pg_trgm stays: another object may have come to use it.
    }

}
