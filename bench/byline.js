"use strict";
// Query file for Byline, for the shared content-service harness (../shared/bench, see its README and
// queries/TEMPLATE.js) and for `npm run bench` (bench/bench.ts uses these same documents).
// `npm run bench:side-by-side` runs the harness with it (bench/side-by-side.sh); by hand, from the repository root:
//
//   ../shared/bench/run.sh --target byline=http://127.0.0.1:<port>/graphql \
//     --query-file byline=$PWD/bench/byline.js \
//     --target-db byline=postgres://postgres@127.0.0.1:5432/byline_bench --pid byline=<pid> --skip-verify
//
// (run.sh changes into its own directory before it starts run.js, so give --query-file an absolute path.)
//
// Op names and kinds match the reference servers: q1 = article page (kind article), q2 = feed page (kind feed).
// normalize() maps Byline's answers to the CANONICAL shapes of ../shared/bench/queries/reference.js.
// q1 asks for exactly the canonical page's data; q1full (Byline only) is Byline's own, fuller article page.

/**
 * Byline's answers as these documents select them (JSDoc types: `npm run check:types` checks this file).
 * @typedef {{ name: string, slug: string, bio: string, avatarUrl: string | null }} Author
 * @typedef {{ url: string } | null} Thumbnail
 * @typedef {{ title: string, slug: string, excerpt: string, publishedAt: string, author: { name: string } }} LatestNode
 * @typedef {{ __typename: "Article", title: string, slug: string, excerpt: string, thumbnail: Thumbnail,
 *   author: { name: string } } | { __typename: "ExternalLink", title: string, url: string }} RelatedNode
 * @typedef {{ id: string, slug: string, title: string, excerpt: string, body: string, thumbnail: Thumbnail,
 *   publishedAt: string, author: Author, related: RelatedNode[], latestNews: { nodes: LatestNode[] } }} ArticleNode
 * @typedef {{ id: string, slug: string, title: string, excerpt: string, thumbnail: Thumbnail, publishedAt: string,
 *   author: { name: string } }} FeedNode
 * @typedef {{ nodes: FeedNode[], pageInfo: { endCursor: string | null, hasNextPage: boolean } }} FeedConnection
 * @typedef {{ article?: ArticleNode | null, latestNews?: FeedConnection }} AnswerData
 * @typedef {{ data?: AnswerData | null, errors?: unknown[] } | null} Answer
 */

/** @param {Date | string | null | undefined} t */
const iso = (t) => (t == null ? null : new Date(t).toISOString());

/**
 * @param {Answer} json
 * @returns {AnswerData}
 */
function data(json) {
  if (!json || typeof json !== "object") throw new Error("answer is not a JSON object");
  if (json.errors && json.errors.length)
    throw new Error("GraphQL errors: " + JSON.stringify(json.errors).slice(0, 500));
  if (!json.data) throw new Error("answer has no data");
  return json.data;
}

/** @param {LatestNode} n */
const latestItem = (n) => ({
  title: n.title,
  slug: n.slug,
  excerpt: n.excerpt,
  publishedAt: iso(n.publishedAt),
  authorName: n.author.name,
});

// A related entry is an Article or an ExternalLink (the reference data has internal links only).
/** @param {RelatedNode} r */
const relatedItem = (r) =>
  r.__typename === "ExternalLink"
    ? { title: r.title, slug: null, excerpt: null, thumbnailUrl: null, authorName: null }
    : {
        title: r.title,
        slug: r.slug,
        excerpt: r.excerpt,
        thumbnailUrl: r.thumbnail ? r.thumbnail.url : null,
        authorName: r.author.name,
      };

// Article page, the canonical one (the same data as the reference servers' q1): the article with its author and
// related news (with their authors), and the Latest News list beside it (10 newest published articles except this
// one, with authors). One root field.
const Q1 = `query ArticlePage($slug: String!) {
  article(slug: $slug) {
    id slug title excerpt body
    thumbnail { url }
    publishedAt
    author { name slug bio avatarUrl }
    related {
      __typename
      ... on Article { title slug excerpt thumbnail { url } author { name } }
      ... on ExternalLink { title url }
    }
    latestNews(first: 10) {
      nodes { title slug excerpt publishedAt author { name } }
    }
  }
}`;

// Byline's own full article page (Byline only, op q1full): the canonical page plus what Byline's front end shows
// besides: the article's and the latest items' tags, the thumbnail's alt text and size, the reading time, the latest
// items' thumbnails. normalize() drops the extras, so its answers are checked against the same ground truth.
const Q1FULL = `query ArticlePageFull($slug: String!) {
  article(slug: $slug) {
    id slug title excerpt body
    thumbnail { url alt width height }
    publishedAt readingTimeMinutes
    author { name slug bio avatarUrl }
    tags { name slug }
    related {
      __typename
      ... on Article { title slug excerpt thumbnail { url } author { name } }
      ... on ExternalLink { title url }
    }
    latestNews(first: 10) {
      nodes { title slug excerpt publishedAt thumbnail { url } author { name } tags { name slug } }
    }
  }
}`;

// Feed page: 20 newest published articles after a cursor (keyset on publishedAt, id).
const Q2 = `query FeedPage($after: String) {
  latestNews(first: 20, after: $after) {
    nodes { id slug title excerpt thumbnail { url } publishedAt author { name } }
    pageInfo { endCursor hasNextPage }
  }
}`;

/** @param {Answer} json */
function normalizeArticlePage(json) {
  const a = data(json).article;
  return {
    article: a && {
      id: a.id,
      slug: a.slug,
      title: a.title,
      excerpt: a.excerpt,
      body: a.body,
      thumbnailUrl: a.thumbnail ? a.thumbnail.url : null,
      publishedAt: iso(a.publishedAt),
      author: { name: a.author.name, slug: a.author.slug, bio: a.author.bio, avatarUrl: a.author.avatarUrl },
      related: a.related.map(relatedItem),
    },
    // Byline has no root "latest list excluding a slug": the list hangs off the article, so an unknown slug
    // yields no list at all (like the reference's q1cc variant).
    latest: a ? a.latestNews.nodes.map(latestItem) : [],
  };
}

module.exports = {
  headers: { "content-type": "application/json" },
  // Byline reads its own rows (byline_bench), so the article page is driven by its own visible slugs (Byline's reader
  // visibility rule), in the reference order (md5). Runs in the target's database (--target-db); $1 = how many.
  // The predicate is Byline's reader-visibility rule as visibleArticleSql("a", anonymous) writes it; `npm run bench`
  // refuses to run if the two differ (bench/lib/visibility.ts).
  slugsSql:
    "SELECT a.slug FROM articles a WHERE (a.status IN ('PUBLISHED', 'SCHEDULED') AND a.published_at <= now()) ORDER BY md5(a.slug) LIMIT $1",
  documents: { q1: Q1, q1full: Q1FULL, q2: Q2 },
  ops: {
    q1: {
      kind: "article",
      body: (/** @type {string} */ slug) =>
        JSON.stringify({ operationName: "ArticlePage", query: Q1, variables: { slug } }),
      normalize: normalizeArticlePage,
    },
    q1full: {
      kind: "article",
      body: (/** @type {string} */ slug) =>
        JSON.stringify({ operationName: "ArticlePageFull", query: Q1FULL, variables: { slug } }),
      normalize: normalizeArticlePage,
    },
    q2: {
      kind: "feed",
      body: (/** @type {string | null} */ after) =>
        JSON.stringify({ operationName: "FeedPage", query: Q2, variables: { after } }),
      /** @param {Answer} json */
      normalize(json) {
        const feed = /** @type {FeedConnection} */ (data(json).latestNews);
        return {
          items: feed.nodes.map((n) => ({
            id: n.id,
            slug: n.slug,
            title: n.title,
            excerpt: n.excerpt,
            thumbnailUrl: n.thumbnail ? n.thumbnail.url : null,
            publishedAt: iso(n.publishedAt),
            authorName: n.author.name,
          })),
          hasNextPage: feed.pageInfo.hasNextPage,
        };
      },
      endCursor: (/** @type {{ data: { latestNews: FeedConnection } }} */ json) =>
        json.data.latestNews.pageInfo.endCursor,
    },
  },
};
