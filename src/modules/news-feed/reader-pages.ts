import type { Keyset } from "../../common/pagination";
import { type ReadStatements, SqlParams } from "../../database/read-statements";
import type { StatementTally } from "../../database/statement-counter";
import type { Selection } from "../../graphql/selection";
import type { Article } from "../articles/article.entity";
import { visibleArticleSql } from "../articles/article.visibility";
import type { Viewer } from "../auth/viewer";
import { ArticleProjection } from "./article.projection";
import type { ArticleFilter } from "./feed.args";
import { feedConditions, newestFirstSql } from "./feed.sql";

/** What a root resolver knows of its query ahead of execution: the Article selections, and where to count. */
export interface LookAhead {
  selections: Selection[];
  statements: StatementTally;
}

/**
 * The reader pages in one statement per root field: the article (with everything its query selects) by id or slug,
 * and feed pages. The SQL is the look-ahead's ({@link ArticleProjection}); the rows come back as entities.
 */
export class ReaderPages {
  constructor(private readonly statements: ReadStatements) {}

  async article(viewer: Viewer, by: "id" | "slug", value: string, lookAhead: LookAhead): Promise<Article | null> {
    const projection = new ArticleProjection(viewer, new SqlParams());
    const row = projection.article("a", lookAhead.selections);
    const text = `SELECT ${row.sql} AS j FROM articles a WHERE ${visibleArticleSql("a", viewer)} AND a.${by} = ${projection.bind(value, by === "id" ? "uuid" : undefined)}`;
    const rows = await this.statements.rows<{ j: unknown[] }>(text, projection.params, lookAhead.statements);
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
    const projection = new ArticleProjection(viewer, new SqlParams());
    const row = projection.article("a", lookAhead.selections);
    const where = feedConditions("a", viewer, after, filter, projection.bind).join(" AND ");
    const text = `SELECT ${row.sql} AS j FROM articles a WHERE ${where} ORDER BY ${newestFirstSql("a", viewer)} LIMIT ${limit}`;
    const rows = await this.statements.rows<{ j: unknown[] }>(text, projection.params, lookAhead.statements);
    return rows.map((r) => row.hydrate(r.j));
  }
}
