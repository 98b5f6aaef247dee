import { visibleArticleSql } from "../articles/article.visibility";
import { Viewer } from "../auth/viewer";
import type { ArticleFilter } from "../news-feed/feed.args";
import { type Bind, feedConditions } from "../news-feed/feed.sql";
import type { SyncState } from "./sync.token";

/** One row of a sync page: an article that changed (listed: readers see it now) or left (listed: false). */
export interface WindowRow {
  /** The round's upper snapshot and time, on every row (and on the one row of an empty page, whose id is null). */
  snapshot: string;
  at: Date;
  id: string | null;
  listed: boolean | null;
}

export interface Statement {
  text: string;
  params: unknown[];
}

/** Positional parameters (`$1`, `$2`, ...) for a statement sent through `DataSource.query`. */
export function positionalBind(params: unknown[]): Bind {
  return (value, type) => {
    params.push(value);
    return type ? `CAST($${params.length} AS ${type})` : `$${params.length}`;
  };
}

// xid8 has no cast from bigint; its text form is the number.
const xid8 = (column: string) => `${column}::text::xid8`;

/** The row was written by a transaction the client's snapshot did not see (the index range, then the exact test). */
const unseenSql = (changeId: string) =>
  `${changeId} >= pg_snapshot_xmin(b.base)::text::bigint AND NOT pg_visible_in_snapshot(${xid8(changeId)}, b.base)`;

/**
 * The page of a sync round in ONE statement, ordered by article id after the round's position:
 * - articles readers see now (the visibility rule and the filter of every feed, feed.sql.ts) written by transactions
 *   the client's snapshot did not see but the round's upper snapshot does, or whose publication time came between
 *   the two points' times (scheduled articles appear with no write);
 * - articles written in that window that the feed no longer shows (`listed` false), when readers may know of them:
 *   visible ones (a tag or author changed under a filtered sync), and those with a tombstone in the window (deleted
 *   or hidden after readers could see them; src/modules/sync/article-tombstone.entity.ts). A draft nobody has seen is
 *   never named.
 * The first page of a round takes its upper point from this statement's own snapshot (`pg_current_snapshot()` is the
 * statement's snapshot under READ COMMITTED): a transaction still open then is in it and its changes land in the next
 * round, however late it commits. The statement also prunes tombstones past the retention.
 */
export function syncPageStatement(
  state: Pick<SyncState, "seen" | "round">,
  filter: ArticleFilter,
  limit: number,
  retentionSeconds: number,
): Statement {
  const params: unknown[] = [];
  const bind = positionalBind(params);
  const listed = feedConditions("a", Viewer.anonymous, null, filter, bind).join(" AND ");
  const visible = visibleArticleSql("a", Viewer.anonymous);
  const after = bind(state.round?.after ?? null, "uuid");
  const text = `
    WITH bounds AS MATERIALIZED (
      SELECT COALESCE(${bind(state.round?.snapshot ?? null, "pg_snapshot")}, pg_current_snapshot()) AS upper,
             COALESCE(${bind(state.round?.at ?? null, "timestamptz")}, date_trunc('milliseconds', now())) AS upper_at,
             ${bind(state.seen?.snapshot ?? null, "pg_snapshot")} AS base,
             ${bind(state.seen?.at ?? null, "timestamptz")} AS base_at
    ), pruned AS (
      DELETE FROM article_tombstones WHERE removed_at < now() - make_interval(secs => ${bind(retentionSeconds, "int")})
    ), left_rows AS (
      SELECT t.article_id AS id FROM article_tombstones t CROSS JOIN bounds b
      WHERE b.base IS NOT NULL AND ${unseenSql("t.change_id")}
        AND pg_visible_in_snapshot(${xid8("t.change_id")}, b.upper)
    ), written AS (
      SELECT a.id, (${listed}) AS listed, ${visible} AS visible FROM articles a CROSS JOIN bounds b
      WHERE pg_visible_in_snapshot(${xid8("a.change_id")}, b.upper)
        AND CASE WHEN b.base IS NULL THEN (${listed}) ELSE ${unseenSql("a.change_id")} END
    ), window_rows AS (
      SELECT w.id, w.listed FROM written w
      WHERE w.listed OR w.visible OR w.id IN (SELECT id FROM left_rows)
      UNION
      SELECT a.id, TRUE FROM articles a CROSS JOIN bounds b
      WHERE a.published_at > b.base_at AND a.published_at <= b.upper_at AND ${listed}
      UNION
      SELECT l.id, FALSE FROM left_rows l WHERE NOT EXISTS (SELECT 1 FROM written w WHERE w.id = l.id)
    )
    SELECT b.upper::text AS snapshot, b.upper_at AS at, w.id, w.listed
    FROM bounds b LEFT JOIN LATERAL (
      SELECT r.id, r.listed FROM window_rows r WHERE ${after} IS NULL OR r.id > ${after}
      ORDER BY r.id LIMIT ${bind(limit, "int")}
    ) w ON TRUE`;
  return { text, params };
}
