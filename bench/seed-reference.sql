-- Byline reference-volume seed: deterministic (setseed + md5-derived uuids), built with generate_series.
-- Modelled on /work/shared/bench/seed.sql, for Byline's own schema (migrations/*-Initial.ts).
--
-- Volume: 500 authors, 100,000 articles (body 3-5 KB, word_count filled), 200 tags, ~3 tags per article,
-- 4 related links per article (internal targets only, always a visible published article, positions 0..3,
-- never self, never duplicated).
-- Status mix (per article, one random draw):
--   ~90%  PUBLISHED, published_at in the past (before 2026-01-01)  -> what readers see
--   ~2%   PUBLISHED, published_at in the future (embargoed)        -> hidden by the visibility rule
--   ~2%   SCHEDULED, published_at in the future                    -> hidden
--   ~4%   DRAFT, published_at NULL                                 -> hidden
--   ~2%   ARCHIVED, published_at in the past                       -> hidden
--
-- Expects the migrated, EMPTY schema (`npm run bench` starts Byline first, which applies its migrations, then loads
-- this file). Keeps every constraint and index of the schema in place (FKs and CHECKs are checked on insert).
-- Columns added by later migrations keep their defaults here (articles.version, authors.version); columns derived
-- from the body (articles.body_html, rendered Markdown) are filled afterwards by bench/bench.ts with Byline's own
-- renderer. Plain SQL, no psql meta-commands: runs through `psql -v ON_ERROR_STOP=1 -f` and through node-postgres as
-- one simple-protocol query. Follow it with VACUUM (cannot run inside the transaction below; bench/bench.ts does it;
-- this server runs with autovacuum off).
-- Runtime: ~70 s on the 2-core box (plus ~2 min for body_html in bench.ts).

BEGIN;
SET LOCAL synchronous_commit = off;
SET LOCAL maintenance_work_mem = '512MB';
SET LOCAL work_mem = '64MB';

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM authors) OR EXISTS (SELECT 1 FROM tags) THEN
    RAISE EXCEPTION 'seed-reference.sql: the database already has content; it expects an empty migrated schema';
  END IF;
END $$;

SELECT setseed(0.4242);

-- Word list and a pool of random paragraphs (bodies are made of 5-6 of these).
CREATE TEMP TABLE words ON COMMIT DROP AS
SELECT row_number() OVER () AS i, w
FROM unnest(string_to_array(
 'the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were her '
 'she there been one all would their we him when who more no if out so said what up its about into than them can only other '
 'new some could time these two may then do first any my now such like our over man me even most made after also did many '
 'before must through back years where much your way well down should because each just those people how too little state '
 'good very make world still own see men work long get here between both life being under never day same another know while '
 'last might us great old year off come since against go came right used take three city council election market economy '
 'government minister police court report school health hospital weather storm football club season match coach players '
 'company shares prices energy climate policy budget vote parliament mayor street station airport trains traffic festival '
 'music film theatre museum exhibition book author science research study university students teachers children families '
 'housing rent water river bridge road village region country border europe summer winter spring autumn morning evening '
 'night week month officials spokesperson statement announced confirmed expected according percent million billion local '
 'national international early late major minor public private digital online network data security privacy software',
 ' ')) AS w;

CREATE TEMP TABLE wl ON COMMIT DROP AS SELECT array_agg(w ORDER BY i) AS a, count(*)::int AS n FROM words;

-- random() only in target lists of MATERIALIZED CTEs / OFFSET 0 subqueries (never in join conditions),
-- so each slot gets exactly one independent draw and the sequence is deterministic after setseed.
CREATE TEMP TABLE para ON COMMIT DROP AS
WITH slots AS MATERIALIZED (
  SELECT p, k, 1 + floor(random() * (SELECT n FROM wl))::int AS wi
  FROM generate_series(1, 2000) AS p
  CROSS JOIN LATERAL generate_series(1, 100 + (p % 60)) AS k
)
SELECT s.p AS i,
       count(*)::int AS words,
       string_agg(CASE WHEN s.k % 12 = 1 THEN initcap(wl.a[s.wi]) ELSE wl.a[s.wi] END
                  || CASE WHEN s.k % 12 = 0 THEN '.' ELSE '' END, ' ' ORDER BY s.k) || '.' AS txt
FROM slots s CROSS JOIN wl
GROUP BY s.p;
CREATE UNIQUE INDEX ON para (i);

-- Authors ---------------------------------------------------------------------
INSERT INTO authors (id, slug, name, bio, avatar_url, created_at, updated_at)
SELECT md5('byline-author-' || aid)::uuid,
       lower(fn || '-' || ln || '-' || aid),
       fn || ' ' || ln,
       'Writes about ' || wl.a[1 + (aid * 7) % wl.n] || ', ' || wl.a[1 + (aid * 13) % wl.n] || ' and ' || wl.a[1 + (aid * 29) % wl.n]
         || '. ' || left((SELECT txt FROM para WHERE para.i = 1 + (aid * 17) % 2000), 240),
       'https://cdn.example.com/avatars/' || aid || '.jpg',
       timestamptz '2015-01-01 00:00:00+00' + (aid || ' days')::interval,
       timestamptz '2015-01-01 00:00:00+00' + (aid || ' days')::interval
FROM generate_series(1, 500) AS aid
CROSS JOIN wl
CROSS JOIN LATERAL (SELECT (ARRAY['Anna','Ben','Carla','David','Eva','Frank','Greta','Hugo','Ines','Jonas','Karin','Lukas','Maria','Nils','Olga','Paul','Rita','Sven','Tina','Uwe'])[1 + aid % 20] AS fn,
                           (ARRAY['Berg','Claes','Dahl','Eriksen','Falk','Gruber','Hansen','Iversen','Jensen','Kraus','Lund','Moser','Nagel','Ortiz','Petersen','Quist','Roth','Schulz','Vogel','Weber','Young','Zander','Larsen','Meyer','Novak'])[1 + (aid / 20) % 25] AS ln) nm;

-- Tags ------------------------------------------------------------------------
INSERT INTO tags (id, slug, name)
SELECT md5('byline-tag-' || t)::uuid, wl.a[1 + (t * 11) % wl.n] || '-' || t, initcap(wl.a[1 + (t * 11) % wl.n]) || ' ' || t
FROM generate_series(1, 200) t CROSS JOIN wl;

-- Articles --------------------------------------------------------------------
-- published_at: whole seconds (the column is timestamptz(3)), past ones spread over the ~5 years before a fixed
-- date (fixed => deterministic), future ones in 2036 (stays "future" for years).
INSERT INTO articles (id, slug, title, excerpt, body, status, published_at, word_count, author_id,
                      thumbnail_url, thumbnail_alt, thumbnail_width, thumbnail_height, created_at, updated_at)
SELECT md5('byline-article-' || n)::uuid,
       lower(replace(title, ' ', '-')) || '-' || n,
       title,
       left(p1.txt, 160 + (n % 90)) || '...',
       p1.txt || E'\n\n' || p2.txt || E'\n\n' || p3.txt || E'\n\n' || p4.txt || E'\n\n' || p5.txt
         || CASE WHEN n % 3 = 0 THEN E'\n\n' || p6.txt ELSE '' END,
       st.status::article_status,
       st.published_at,
       p1.words + p2.words + p3.words + p4.words + p5.words + CASE WHEN n % 3 = 0 THEN p6.words ELSE 0 END,
       md5('byline-author-' || (1 + floor(r_author * 500)::int))::uuid,
       'https://cdn.example.com/thumbs/' || n || '.jpg',
       'Photo: ' || title,
       1200,
       675,
       pub - interval '3 hours',
       pub + CASE WHEN n % 4 = 0 THEN interval '2 days' ELSE interval '5 minutes' END
FROM (
  SELECT g.n,
         random() AS r_status,
         random() AS r_author,
         date_trunc('second', timestamptz '2026-01-01 00:00:00+00' - random() * interval '1826 days') AS pub,
         date_trunc('second', timestamptz '2036-01-01 00:00:00+00' + random() * interval '365 days') AS future,
         1 + floor(random() * 2000)::int AS k1, 1 + floor(random() * 2000)::int AS k2,
         1 + floor(random() * 2000)::int AS k3, 1 + floor(random() * 2000)::int AS k4,
         1 + floor(random() * 2000)::int AS k5, 1 + floor(random() * 2000)::int AS k6,
         initcap(concat_ws(' ', wl.a[1 + floor(random() * wl.n)::int], wl.a[1 + floor(random() * wl.n)::int],
                         wl.a[1 + floor(random() * wl.n)::int], wl.a[1 + floor(random() * wl.n)::int],
                         wl.a[1 + floor(random() * wl.n)::int], wl.a[1 + (g.n % wl.n)])) AS title
  FROM generate_series(1, 100000) AS g(n) CROSS JOIN wl
  OFFSET 0
) s
CROSS JOIN LATERAL (
  SELECT CASE WHEN r_status < 0.90 THEN 'PUBLISHED'
              WHEN r_status < 0.92 THEN 'PUBLISHED'
              WHEN r_status < 0.94 THEN 'SCHEDULED'
              WHEN r_status < 0.98 THEN 'DRAFT'
              ELSE 'ARCHIVED' END AS status,
         CASE WHEN r_status < 0.90 THEN pub
              WHEN r_status < 0.94 THEN future
              WHEN r_status < 0.98 THEN NULL
              ELSE pub END AS published_at
) st
JOIN para p1 ON p1.i = s.k1
JOIN para p2 ON p2.i = s.k2
JOIN para p3 ON p3.i = s.k3
JOIN para p4 ON p4.i = s.k4
JOIN para p5 ON p5.i = s.k5
JOIN para p6 ON p6.i = s.k6
ORDER BY n;

-- Tags: 3 picks per article, distinct (sometimes 2 when a random pick repeats).
INSERT INTO article_tags (article_id, tag_id)
WITH picks AS MATERIALIZED (
  SELECT a.n, md5('byline-tag-' || (1 + floor(random() * 200)::int))::uuid AS tag_id
  FROM generate_series(1, 100000) AS a(n) CROSS JOIN generate_series(1, 3) g
)
SELECT DISTINCT md5('byline-article-' || n)::uuid, tag_id FROM picks;

-- Related links: 4 per article, positions 0..3, distinct, never self, always a visible published article
-- (internal targets only: url and title stay NULL).
CREATE TEMP TABLE pub_ids ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY id) AS rn, id
FROM articles
WHERE status = 'PUBLISHED' AND published_at < timestamptz '2026-01-01 00:00:00+00';
CREATE UNIQUE INDEX ON pub_ids (rn);
ANALYZE pub_ids;

INSERT INTO related_links (id, article_id, position, target_article_id)
WITH picks AS MATERIALIZED (
  SELECT a.n, g, 1 + floor(random() * (SELECT count(*) FROM pub_ids))::int AS rn
  FROM generate_series(1, 100000) AS a(n) CROSS JOIN generate_series(1, 6) g
), cand AS (
  SELECT k.n, md5('byline-article-' || k.n)::uuid AS article_id, p.id AS target_article_id, min(k.g) AS first_g
  FROM picks k JOIN pub_ids p ON p.rn = k.rn
  WHERE p.id <> md5('byline-article-' || k.n)::uuid
  GROUP BY k.n, p.id
), ranked AS (
  SELECT n, article_id, target_article_id,
         row_number() OVER (PARTITION BY article_id ORDER BY first_g) - 1 AS pos
  FROM cand
)
SELECT md5('byline-related-' || n || '-' || pos)::uuid, article_id, pos, target_article_id
FROM ranked
WHERE pos <= 3
ORDER BY article_id, pos;

ANALYZE authors, tags, articles, article_tags, related_links;

COMMIT;
