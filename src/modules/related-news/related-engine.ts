import { DataSource, type EntityManager } from "typeorm";

import { dependencyKey } from "../../delivery/dependencies";
import { listedStatusSql } from "../articles/article.entity";
import type { ArticleChange, ArticleState, ArticleWriteHook } from "../articles/article-writes";
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
 * where N is the number of listed articles and n_tag the listed articles carrying the tag. Candidates are found
 * through what s has: the TAG_CANDIDATES newest listed articles of each of its tags and the AUTHOR_CANDIDATES newest
 * of its author (every one, but for the broadest tags and the most prolific authors: the bound that keeps a refresh
 * cheap whatever the volume, and news is about what is recent). The CANDIDATE_POOL best of them by tags and author
 * are then scored for text too. The list is the COMPUTED_RELATED best with a positive score, highest first, newer
 * first among equals (then by id). An entry's reason is its largest term (ties: tags, then author, then text). The
 * score is symmetric, which is what finds the lists a write affects.
 *
 * Tags are read from `listed_article_tags` (trigger-kept; a tag's listed articles, newest first, from an index
 * alone), so scoring one list reads a few index pages per tag and CANDIDATE_POOL article rows.
 *
 * The idf weights move a little with every publication; a list is recomputed with the current weights when it is
 * refreshed (when it, or an article that enters or leaves it, is written), not every time N changes.
 */
export const COMPUTED_RELATED = MAX_RELATED_LINKS;
export const SAME_AUTHOR_WEIGHT = 1.5;
export const SIMILAR_TEXT_WEIGHT = 4;
/** Candidates found through one shared tag: its newest listed articles. */
const TAG_CANDIDATES = 1000;
/** Candidates found through the author: their newest listed articles. */
const AUTHOR_CANDIDATES = 1000;
const CANDIDATE_POOL = 100;
/** How many of a written article's closest candidates are checked for whether it now enters their lists. */
const ENTRANTS_CHECKED = 30;
/** Most sources scored by one statement. */
const SOURCES_PER_STATEMENT = 25;
/** The advisory-lock namespace of list refreshes (the second key is the article id's hash). */
const REFRESH_LOCK = 0x7e1a7ed;

/**
 * The scored candidates of the articles `$1` (a uuid[]), best first, with `$2` the number of listed articles (N):
 * rows of article_id, target_id, reason, score, position (from 0). `exclusions` applies the source's pinned links and
 * editors' exclusions (off when looking for the lists a source could enter, whose exclusions are their own).
 */
function scoredSql(exclusions: boolean): string {
  const listed = listedStatusSql;
  const excluded = exclusions
    ? `ARRAY(SELECT l.target_article_id FROM related_links l WHERE l.article_id = a.id AND l.target_article_id IS NOT NULL)
       || ARRAY(SELECT x.target_id FROM related_exclusions x WHERE x.article_id = a.id)`
    : `'{}'::uuid[]`;
  const author = `CASE WHEN bool_or(m.w IS NULL) THEN ${SAME_AUTHOR_WEIGHT} ELSE 0 END`;
  return `WITH src AS (
      SELECT a.id, a.author_id, a.title, ${excluded} AS excluded
        FROM articles a WHERE a.id = ANY($1::uuid[]) AND ${listed("a.status")}
    ), idf AS MATERIALIZED (
      SELECT t.tag_id, ln($2::float8 / greatest((SELECT count(*) FROM listed_article_tags n WHERE n.tag_id = t.tag_id), 1)) AS w
        FROM (SELECT DISTINCT st.tag_id FROM article_tags st JOIN src ON src.id = st.article_id) t
    )
    SELECT s.id AS article_id, q.target_id,
           CASE WHEN q.tag_score >= q.author_score AND q.tag_score >= q.text_score THEN 'SHARED_TAGS'
                WHEN q.author_score >= q.text_score THEN 'SAME_AUTHOR' ELSE 'SIMILAR_TEXT' END AS reason,
           round((q.tag_score + q.author_score + q.text_score)::numeric, 6)::float8 AS score,
           (row_number() OVER (PARTITION BY s.id ORDER BY q.tag_score + q.author_score + q.text_score DESC, q.published_at DESC, q.target_id DESC) - 1)::int AS position
      FROM src s CROSS JOIN LATERAL (
        SELECT pool.target_id, c.published_at, pool.tag_score,
               CASE WHEN c.author_id = s.author_id THEN ${SAME_AUTHOR_WEIGHT} ELSE 0 END AS author_score,
               ${SIMILAR_TEXT_WEIGHT} * similarity(c.title, s.title) AS text_score
          FROM (
            SELECT m.id AS target_id, coalesce(sum(m.w), 0) AS tag_score
              FROM (
                SELECT r.article_id AS id, r.published_at, d.w
                  FROM article_tags st JOIN idf d ON d.tag_id = st.tag_id CROSS JOIN LATERAL (
                    SELECT n.article_id, n.published_at FROM listed_article_tags n WHERE n.tag_id = st.tag_id
                     ORDER BY n.published_at DESC, n.article_id DESC LIMIT ${TAG_CANDIDATES}
                  ) r
                 WHERE st.article_id = s.id
                UNION ALL
                (SELECT b.id, b.published_at, NULL FROM articles b WHERE b.author_id = s.author_id AND ${listed("b.status")}
                  ORDER BY b.published_at DESC, b.id DESC LIMIT ${AUTHOR_CANDIDATES})
              ) m
             WHERE m.id <> s.id AND m.id <> ALL (s.excluded)
             GROUP BY m.id
             ORDER BY coalesce(sum(m.w), 0) + ${author} DESC, max(m.published_at) DESC, m.id DESC
             LIMIT ${CANDIDATE_POOL}
          ) pool JOIN articles c ON c.id = pool.target_id AND ${listed("c.status")}
        OFFSET 0 -- a fence: the pool's rows look up their articles one by one, never as a join over all articles
      ) q
     WHERE q.tag_score + q.author_score + q.text_score > 0
     ORDER BY s.id, position`;
}

/** Wraps `scoredSql` to keep each source's first `limit` rows. */
const bestSql = (limit: number, exclusions: boolean) =>
  `SELECT * FROM (${scoredSql(exclusions)}) b WHERE b.position < ${limit}`;

/** N of the formula: the listed articles (an index-only count, once per refresh, not once per list). */
async function listedCount(manager: EntityManager): Promise<number> {
  const [row] = (await manager.query(
    `SELECT count(*)::float8 AS n FROM articles WHERE ${listedStatusSql("status")}`,
  )) as Array<{ n: number }>;
  return row?.n ?? 0;
}

/** The lists' contents, to tell which a refresh changed. */
async function storedLists(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
  const rows = (await manager.query(
    `SELECT article_id, json_agg(json_build_array(target_id, reason, score) ORDER BY position)::text AS list
       FROM article_related WHERE article_id = ANY($1::uuid[]) GROUP BY article_id`,
    [ids],
  )) as Array<{ article_id: string; list: string }>;
  return new Map(rows.map((row) => [row.article_id, row.list]));
}

/** Takes the refresh locks of `sorted` (in that order, so concurrent refreshes never deadlock). */
async function lockLists(manager: EntityManager, sorted: string[]): Promise<void> {
  await manager.query(
    `SELECT count(pg_advisory_xact_lock(${REFRESH_LOCK}, k)) FROM (SELECT DISTINCT hashtext(id) AS k FROM unnest($1::text[]) id ORDER BY 1) keys`,
    [sorted],
  );
}

/** Replaces the stored lists of `ids` (locked) by freshly scored ones. */
async function rewriteLists(manager: EntityManager, ids: string[], n: number): Promise<void> {
  await manager.query("DELETE FROM article_related WHERE article_id = ANY($1::uuid[])", [ids]);
  // In chunks: each statement stays well inside the statement timeout whatever the number of lists.
  for (let start = 0; start < ids.length; start += SOURCES_PER_STATEMENT) {
    await manager.query(
      `INSERT INTO article_related (article_id, target_id, position, reason, score)
       SELECT article_id, target_id, position, reason::related_reason, score FROM (${bestSql(COMPUTED_RELATED, true)}) q`,
      [ids.slice(start, start + SOURCES_PER_STATEMENT), n],
    );
  }
}

/**
 * Recomputes the stored lists of `ids` in `manager`'s transaction and returns the ids whose list changed. An id that
 * is not (or no longer) a listed article gets an empty list. Refreshes of one article's list queue up on an
 * advisory lock, taken in one order, so concurrent writes never interleave or deadlock on a list. `n` is N of the
 * formula when the caller has it already.
 */
export async function refreshRelated(manager: EntityManager, ids: string[], n?: number): Promise<string[]> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return [];
  await lockLists(manager, sorted);
  const before = await storedLists(manager, sorted);
  await rewriteLists(manager, sorted, n ?? (await listedCount(manager)));
  const after = await storedLists(manager, sorted);
  return sorted.filter((id) => before.get(id) !== after.get(id));
}

/**
 * The articles whose lists a write on `ids` may change, besides `ids` themselves: those whose stored list holds one
 * of them (it may leave, or move), and, for a listed one, its closest candidates whose list it would now enter (a
 * list not full yet, or whose last score it reaches; the score is symmetric).
 */
async function affectedBy(manager: EntityManager, ids: string[], n: number): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT r.article_id AS id FROM article_related r WHERE r.target_id = ANY($1::uuid[])
     UNION
     SELECT c.target_id FROM (${bestSql(ENTRANTS_CHECKED, false)}) c
      WHERE (SELECT count(*) FROM article_related r WHERE r.article_id = c.target_id) < ${COMPUTED_RELATED}
         OR c.score >= (SELECT min(r.score) FROM article_related r WHERE r.article_id = c.target_id)`,
    [ids, n],
  )) as Array<{ id: string }>;
  return rows.map((row) => row.id);
}

/** What of an article the score reads: when none of it changed, no other article's list can have. */
const scoredState = (state: ArticleState | null) =>
  state?.listed
    ? JSON.stringify([state.title, state.authorId, state.publishedAt?.getTime(), [...state.tagSlugs].sort()])
    : null;

/**
 * Keeps the stored lists current on every editorial write on articles: the written articles' own lists (their pins
 * or exclusions may have changed) and, for those whose scored state (listed, title, author, time, tags) changed, the
 * lists of the articles they affect, in the write's transaction; returns the page keys of every article whose list
 * changed, for the response cache to purge (`relatedList`: their `related`, `relatedNews` and deduped `latestNews`).
 */
export const relatedNewsHook = (): ArticleWriteHook => ({
  async inTransaction(manager: EntityManager, changes: ArticleChange[]) {
    const ids = changes.map((change) => change.id);
    if (ids.length === 0) return [];
    const moved = changes
      .filter((change) => scoredState(change.before) !== scoredState(change.after))
      .map((change) => change.id);
    const n = await listedCount(manager);
    const affected = moved.length > 0 ? await affectedBy(manager, moved, n) : [];
    const changed = await refreshRelated(manager, [...ids, ...affected], n);
    return changed.map(dependencyKey.relatedList);
  },
});

/** Options of {@link refreshAllRelated}. */
export interface RefreshAllOptions {
  /** Lists per batch (per transaction when given a DataSource). */
  batch?: number;
  /** Batches in flight at once (each on a connection of its own; only with a DataSource). */
  concurrency?: number;
  /** Called after every batch. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Recomputes every listed article's list, in batches, and empties the lists of the others: after a bulk load that
 * bypassed the write path (the demo seed, an import), or once after the migration that added the lists. Given a
 * DataSource, each batch commits on its own (a full refresh at volume holds no long transaction, and no more locks
 * than a batch's); given an EntityManager, all run in its transaction. Returns how many lists it computed.
 */
export async function refreshAllRelated(
  target: DataSource | EntityManager,
  { batch = 500, concurrency = 1, onProgress }: RefreshAllOptions = {},
): Promise<number> {
  const inBatch = <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> =>
    target instanceof DataSource ? target.transaction(work) : work(target);
  const ids = await inBatch(async (manager) => {
    await manager.query(
      `DELETE FROM article_related r WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = r.article_id AND ${listedStatusSql("a.status")})`,
    );
    const rows = (await manager.query(
      `SELECT id FROM articles WHERE ${listedStatusSql("status")} ORDER BY id`,
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  });
  let next = 0;
  let done = 0;
  // Workers take the next batch until none is left; batches hold disjoint lists, and each takes its locks in order.
  const worker = async () => {
    for (let start = next; start < ids.length; start = next) {
      next += batch;
      const slice = ids.slice(start, start + batch);
      await inBatch(async (manager) => {
        await lockLists(manager, slice);
        await rewriteLists(manager, slice, await listedCount(manager));
      });
      done += slice.length;
      onProgress?.(done, ids.length);
    }
  };
  const workers = target instanceof DataSource ? Math.max(1, concurrency) : 1;
  await Promise.all(Array.from({ length: workers }, worker));
  return ids.length;
}
