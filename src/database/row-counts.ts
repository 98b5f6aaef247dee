import { type DataSource, type EntityManager, QueryFailedError } from "typeorm";

import type { TotalCount } from "../common/pagination";
import type { CountBounds } from "../config";
import { SqlParams } from "./read-statements";

/** Adds a value to the statement being built and returns its placeholder, cast to `type` if given. */
export type AddParam = (value: unknown, type?: string) => string;

/** One list to count. */
export interface CountedList {
  /**
   * The list's rows as a SELECT with an `id` column and no ORDER BY or LIMIT (e.g. `SELECT a.id FROM articles a
   * WHERE ...`), its values bound through `add`. Called once per statement it goes into.
   */
  rows: (add: AddParam) => string;
  /** Ids whose membership in the list is asked (to leave them out of the count); known when the count is exact. */
  probes?: readonly string[];
}

export interface ListCount extends TotalCount {
  /** The probes that are rows of the list (always empty for an estimate). */
  present: ReadonlySet<string>;
}

/** PostgreSQL's query_canceled: here, the count's own statement_timeout. */
const QUERY_CANCELED = "57014";
/** GraphQL's Int. */
const MAX_INT = 2_147_483_647;

/**
 * Counts lists within bounds: exactly when a list holds at most `exactLimit` rows and the count finishes within
 * `timeoutMs`, else the planner's estimate of the same rows (EXPLAIN; nothing is read). The counting statement reads at
 * most `exactLimit + 1` rows per list (a COUNT over a LIMIT-ed subquery), so its cost is bounded however long the list;
 * `SET LOCAL statement_timeout` bounds it in time, for this transaction only, on whichever pool connection it gets.
 * Every list of a batch is counted in ONE statement: a request's counts cost a fixed number of statements (BEGIN, SET,
 * the count, COMMIT; plus an EXPLAIN per list past the bound).
 */
export class RowCounter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bounds: CountBounds,
  ) {}

  async count(lists: readonly CountedList[]): Promise<ListCount[]> {
    if (lists.length === 0) return [];
    const params = new SqlParams();
    const add: AddParam = (value, type) => params.add(value, type);
    const limit = this.bounds.exactLimit + 1;
    const columns = lists.map((list, i) => {
      const rows = list.rows(add);
      const present = list.probes?.length
        ? `, coalesce(json_agg(c.id) FILTER (WHERE c.id = ANY(${add([...list.probes], "uuid[]")})), '[]'::json)`
        : "";
      return `(SELECT json_build_array(count(*)${present}) FROM (${rows} LIMIT ${limit}) c) AS c${i}`;
    });
    try {
      return await this.dataSource.transaction(async (manager) => {
        // An integer from the configuration: SET takes no parameters.
        await manager.query(`SET LOCAL statement_timeout = ${this.bounds.timeoutMs}`);
        const [row] = await manager.query<Array<Record<string, [number, string[]?]>>>(
          `SELECT ${columns.join(", ")}`,
          params.values,
        );
        const counts: ListCount[] = [];
        for (const [i, list] of lists.entries()) {
          const [count, present = []] = row![`c${i}`]!;
          counts.push(
            count < limit
              ? { count, isEstimate: false, present: new Set(present) }
              : // Past the bound, the estimate is still at least what was counted.
                { count: Math.max(await estimate(manager, list), limit), isEstimate: true, present: new Set() },
          );
        }
        return counts;
      });
    } catch (error) {
      if (!(error instanceof QueryFailedError && (error.driverError as { code?: string }).code === QUERY_CANCELED)) {
        throw error;
      }
      // The count ran out of time (and its transaction is gone): estimates, under the pool's own statement bound.
      const counts: ListCount[] = [];
      for (const list of lists) {
        counts.push({ count: await estimate(this.dataSource.manager, list), isEstimate: true, present: new Set() });
      }
      return counts;
    }
  }
}

/** The planner's row estimate for a list (EXPLAIN plans the statement; it reads no rows). */
async function estimate(manager: EntityManager, list: CountedList): Promise<number> {
  const params = new SqlParams();
  const text = `EXPLAIN (FORMAT JSON) ${list.rows((value, type) => params.add(value, type))}`;
  const [row] = await manager.query<Array<{ "QUERY PLAN": Array<{ Plan: { "Plan Rows": number } }> }>>(
    text,
    params.values,
  );
  const rows = row?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0;
  return Math.min(Math.round(rows), MAX_INT);
}
