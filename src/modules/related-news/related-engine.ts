import type { EntityManager } from "typeorm";

import { dependencyKey } from "../../delivery/dependencies";
import { listedStatusSql } from "../articles/article.entity";
import type { ArticleChange, ArticleWriteHook } from "../articles/article-writes";
import { MAX_RELATED_LINKS } from "./related-link.entity";

/**
 * Computed related news, stored in `article_related` and refreshed on the write path, never on a read.
 *
 * The score of a candidate c for an article s (both listed: PUBLISHED or SCHEDULED; never s itself, never a target
 * s pins, never one an editor excluded from s's list):
 *
 *   score = Σ over the tags they share of ln(N / n_tag)           (SHARED_TAGS: rarer tags weigh more; idf)
 *         + SAME_AUTHOR_WEIGHT   if they have the same author      (SAME_AUTHOR)
 *         + SIMILAR_TEXT_WEIGHT × similarity(s.title, c.title)     (SIMILAR_TEXT: pg_trgm trigram similarity, 0..1)
 *
 * where N is the number of listed articles and n_tag the listed articles carrying the tag. Candidates are the
 * articles that share a tag or the author with s; the CANDIDATE_POOL best by tags and author are then scored for
 * text too (the bound that keeps a refresh cheap whatever the volume). The list is the COMPUTED_RELATED best with a
 * positive score, highest first, newer first among equals (then by id). An entry's reason is its largest term (ties:
 * tags, then author, then text). The score is symmetric, which is what finds the lists a write affects.
 *
 * The idf weights move a little with every publication; a list is recomputed with the current weights when it is
 * refreshed (when it, or an article that enters or leaves it, is written), not every time N changes.
 */
export const COMPUTED_RELATED = MAX_RELATED_LINKS;
export const SAME_AUTHOR_WEIGHT = 1.5;
export const SIMILAR_TEXT_WEIGHT = 4;
const CANDIDATE_POOL = 200;
/** How many of a written article's closest candidates are checked for whether it now enters their lists. */
const ENTRANTS_CHECKED = 30;
/** Most sources scored by one statement. */
const SOURCES_PER_STATEMENT = 10;
/** The advisory-lock namespace of list refreshes (the second key is the article id's hash). */
const REFRESH_LOCK = 0x7e1a7ed;

/**
 * The scored candidates of the articles `$1` (a uuid[]), best first: rows of article_id,
 * target_id, reason, score, position (from 0). `exclusions` applies the source's pinned links and editors'
 * exclusions (off when looking for the lists a source could enter, whose exclusions are their own).
 */
function scoredSql(exclusions: boolean): string {
  const listed = listedStatusSql;
  const excluded = exclusions
    ? `AND NOT EXISTS (SELECT 1 FROM related_links l WHERE l.article_id = s.id AND l.target_article_id = c.id)
       AND NOT EXISTS (SELECT 1 FROM related_exclusions x WHERE x.article_id = s.id AND x.target_id = c.id)`
    : "";
  return `WITH src AS (
      SELECT a.id, a.author_id, a.title FROM articles a WHERE a.id = ANY($1::uuid[]) AND ${listed("a.status")}
    ), idf AS (
      SELECT x.tag_id, ln((SELECT count(*) FROM articles n WHERE ${listed("n.status")})::float8 / count(*)) AS w
        FROM article_tags x JOIN articles c ON c.id = x.article_id
       WHERE ${listed("c.status")} AND x.tag_id IN (SELECT st.tag_id FROM article_tags st JOIN src ON src.id = st.article_id)
       GROUP BY x.tag_id
    )
    SELECT s.id AS article_id, q.target_id,
           CASE WHEN q.tag_score >= q.author_score AND q.tag_score >= q.text_score THEN 'SHARED_TAGS'
                WHEN q.author_score >= q.text_score THEN 'SAME_AUTHOR' ELSE 'SIMILAR_TEXT' END AS reason,
           round((q.tag_score + q.author_score + q.text_score)::numeric, 6)::float8 AS score,
           (row_number() OVER (PARTITION BY s.id ORDER BY q.tag_score + q.author_score + q.text_score DESC, q.published_at DESC, q.target_id DESC) - 1)::int AS position
      FROM src s CROSS JOIN LATERAL (
        SELECT pool.*, ${SIMILAR_TEXT_WEIGHT} * similarity(pool.title, s.title) AS text_score FROM (
          SELECT c.id AS target_id, c.published_at, c.title, coalesce(sum(m.w), 0) AS tag_score,
                 CASE WHEN c.author_id = s.author_id THEN ${SAME_AUTHOR_WEIGHT} ELSE 0 END AS author_score
            FROM (
              SELECT x.article_id AS id, d.w FROM article_tags st JOIN idf d ON d.tag_id = st.tag_id
                JOIN article_tags x ON x.tag_id = st.tag_id WHERE st.article_id = s.id
              UNION ALL
              SELECT b.id, NULL FROM articles b WHERE b.author_id = s.author_id AND ${listed("b.status")}
            ) m JOIN articles c ON c.id = m.id
           WHERE c.id <> s.id AND ${listed("c.status")} ${excluded}
           GROUP BY c.id
           ORDER BY coalesce(sum(m.w), 0) + CASE WHEN c.author_id = s.author_id THEN ${SAME_AUTHOR_WEIGHT} ELSE 0 END DESC,
                    c.published_at DESC, c.id DESC
           LIMIT ${CANDIDATE_POOL}
        ) pool
      ) q
     WHERE q.tag_score + q.author_score + q.text_score > 0
     ORDER BY s.id, position`;
}

/** Wraps `scoredSql` to keep each source's first `limit` rows. */
const bestSql = (limit: number, exclusions: boolean) =>
  `SELECT * FROM (${scoredSql(exclusions)}) b WHERE b.position < ${limit}`;

/** The lists' contents, to tell which a refresh changed. */
async function storedLists(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
  const rows = (await manager.query(
    `SELECT article_id, json_agg(json_build_array(target_id, reason, score) ORDER BY position)::text AS list
       FROM article_related WHERE article_id = ANY($1::uuid[]) GROUP BY article_id`,
    [ids],
  )) as Array<{ article_id: string; list: string }>;
  return new Map(rows.map((row) => [row.article_id, row.list]));
}

/**
 * Recomputes the stored lists of `ids` in `manager`'s transaction and returns the ids whose list changed. An id that
 * is not (or no longer) a listed article gets an empty list. Refreshes of one article's list queue up on an
 * advisory lock, taken in one order, so concurrent writes never interleave or deadlock on a list.
 */
export async function refreshRelated(manager: EntityManager, ids: string[]): Promise<string[]> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return [];
  await manager.query(
    `SELECT count(pg_advisory_xact_lock(${REFRESH_LOCK}, k)) FROM (SELECT DISTINCT hashtext(id) AS k FROM unnest($1::text[]) id ORDER BY 1) keys`,
    [sorted],
  );
  const before = await storedLists(manager, sorted);
  await manager.query("DELETE FROM article_related WHERE article_id = ANY($1::uuid[])", [sorted]);
  // In chunks: at the reference volume (100k articles) one source costs tens of milliseconds to score, and each
  // statement must stay well inside the statement timeout.
  for (let start = 0; start < sorted.length; start += SOURCES_PER_STATEMENT) {
    await manager.query(
      `INSERT INTO article_related (article_id, target_id, position, reason, score)
       SELECT article_id, target_id, position, reason::related_reason, score FROM (${bestSql(COMPUTED_RELATED, true)}) q`,
      [sorted.slice(start, start + SOURCES_PER_STATEMENT)],
    );
  }
  const after = await storedLists(manager, sorted);
  return sorted.filter((id) => before.get(id) !== after.get(id));
}

/**
 * The articles whose lists a write on `ids` may change, besides `ids` themselves: those whose stored list holds one
 * of them (it may leave, or move), and, for a listed one, its closest candidates whose list it would now enter (a
 * list not full yet, or whose last score it reaches; the score is symmetric).
 */
async function affectedBy(manager: EntityManager, ids: string[]): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT r.article_id AS id FROM article_related r WHERE r.target_id = ANY($1::uuid[])
     UNION
     SELECT c.target_id FROM (${bestSql(ENTRANTS_CHECKED, false)}) c
      WHERE (SELECT count(*) FROM article_related r WHERE r.article_id = c.target_id) < ${COMPUTED_RELATED}
         OR c.score >= (SELECT min(r.score) FROM article_related r WHERE r.article_id = c.target_id)`,
    [ids],
  )) as Array<{ id: string }>;
  return rows.map((row) => row.id);
}

/**
 * Keeps the stored lists current on every editorial write on articles: the written articles' own lists and those
 * of the articles they affect, in the write's transaction; returns the page keys of every article whose list
 * changed, for the response cache to purge (their `related`, `relatedNews` and deduped `latestNews`).
 */
export const relatedNewsHook = (): ArticleWriteHook => ({
  async inTransaction(manager: EntityManager, changes: ArticleChange[]) {
    const ids = changes.map((change) => change.id);
    if (ids.length === 0) return [];
    const affected = await affectedBy(manager, ids);
    const changed = await refreshRelated(manager, [...ids, ...affected]);
    return changed.map(dependencyKey.relatedList);
  },
});

/** Most sources per refresh statement in {@link refreshAllRelated}. */
const REFRESH_BATCH = 50;

/**
 * Recomputes every listed article's list, in batches, in `manager`'s transaction: after a bulk load that bypassed the
 * write path (the demo seed, an import), or once after the migration that added the lists. Returns how many.
 */
export async function refreshAllRelated(manager: EntityManager): Promise<number> {
  const ids = (
    (await manager.query(`SELECT id FROM articles WHERE ${listedStatusSql("status")} ORDER BY id`)) as Array<{
      id: string;
    }>
  ).map((row) => row.id);
  for (let start = 0; start < ids.length; start += REFRESH_BATCH) {
    await refreshRelated(manager, ids.slice(start, start + REFRESH_BATCH));
  }
  return ids.length;
}
