import type { SearchKeyset } from "../../common/pagination";
import { feedKeySql } from "../articles/article.visibility";
import type { Viewer } from "../auth/viewer";
import type { ArticleFilter } from "../news-feed/feed.args";
import { type Bind, feedConditions } from "../news-feed/feed.sql";

/**
 * Recency's weight in the score: a hit this many days older than the walk's reference instant scores half of what it
 * would score new (score = relevance / (1 + ageDays / RECENCY_HALF_LIFE_DAYS)).
 */
export const RECENCY_HALF_LIFE_DAYS = 30;

/**
 * The bound on a broad query's ranking: ranking reads the document of every match, so only the newest this many
 * matches (a cheap order: the feed key, read from the matches' rows) are ranked and paged; older ones are out of reach
 * of that query (a narrower query or a filter reaches them). A selective query has fewer matches and is not affected.
 */
export const MAX_RANKED_MATCHES = 2000;

/**
 * The bound on the documents one search reads (matching reads a document: a phrase, an exclusion and the ranking need
 * its positions, which the GIN index does not hold). First the index alone lists the candidates, the articles holding
 * the query's words (phrases loosened to plain AND, exclusions left out; see the migration's search_candidate_ids),
 * reading no document. When there are at most this many, every candidate is checked, so every match is found. When
 * there are more, the matches are looked for among the newest this many articles the viewer may see within the
 * filter: a query of common words (`"match also police"`, every word in most articles, the phrase in one) reads at
 * most this many documents instead of every article's.
 */
export const MAX_CANDIDATES = 5000;

/**
 * The text-search configuration of the documents (migration FullTextSearch) and of every query: they must agree, or
 * stemmed words would not meet.
 */
const CONFIG = "'english'";

/**
 * Sentinels around matched words in ts_headline's output. They cannot occur in the headlined text: it is given with
 * both characters removed. Escaping the output for HTML then leaves them alone, and they become <mark></mark>.
 */
export const MARK_START = "\u0001";
export const MARK_STOP = "\u0002";
const SENTINELS = `E'\\x01\\x02'`;
const withoutSentinels = (text: string) => `translate(${text}, ${SENTINELS}, '')`;
const TITLE_HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, HighlightAll=true`;
const FRAGMENT_HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxFragments=1, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;

/** The query as a tsquery: web-search syntax (quoted phrases, `or`, `-word`); never a syntax error. */
export const tsquerySql = (bind: Bind, query: string): string => `websearch_to_tsquery(${CONFIG}, ${bind(query)})`;

/** The score of a hit: relevance (normalised by the log of the document's length) over its age in half-lives. */
const scoreSql = (document: string, tsquery: string, key: string, reference: string): string =>
  `ts_rank_cd(${document}, ${tsquery}, 1)::float8 / (1 + GREATEST(0, EXTRACT(EPOCH FROM (${reference} - ${key}))::float8) / ${86400 * RECENCY_HALF_LIFE_DAYS})`;

/**
 * When an article joined the set a walk pages through: for readers its publication (an article published during a
 * walk waits for the next walk), for editors its creation (they also find drafts, and articles scheduled for later).
 */
const existedSql = (a: string, viewer: Viewer): string => (viewer.isEditor ? `${a}.created_at` : `${a}.published_at`);

export interface SearchStatementInput {
  viewer: Viewer;
  query: string;
  filter: ArticleFilter;
  after: SearchKeyset | null;
  /** How many hits the page shows; one more is fetched to tell whether another page follows. */
  first: number;
}

/** One common table expression of a search statement. */
export interface SearchCte {
  name: string;
  sql: string;
  /** Computed once, before the statement reads it (not folded into the statement's plan). */
  materialized?: boolean;
}

/**
 * The common table expressions of one search page, in order (each may read the ones before it):
 * - `search_ref`: the reference instant, the cursor's, or now (to the millisecond, as cursors carry it);
 * - `search_candidates`: up to {@link MAX_CANDIDATES} + 1 articles holding the query's words, from the GIN index
 *   alone (no document read);
 * - `search_matches`: the newest {@link MAX_RANKED_MATCHES} matches the viewer may see (visibility rule and filter on
 *   the articles) that were there at the reference instant ({@link existedSql}), so the set a walk pages through does
 *   not change under it but by edits and deletions. Taken from the candidates when they are all listed, else from the
 *   newest {@link MAX_CANDIDATES} articles in feed order (a feed index walk); either way at most
 *   {@link MAX_CANDIDATES} documents are read;
 * - `search_page`: those scored, after the cursor's position in (score, key, id) order, `first + 1` of them, numbered.
 * Headlines are computed by the outer statement on these rows alone ({@link headlineSql}): ts_headline reparses each
 * text, far too slow to run on every match.
 */
export function searchPageCtes(input: SearchStatementInput, bind: Bind): SearchCte[] {
  const { viewer, filter, after, first } = input;
  if (!Number.isInteger(first) || first < 1) throw new RangeError(`search page size ${first} is not positive`);
  const key = feedKeySql("a", viewer);
  const tsquery = tsquerySql(bind, input.query);
  const articles = [
    ...feedConditions("a", viewer, null, filter, bind),
    `${existedSql("a", viewer)} <= (SELECT t FROM search_ref)`,
  ].join(" AND ");
  const listed = `(SELECT count(*) FROM search_candidates) <= ${MAX_CANDIDATES}`;
  // Every candidate checked: at most MAX_CANDIDATES documents.
  const fromCandidates = `SELECT a.id, ${key} AS key, d.document FROM search_candidates c JOIN articles a ON a.id = c.id JOIN article_search_documents d ON d.article_id = a.id WHERE ${listed} AND ${articles} AND d.document @@ ${tsquery} ORDER BY ${key} DESC, a.id DESC LIMIT ${MAX_RANKED_MATCHES}`;
  // Too many candidates: the newest MAX_CANDIDATES articles, each document read in feed order (the LATERAL keeps it
  // a lookup per article, never a scan of every document) until MAX_RANKED_MATCHES match.
  const fromFeed = `SELECT w.id, w.key, d.document FROM (SELECT a.id, ${key} AS key FROM articles a WHERE NOT ${listed} AND ${articles} ORDER BY ${key} DESC, a.id DESC LIMIT ${MAX_CANDIDATES}) w CROSS JOIN LATERAL (SELECT d.document FROM article_search_documents d WHERE d.article_id = w.id AND d.document @@ ${tsquery} LIMIT 1) d ORDER BY w.key DESC, w.id DESC LIMIT ${MAX_RANKED_MATCHES}`;
  const position = after
    ? `WHERE (s.score, s.key, s.id) < (${bind(after.score, "float8")}, ${bind(after.key, "timestamptz")}, ${bind(after.id, "uuid")})`
    : "";
  const reference = after ? bind(after.reference, "timestamptz") : "date_trunc('milliseconds', now())";
  return [
    { name: "search_ref", sql: `SELECT ${reference} AS t` },
    {
      name: "search_candidates",
      sql: `SELECT c.id FROM search_candidate_ids(${tsquery}, ${MAX_CANDIDATES + 1}) AS c(id)`,
      materialized: true,
    },
    { name: "search_matches", sql: `(${fromCandidates}) UNION ALL (${fromFeed})` },
    {
      name: "search_page",
      sql: `SELECT s.id, s.key, s.score, row_number() OVER (ORDER BY s.score DESC, s.key DESC, s.id DESC) AS n FROM (SELECT m.id, m.key, ${scoreSql("m.document", tsquery, "m.key", "(SELECT t FROM search_ref)")} AS score FROM search_matches m) s ${position} ORDER BY s.score DESC, s.key DESC, s.id DESC LIMIT ${first + 1}`,
    },
  ];
}

/**
 * The title and body headlines of article row `a` at page position `n`; null for the extra row past the page (it
 * only says that another page follows).
 */
export function headlineSql(a: string, n: string, first: number, tsquery: string): { title: string; fragment: string } {
  const headline = (text: string, options: string) =>
    `CASE WHEN ${n} <= ${first} THEN ts_headline(${CONFIG}, ${withoutSentinels(text)}, ${tsquery}, '${options}') END`;
  return {
    title: headline(`${a}.title`, TITLE_HEADLINE),
    fragment: headline(`search_body_text(${a}.body)`, FRAGMENT_HEADLINE),
  };
}

/** ts_headline's output as safe HTML: everything escaped, then the sentinels made <mark></mark>. */
export function markedHtml(headline: string): string {
  return headline
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
    .replaceAll(MARK_START, "<mark>")
    .replaceAll(MARK_STOP, "</mark>");
}

/** The query's words didYouMean may correct: letters only, 3 or more, the `or` operator aside; at most 8. */
export const MAX_CORRECTED_WORDS = 8;
export function correctableWords(query: string): string[] {
  const words = query.match(/\p{L}+/gu) ?? [];
  return [...new Set(words.map((word) => word.toLowerCase()).filter((word) => word.length >= 3 && word.length <= 32))]
    .filter((word) => word !== "or")
    .slice(0, MAX_CORRECTED_WORDS);
}

/**
 * For each word, the closest known word by trigram similarity (pg_trgm's `%`, then nearest by `<->` on the GiST
 * index), or null when the word is known itself or nothing is close. Only for a query that has lexemes (stop words
 * only find nothing, and are not misspelled).
 */
export function correctionsSql(bind: Bind, query: string, words: string[]): string {
  return `SELECT w.word, c.word AS correction FROM unnest(${bind(words, "text[]")}) AS w(word)
    LEFT JOIN LATERAL (
      SELECT k.word FROM search_words k WHERE k.word % w.word ORDER BY k.word <-> w.word, k.word LIMIT 1
    ) c ON NOT EXISTS (SELECT 1 FROM search_words e WHERE e.word = w.word)
    WHERE numnode(${tsquerySql(bind, query)}) > 0`;
}

/** Every article the query finds that the viewer may see, within the filter, as `SELECT a.id ...` (unordered). */
export function matchesSql(viewer: Viewer, query: string, filter: ArticleFilter, bind: Bind): string {
  const conditions = [`d.document @@ ${tsquerySql(bind, query)}`, ...feedConditions("a", viewer, null, filter, bind)];
  return `SELECT a.id FROM article_search_documents d JOIN articles a ON a.id = d.article_id WHERE ${conditions.join(" AND ")}`;
}

/** Whether a query finds any article the viewer may see, within the filter. */
export const anyMatchSql = (viewer: Viewer, query: string, filter: ArticleFilter, bind: Bind): string =>
  `SELECT EXISTS (${matchesSql(viewer, query, filter, bind)}) AS found`;
