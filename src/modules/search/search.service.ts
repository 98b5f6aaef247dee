import type { DataSource } from "typeorm";

import { decodeSearchCursor, encodeSearchCursor, toConnection } from "../../common/pagination";
import { SqlParams } from "../../database/read-statements";
import { Article } from "../articles/article.entity";
import type { Viewer } from "../auth/viewer";
import type { ArticleFilter } from "../news-feed/feed.args";
import { typeormBind, withAuthor } from "../news-feed/feed.service";
import {
  anyMatchSql,
  correctableWords,
  correctionsSql,
  headlineSql,
  markedHtml,
  searchPageCtes,
  type SearchStatementInput,
  tsquerySql,
} from "./search.sql";
import { type SearchFilter, SearchHighlights, SearchHit, type SearchPage } from "./search.types";

interface HitRow {
  a_id: string;
  search_score: number;
  search_key: Date;
  search_reference: Date;
  search_title: string | null;
  search_fragment: string | null;
}

/**
 * Full-text search over articles (title, excerpt, tag names, body; see search.sql.ts for the statement and the score):
 * one statement per page, the page's articles with their authors as entities, so every Article field resolves as on
 * any list. A query that finds nothing on its first page may cost two statements more, for `didYouMean`.
 */
export class SearchService {
  constructor(private readonly dataSource: DataSource) {}

  async search(
    viewer: Viewer,
    query: string,
    first: number,
    after: string | null | undefined,
    filter: SearchFilter | null | undefined,
  ): Promise<SearchPage> {
    const keyset = after === undefined || after === null ? null : decodeSearchCursor(after);
    const articleFilter = articleFilterOf(filter);
    const hits = await this.hits({ viewer, query, filter: articleFilter, after: keyset, first });
    const connection = toConnection(hits, first, hitCursorOf);
    const didYouMean =
      hits.length === 0 && keyset === null ? await this.didYouMean(viewer, query, articleFilter) : null;
    return Object.assign(connection, { didYouMean, scope: { query, filter: articleFilter } });
  }

  /** Up to `first + 1` hits after a position, best first. */
  private async hits(input: SearchStatementInput): Promise<SearchHit[]> {
    const qb = withAuthor(this.dataSource.getRepository(Article).createQueryBuilder("a"));
    const bind = typeormBind(qb);
    for (const { name, sql, materialized } of searchPageCtes(input, bind)) {
      qb.addCommonTableExpression(sql, name, { materialized });
    }
    const headline = headlineSql("a", "p.n", input.first, tsquerySql(bind, input.query));
    qb.innerJoin("search_page", "p", "p.id = a.id")
      .addSelect("p.score", "search_score")
      .addSelect("p.key", "search_key")
      .addSelect("(SELECT t FROM search_ref)", "search_reference")
      .addSelect(headline.title, "search_title")
      .addSelect(headline.fragment, "search_fragment")
      .orderBy("p.n", "ASC");
    const { raw, entities } = await qb.getRawAndEntities<HitRow>();
    const byId = new Map(entities.map((article) => [article.id, article]));
    return raw.map((row) =>
      Object.assign(new SearchHit(), {
        article: byId.get(row.a_id)!,
        rank: row.search_score,
        key: row.search_key,
        reference: row.search_reference,
        highlights: Object.assign(new SearchHighlights(), {
          title: markedHtml(row.search_title ?? ""),
          fragment: markedHtml(row.search_fragment ?? ""),
        }),
      }),
    );
  }

  /**
   * The query with its unknown words replaced by the closest known ones, if that finds an article the viewer may see
   * within the filter (so a correction never comes from a draft's words for a reader); null otherwise.
   */
  private async didYouMean(viewer: Viewer, query: string, filter: ArticleFilter): Promise<string | null> {
    const words = correctableWords(query);
    if (words.length === 0) return null;
    const params = new SqlParams();
    const rows = await this.dataSource.query<{ word: string; correction: string | null }[]>(
      correctionsSql((value, type) => params.add(value, type), query, words),
      params.values,
    );
    const corrections = new Map(
      rows.filter((row) => row.correction !== null).map((row) => [row.word, row.correction!]),
    );
    if (corrections.size === 0) return null;
    const suggestion = query.replace(/\p{L}+/gu, (word) => corrections.get(word.toLowerCase()) ?? word).trim();
    const check = new SqlParams();
    const [found] = await this.dataSource.query<{ found: boolean }[]>(
      anyMatchSql(viewer, suggestion, filter, (value, type) => check.add(value, type)),
      check.values,
    );
    return found?.found ? suggestion : null;
  }
}

/** The feed's filter for a search filter: the same slugs and dates, the same SQL (feed.sql.ts). */
function articleFilterOf(filter: SearchFilter | null | undefined): ArticleFilter {
  const result: ArticleFilter = {};
  if (filter?.tag != null) result.tagSlug = filter.tag;
  if (filter?.author != null) result.authorSlug = filter.author;
  if (filter?.publishedAfter != null) result.publishedAfter = filter.publishedAfter;
  if (filter?.publishedBefore != null) result.publishedBefore = filter.publishedBefore;
  return result;
}

const hitCursorOf = (hit: SearchHit): string =>
  encodeSearchCursor({
    score: hit.rank,
    key: hit.key.toISOString(),
    id: hit.article.id,
    reference: hit.reference.toISOString(),
  });
