import type { Keyset } from "../../common/pagination";
import { type ReadStatements, SqlParams } from "../../database/read-statements";
import { attachAnswerText } from "../../graphql/json-text";
import type { Article } from "../articles/article.entity";
import { feedKeySql, visibleArticleSql } from "../articles/article.visibility";
import type { Viewer } from "../auth/viewer";
import type { ArticleFilter } from "./feed.args";
import { feedConditions, newestFirstSql } from "./feed.sql";
import type { CompiledRow, LookAhead } from "./look-ahead";

/**
 * The reader pages in one statement per root field: the article (with everything its query selects) by id or slug,
 * and feed pages. The SQL is the look-ahead's ({@link ArticleProjection}); the rows come back as entities.
 */
export class ReaderPages {
  constructor(private readonly statements: ReadStatements) {}

  async article(viewer: Viewer, by: "id" | "slug", value: string, lookAhead: LookAhead): Promise<Article | null> {
    const { text, params } = articleStatement(viewer, by, value, lookAhead.row);
    const rows = await this.statements.rows<Row>(text, params, lookAhead.statements);
    return rows[0] ? entityOf(lookAhead.row, rows[0]) : null;
  }

  /** Up to `limit` feed rows after a position, newest first. */
  async feed(
    viewer: Viewer,
    limit: number,
    after: Keyset | null,
    filter: ArticleFilter,
    lookAhead: LookAhead,
  ): Promise<Article[]> {
    const { text, params } = feedStatement(viewer, limit, after, filter, lookAhead.row);
    if (lookAhead.row.answerSql !== undefined) {
      const rows = await this.statements.rows<Row>(text, params, lookAhead.statements);
      return rows.map((row) => entityOf(lookAhead.row, row));
    }
    const [page] = await this.statements.rows<{ j: unknown[][] }>(text, params, lookAhead.statements);
    return page!.j.map((json) => lookAhead.row.hydrate(json));
  }
}

/**
 * A row of the article statement, or of a feed statement answered in SQL: the row's JSON, and the answer's text and
 * the dependency keys it shows.
 */
interface Row {
  j: unknown[];
  t?: string;
  d?: string;
}

const entityOf = (row: Pick<CompiledRow, "hydrate">, { j, t, d }: Row): Article => {
  const article = row.hydrate(j);
  return t === undefined ? article : attachAnswerText(article, t, d);
};

/** The answer's columns, when the root field is answered in SQL. */
const answerColumn = (row: Pick<CompiledRow, "answerSql" | "keysSql">): string =>
  (row.answerSql === undefined ? "" : `, (${row.answerSql})::text AS t`) +
  (row.keysSql === undefined ? "" : `, ${row.keysSql} AS d`);

/** The article page's statement: one row, the article's JSON, if the viewer may see it. */
export function articleStatement(
  viewer: Viewer,
  by: "id" | "slug",
  value: string,
  row: Pick<CompiledRow, "sql" | "values" | "answerSql" | "keysSql">,
): { text: string; params: SqlParams } {
  const params = new SqlParams(row.values);
  const key = params.add(value, by === "id" ? "uuid" : undefined);
  return {
    text: `SELECT ${row.sql} AS j${answerColumn(row)} FROM articles a WHERE ${visibleArticleSql("a", viewer)} AND a.${by} = ${key}`,
    params,
  };
}

/**
 * A feed page's statement: one row, the page's articles as one JSON array in feed order (one value to read back
 * instead of one per article). Answered in SQL, a row per article instead: each article's answer text as it is,
 * beside its JSON. The limit is written in: see ReadStatements.
 */
export function feedStatement(
  viewer: Viewer,
  limit: number,
  after: Keyset | null,
  filter: ArticleFilter,
  row: Pick<CompiledRow, "sql" | "values" | "answerSql" | "keysSql">,
): { text: string; params: SqlParams } {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`feed limit ${limit} is not a positive integer`);
  const params = new SqlParams(row.values);
  const where = feedConditions("a", viewer, after, filter, (value, type) => params.add(value, type)).join(" AND ");
  const rows = `FROM articles a WHERE ${where} ORDER BY ${newestFirstSql("a", viewer)} LIMIT ${limit}`;
  if (row.answerSql !== undefined) return { text: `SELECT ${row.sql} AS j${answerColumn(row)} ${rows}`, params };
  const page = `SELECT ${row.sql} AS j, ${feedKeySql("a", viewer)} AS k, a.id ${rows}`;
  return {
    text: `SELECT coalesce(json_agg(p.j ORDER BY p.k DESC, p.id DESC), '[]'::json) AS j FROM (${page}) p`,
    params,
  };
}
