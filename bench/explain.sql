-- EXPLAIN (ANALYZE, BUFFERS) of the statements Byline sends for the benchmark pages, at the reference volume.
--   psql -h 127.0.0.1 -U postgres -d byline_bench -f bench/explain.sql
-- The statement texts are what TypeORM generates at commit 55b4ef8 (taken from pg_stat_statements while
-- `npm run bench` ran, see bench-results/bench-*.json "statements"), with the bind parameters written as literals.
-- TypeORM sends unnamed statements, so PostgreSQL plans every execution with the actual values (custom plans), as
-- here. Run it twice: the second run shows warm buffers (what the load runs see).
-- NB: EXPLAIN ANALYZE neither detoasts nor sends the selected columns: the cost of reading the 4 KB `body` and
-- `body_html` of every listed article and shipping them to Node is NOT in these timings (it is in
-- pg_stat_statements' exec time, see BENCHMARKS.md).

\set ON_ERROR_STOP on
\pset pager off
-- The columns TypeORM selects for an Article with its author (all of them, body and body_html included).
\set acols '"a"."id" AS "a_id", "a"."created_at" AS "a_created_at", "a"."updated_at" AS "a_updated_at", "a"."version" AS "a_version", "a"."slug" AS "a_slug", "a"."title" AS "a_title", "a"."excerpt" AS "a_excerpt", "a"."body" AS "a_body", "a"."body_html" AS "a_body_html", "a"."status" AS "a_status", "a"."published_at" AS "a_published_at", "a"."word_count" AS "a_word_count", "a"."author_id" AS "a_author_id", "a"."thumbnail_url" AS "a_thumbnail_url", "a"."thumbnail_alt" AS "a_thumbnail_alt", "a"."thumbnail_width" AS "a_thumbnail_width", "a"."thumbnail_height" AS "a_thumbnail_height", "author"."id" AS "author_id", "author"."created_at" AS "author_created_at", "author"."updated_at" AS "author_updated_at", "author"."version" AS "author_version", "author"."slug" AS "author_slug", "author"."name" AS "author_name", "author"."bio" AS "author_bio", "author"."avatar_url" AS "author_avatar_url"'
\set lcols '"l"."id" AS "l_id", "l"."article_id" AS "l_article_id", "l"."position" AS "l_position", "l"."target_article_id" AS "l_target_article_id", "l"."url" AS "l_url", "l"."title" AS "l_title", "t"."id" AS "t_id", "t"."created_at" AS "t_created_at", "t"."updated_at" AS "t_updated_at", "t"."version" AS "t_version", "t"."slug" AS "t_slug", "t"."title" AS "t_title", "t"."excerpt" AS "t_excerpt", "t"."body" AS "t_body", "t"."body_html" AS "t_body_html", "t"."status" AS "t_status", "t"."published_at" AS "t_published_at", "t"."word_count" AS "t_word_count", "t"."author_id" AS "t_author_id", "t"."thumbnail_url" AS "t_thumbnail_url", "t"."thumbnail_alt" AS "t_thumbnail_alt", "t"."thumbnail_width" AS "t_thumbnail_width", "t"."thumbnail_height" AS "t_thumbnail_height", "ta"."id" AS "ta_id", "ta"."created_at" AS "ta_created_at", "ta"."updated_at" AS "ta_updated_at", "ta"."version" AS "ta_version", "ta"."slug" AS "ta_slug", "ta"."name" AS "ta_name", "ta"."bio" AS "ta_bio", "ta"."avatar_url" AS "ta_avatar_url"'

-- Inputs: an article of the q1 rotation; the cursor ending feed page 5 (depth 100) and page 500 (depth 10,000).
SELECT slug AS art_slug, id AS art_id FROM articles a WHERE ("a"."status" IN ('PUBLISHED', 'SCHEDULED') AND "a"."published_at" <= now()) ORDER BY md5(slug) LIMIT 1 \gset
SELECT to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS cur_at, id AS cur_id FROM articles a
 WHERE ("a"."status" IN ('PUBLISHED', 'SCHEDULED') AND "a"."published_at" <= now()) ORDER BY published_at DESC, id DESC OFFSET 99 LIMIT 1 \gset
SELECT to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS deep_at, id AS deep_id FROM articles a
 WHERE ("a"."status" IN ('PUBLISHED', 'SCHEDULED') AND "a"."published_at" <= now()) ORDER BY published_at DESC, id DESC OFFSET 9999 LIMIT 1 \gset
-- the 10 newest: the articles whose tags q1 asks for in its second tags batch
SELECT '{' || string_agg(id::text, ',') || '}' AS latest_ids FROM (
  SELECT id FROM articles a WHERE ("a"."status" IN ('PUBLISHED', 'SCHEDULED') AND "a"."published_at" <= now()) ORDER BY published_at DESC, id DESC LIMIT 10) x \gset
SELECT slug AS author_slug FROM authors ORDER BY slug LIMIT 1 \gset
SELECT slug AS tag_slug FROM tags ORDER BY slug LIMIT 1 \gset
SELECT '{' || string_agg(id::text, ',') || '}' AS author_ids FROM (SELECT id FROM authors ORDER BY name, id LIMIT 10) x \gset

\echo '==== q1 #1: article by slug, author joined (ArticleService.findVisible)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT :acols FROM "articles" "a" INNER JOIN "authors" "author" ON "author"."id"="a"."author_id"
WHERE ("a"."status" IN ('PUBLISHED', 'SCHEDULED') AND "a"."published_at" <= now()) AND "a"."slug" = :'art_slug';

\echo '==== q1 #2: related links with target articles and their authors (relatedByArticleId loader)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT :lcols
FROM "related_links" "l" LEFT JOIN "articles" "t" ON "t"."id"="l"."target_article_id" LEFT JOIN "authors" "ta" ON "ta"."id"="t"."author_id"
WHERE "l"."article_id" = ANY(ARRAY[:'art_id']::uuid[])
  AND ("l"."url" IS NOT NULL OR ("t"."status" IN ('PUBLISHED', 'SCHEDULED') AND "t"."published_at" <= now()))
ORDER BY "l"."article_id" ASC, "l"."position" ASC;

\echo '==== q1 #3: latest-news window beside the article, LIMIT first + 2 = 12 (feedWindow loader)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT :acols FROM "articles" "a" INNER JOIN "authors" "author" ON "author"."id"="a"."author_id"
WHERE ("a"."status" IN ('PUBLISHED', 'SCHEDULED') AND "a"."published_at" <= now()) ORDER BY "a"."published_at" DESC, "a"."id" DESC LIMIT 12;

\echo '==== q1 #4/#5: tags of the article (1 id) and of the 10 latest (10 ids) (tagsByArticleId loader, two batches)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT "t"."id" AS "t_id", "t"."slug" AS "t_slug", "t"."name" AS "t_name", "at"."article_id" AS "article_id"
FROM "tags" "t" INNER JOIN "article_tags" "at" ON "at"."tag_id" = "t"."id"
WHERE "at"."article_id" = ANY(ARRAY[:'art_id']::uuid[]) ORDER BY "t"."name" ASC;
EXPLAIN (ANALYZE, BUFFERS)
SELECT "t"."id" AS "t_id", "t"."slug" AS "t_slug", "t"."name" AS "t_name", "at"."article_id" AS "article_id"
FROM "tags" "t" INNER JOIN "article_tags" "at" ON "at"."tag_id" = "t"."id"
WHERE "at"."article_id" = ANY(:'latest_ids'::uuid[]) ORDER BY "t"."name" ASC;

\echo '==== q2: feed page after the cursor ending page 5, LIMIT first + 1 = 21 (FeedService.rows)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT :acols FROM "articles" "a" INNER JOIN "authors" "author" ON "author"."id"="a"."author_id"
WHERE ("a"."status" IN ('PUBLISHED', 'SCHEDULED') AND "a"."published_at" <= now()) AND ("a"."published_at", "a"."id") < (:'cur_at', :'cur_id')
ORDER BY "a"."published_at" DESC, "a"."id" DESC LIMIT 21;

\echo '==== q2 deep: the same after the cursor ending page 500 (depth 10,000)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT :acols FROM "articles" "a" INNER JOIN "authors" "author" ON "author"."id"="a"."author_id"
WHERE ("a"."status" IN ('PUBLISHED', 'SCHEDULED') AND "a"."published_at" <= now()) AND ("a"."published_at", "a"."id") < (:'deep_at', :'deep_id')
ORDER BY "a"."published_at" DESC, "a"."id" DESC LIMIT 21;

\echo '==== other feeds (not in the load runs): latestNews(author:) - the author slug is filtered after the join'
EXPLAIN (ANALYZE, BUFFERS)
SELECT :acols FROM "articles" "a" INNER JOIN "authors" "author" ON "author"."id"="a"."author_id"
WHERE ("a"."status" IN ('PUBLISHED', 'SCHEDULED') AND "a"."published_at" <= now()) AND "author"."slug" = :'author_slug'
ORDER BY "a"."published_at" DESC, "a"."id" DESC LIMIT 21;

\echo '==== latestNews(tag:) with an existing tag'
EXPLAIN (ANALYZE, BUFFERS)
SELECT :acols FROM "articles" "a" INNER JOIN "authors" "author" ON "author"."id"="a"."author_id"
INNER JOIN "article_tags" "at" ON "at"."article_id" = "a"."id"
INNER JOIN "tags" "tg" ON "tg"."id" = "at"."tag_id" AND "tg"."slug" = :'tag_slug'
WHERE ("a"."status" IN ('PUBLISHED', 'SCHEDULED') AND "a"."published_at" <= now()) ORDER BY "a"."published_at" DESC, "a"."id" DESC LIMIT 21;

\echo '==== latestNews(tag:) with a tag slug that does not exist (walks the whole feed)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT :acols FROM "articles" "a" INNER JOIN "authors" "author" ON "author"."id"="a"."author_id"
INNER JOIN "article_tags" "at" ON "at"."article_id" = "a"."id"
INNER JOIN "tags" "tg" ON "tg"."id" = "at"."tag_id" AND "tg"."slug" = 'no-such-tag'
WHERE ("a"."status" IN ('PUBLISHED', 'SCHEDULED') AND "a"."published_at" <= now()) ORDER BY "a"."published_at" DESC, "a"."id" DESC LIMIT 21;

\echo '==== Author.articles for 10 authors (authorFeed loader, LATERAL per author)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT :acols FROM "articles" "a" INNER JOIN "authors" "author" ON "author"."id"="a"."author_id"
WHERE "a"."id" IN (SELECT x.id FROM unnest(CAST(:'author_ids' AS uuid[])) AS k(author_id) CROSS JOIN LATERAL (
           SELECT y.id FROM articles y
           WHERE y.author_id = k.author_id AND (y.status IN ('PUBLISHED', 'SCHEDULED') AND y.published_at <= now())
           ORDER BY y.published_at DESC, y.id DESC LIMIT 4) x)
ORDER BY "a"."published_at" DESC, "a"."id" DESC;
