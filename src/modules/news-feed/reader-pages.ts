import type { Keyset } from "../../common/pagination";
import { type ReadStatements, SqlParams } from "../../database/read-statements";
import type { Article } from "../articles/article.entity";
import { visibleArticleSql } from "../articles/article.visibility";
import type { Viewer } from "../auth/viewer";
import type { ArticleFilter } from "./feed.args";
import { feedConditions, newestFirstSql } from "./feed.sql";
import type { LookAhead } from "./look-ahead";

/**
 * The reader pages in one statement per root field: the article (with everything its query selects) by id or slug,
 * and feed pages. The SQL is the look-ahead's ({@link ArticleProjection}); the rows come back as entities.
 */
export class ReaderPages {
  constructor(private readonly statements: ReadStatements) {}

  async article(viewer: Viewer, by: "id" | "slug", value: string, lookAhead: LookAhead): Promise<Article | null> {
    const { row } = lookAhead;
    const params = new SqlParams(row.values);
    const text = `SELECT ${row.sql} AS j FROM articles a WHERE ${visibleArticleSql("a", viewer)} AND a.${by} = ${params.add(value, by === "id" ? "uuid" : undefined)}`;
    const rows = await this.statements.rows<{ j: unknown[] }>(text, params, lookAhead.statements);
    return rows[0] ? row.hydrate(rows[0].j) : null;
  }

  /** Up to `limit` feed rows after a position, newest first. */
  async feed(
    viewer: Viewer,
    limit: number,
    after: Keyset | null,
    filter: ArticleFilter,
    lookAhead: LookAhead,
  ): Promise<Article[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`feed limit ${limit} is not a positive integer`);
    const { row } = lookAhead;
    const params = new SqlParams(row.values);
    const bind = params.add.bind(params);
    const where = feedConditions("a", viewer, after, filter, bind).join(" AND ");
    const text = `SELECT ${row.sql} AS j FROM articles a WHERE ${where} ORDER BY ${newestFirstSql("a", viewer)} LIMIT ${limit}`;
    const rows = await this.statements.rows<{ j: unknown[] }>(text, params, lookAhead.statements);
    return rows.map((r) => row.hydrate(r.j));
  }
}
