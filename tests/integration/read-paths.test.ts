import type { AddressInfo } from "node:net";

import { loadConfig } from "../../src/config";
import { readingTimeFor, readingTimeSql } from "../../src/modules/articles/article.body";
import { type Article, ArticleStatus } from "../../src/modules/articles/article.entity";
import { Role } from "../../src/modules/auth/viewer";
import { type BylineServer, createServer } from "../../src/server";
import { createArticle, createAuthor, createTag, minutesAgo, relate, tagArticle } from "../helpers/factories";
import { ARTICLE_PAGE } from "../helpers/operations";
import { bearer, dataOf, type GraphQLResponse, startTestApp, type TestApp } from "../helpers/test-app";

// The benchmark's own documents (bench/byline.js), so the pages it measures are the pages checked here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { documents: BENCH } = require("../../bench/byline.js") as {
  documents: { q1: string; q2: string; q1full?: string };
};

/**
 * The faster read paths are optimisations only: for every query shape they must answer exactly what the general path
 * (READ_PATH=loaders, every relation through its DataLoader) answers, errors included. The SQL answers
 * (READ_PATH=sql-answers, the default: PostgreSQL writes the whole answer of the shapes it knows, the look-ahead
 * executes the others) and the look-ahead alone (READ_PATH=look-ahead: one statement per root field, the entities
 * walked by graphql-js) are each compared with it. The three servers run on the same database; every case is sent
 * to all three and the whole bodies compared, and each case says whether its shape is one PostgreSQL answers whole.
 */

type Gql = (
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
  operationName?: string,
) => Promise<GraphQLResponse & { text: string }>;

/** A client of the server at `baseUrl`, as the test app's (status, body, X-SQL-Statements) with the body's text. */
const clientOf =
  (baseUrl: string): Gql =>
  async (query, variables, headers = {}, operationName) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables, operationName }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: JSON.parse(text) as GraphQLResponse["body"],
      text,
      statements: Number(response.headers.get("x-sql-statements")),
    };
  };

/** What the seed made, for the cases' variables. */
interface Fixtures {
  main: Article;
  draft: Article;
  editor: Record<string, string>;
  /** endCursor of the first feed page of bench q2 (20 articles). */
  feedPageEnd: string;
  /** endCursor of `latestNews(first: 4)`. */
  afterFour: string;
  /** endCursor of an editor's `latestNews(first: 3)` (a draft's cursor: its creation time). */
  editorAfterThree: string;
}

interface Case {
  name: string;
  document: string;
  variables?: (fx: Fixtures) => Record<string, unknown>;
  /** Send the editor's key. */
  editor?: boolean;
  operationName?: string;
  /** The positive control: what the (identical) answer must contain, so that two empty answers cannot pass. */
  check: (response: GraphQLResponse) => void;
  /** PostgreSQL writes the whole answer (X-Answered-In-Sql); every other shape is executed by graphql-js. */
  answeredInSql?: true;
}

/** A successful answer in which each picked list is non-empty. */
const succeedsWith =
  (...lists: Array<(data: any) => unknown[]>) =>
  (response: GraphQLResponse) => {
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toBeTruthy();
    for (const list of lists) expect(list(response.body.data).length).toBeGreaterThan(0);
  };

/** An answer with errors, the first of them with this code. */
const failsWith = (code: string) => (response: GraphQLResponse) => {
  expect(response.body.errors?.length).toBeGreaterThan(0);
  expect(response.body.errors![0]!.extensions?.code).toBe(code);
};

// ---------------------------------------------------------------------------------------------------------------------
// Documents

const FRAGMENTS = /* GraphQL */ `
  query Fragments($slug: String!) {
    __typename
    article(slug: $slug) {
      __typename
      ...Card
      a: title
      b: title
      x: author {
        name
      }
      y: author {
        bio
        slug
        __typename
      }
      tags {
        __typename
        ...TagBits
      }
      related {
        __typename
        ... on Article {
          ...Card
          a: slug
        }
        ... on ExternalLink {
          url
          title
          __typename
        }
      }
      ... on Article {
        excerpt
        wordCount
      }
      latestNews(first: 4) {
        __typename
        ...Conn
      }
    }
  }
  fragment Card on Article {
    __typename
    id
    slug
    title
    thumbnail {
      __typename
      url
    }
    author {
      name
    }
  }
  fragment TagBits on Tag {
    slug
    name
  }
  fragment Conn on ArticleConnection {
    nodes {
      ...Card
      b: excerpt
      tags {
        ...TagBits
      }
    }
    pageInfo {
      __typename
      hasNextPage
    }
  }
`;

const UNION_FRAGMENTS = /* GraphQL */ `
  query UnionFragments($first: Int!) {
    latestNews(first: $first) {
      nodes {
        ...Item
      }
      edges {
        __typename
        node {
          __typename
          related {
            ...Related
          }
        }
      }
    }
  }
  fragment Item on Article {
    slug
    related {
      ...Related
      ... on RelatedItem {
        __typename
      }
    }
  }
  fragment Related on RelatedItem {
    __typename
    ... on Article {
      slug
      s: status
      author {
        slug
      }
    }
    ... on ExternalLink {
      url
    }
  }
`;

const MANY_ROOTS = /* GraphQL */ `
  query ManyRoots($slug: String!, $id: ID!) {
    latestNews(first: 6) {
      nodes {
        slug
        tags {
          slug
        }
      }
    }
    byTag: articles(first: 5, filter: { tagSlug: "politics" }) {
      nodes {
        slug
        author {
          name
        }
        tags {
          slug
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    byAuthor: articles(first: 5, filter: { authorSlug: "ines-moreau" }) {
      edges {
        cursor
        node {
          slug
          related {
            __typename
          }
        }
      }
    }
    bySlug: article(slug: $slug) {
      slug
      title
      latestNews(first: 2) {
        nodes {
          slug
        }
      }
    }
    byId: article(id: $id) {
      id
      slug
      tags {
        name
        slug
      }
    }
    tags {
      slug
      name
    }
    authors(first: 10) {
      nodes {
        slug
        name
        articles(first: 2) {
          nodes {
            slug
          }
        }
      }
    }
    tagged: latestNews(first: 3, tag: "local-a") {
      nodes {
        slug
      }
    }
    ofAuthor: latestNews(first: 3, author: "marc-dubois") {
      nodes {
        slug
      }
    }
    noSuchTag: latestNews(first: 3, tag: "no-such-tag") {
      nodes {
        slug
      }
    }
  }
`;

/** Case 5 (the outer page size is `$n`). */
const NESTED_LISTS = /* GraphQL */ `
  query NestedLists($n: Int!) {
    latestNews(first: $n) {
      edges {
        cursor
        node {
          slug
          related {
            __typename
            ... on Article {
              slug
              latestNews(first: 2) {
                nodes {
                  slug
                }
              }
            }
          }
          latestNews(first: 3) {
            nodes {
              slug
              tags {
                slug
              }
              author {
                name
                articles(first: 2) {
                  nodes {
                    slug
                  }
                }
              }
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
        startCursor
        hasPreviousPage
      }
    }
  }
`;

/** Case 6: `nodes` and `edges { node }` with the same alias naming different fields, and different arguments. */
const NODES_AND_EDGES = /* GraphQL */ `
  query NodesAndEdges($n: Int!) {
    latestNews(first: $n) {
      nodes {
        slug
        r: related {
          __typename
        }
        x: latestNews(first: 2) {
          nodes {
            slug
          }
        }
        t: title
      }
      edges {
        cursor
        node {
          slug
          r: tags {
            slug
          }
          x: latestNews(first: 4) {
            nodes {
              slug
            }
          }
          t: excerpt
        }
      }
    }
  }
`;

/** The same alias and field in both branches, with different arguments or sub-selections that merge. */
const NODES_AND_EDGES_MERGED = /* GraphQL */ `
  query NodesAndEdgesMerged($n: Int!) {
    articles(first: $n) {
      nodes {
        slug
        related {
          ... on Article {
            slug
          }
        }
        x: latestNews(first: 3) {
          nodes {
            slug
          }
        }
        a: author {
          name
        }
      }
      edges {
        node {
          related(first: 1) {
            __typename
            ... on ExternalLink {
              url
            }
          }
          x: latestNews(first: 3) {
            edges {
              cursor
              node {
                title
                y: tags {
                  name
                }
              }
            }
          }
          a: author {
            slug
          }
        }
      }
    }
  }
`;

const DIRECTIVES = /* GraphQL */ `
  query Directives($slug: String!, $s: Boolean!, $i: Boolean!) {
    article(slug: $slug) {
      slug
      title @skip(if: $s)
      tags @include(if: $i) {
        slug
      }
      related @skip(if: $s) {
        __typename
        ... on Article {
          slug
        }
      }
      ... on Article @include(if: $i) {
        excerpt
        author {
          name
        }
      }
      ...Extra @skip(if: $i)
      latestNews(first: 3) {
        nodes {
          slug
          body @include(if: $i)
          tags @skip(if: $s) {
            slug
          }
        }
      }
    }
    latestNews(first: 4) @include(if: $i) {
      nodes {
        slug
      }
    }
  }
  fragment Extra on Article {
    wordCount
    related {
      ... on Article {
        title
      }
    }
  }
`;

const PAGE_VARIABLES = /* GraphQL */ `
  query PageVariables($first: Int!, $after: String, $rf: Int!, $slug: String!) {
    latestNews(first: $first, after: $after) {
      edges {
        cursor
        node {
          slug
          related(first: $rf) {
            __typename
            ... on Article {
              slug
            }
            ... on ExternalLink {
              url
            }
          }
          latestNews(first: $first, after: $after) {
            nodes {
              slug
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
        startCursor
        hasPreviousPage
      }
    }
    article(slug: $slug) {
      related(first: $rf) {
        __typename
      }
      latestNews(first: $first, after: $after) {
        edges {
          cursor
          node {
            slug
          }
        }
      }
    }
  }
`;

const EVERY_FIELD = /* GraphQL */ `
  query EveryField($slug: String!) {
    article(slug: $slug) {
      ...Every
      author {
        ...Person
      }
      related {
        __typename
        ... on Article {
          ...Every
        }
        ... on ExternalLink {
          url
          title
        }
      }
      latestNews(first: 8, excludeRelated: false) {
        nodes {
          ...Every
        }
      }
      relatedNews {
        reason
        score
        item {
          ... on Article {
            ...Every
          }
        }
      }
    }
    latestNews(first: 12) {
      nodes {
        ...Every
        author {
          ...Person
        }
        related(first: 3) {
          ... on Article {
            ...Every
          }
        }
      }
    }
  }
  fragment Every on Article {
    id
    slug
    title
    excerpt
    body
    bodyHtml
    publishedAt
    createdAt
    updatedAt
    version
    wordCount
    readingTimeMinutes
    status
    thumbnail {
      url
      alt
      width
      height
    }
  }
  fragment Person on Author {
    id
    slug
    name
    bio
    avatarUrl
    createdAt
    updatedAt
    version
  }
`;

const EDITOR_VIEW = /* GraphQL */ `
  query EditorView($draft: String!) {
    articles(first: 10, filter: { status: DRAFT }) {
      nodes {
        slug
        status
        revisions {
          version
        }
      }
    }
    scheduled: articles(first: 10, filter: { status: SCHEDULED }) {
      nodes {
        slug
        status
      }
    }
    archived: articles(first: 10, filter: { status: ARCHIVED }) {
      nodes {
        slug
        status
      }
    }
    latestNews(first: 50) {
      nodes {
        slug
        status
      }
    }
    article(slug: $draft) {
      slug
      status
      version
      latestNews(first: 3) {
        nodes {
          slug
          status
        }
      }
      related {
        __typename
        ... on Article {
          slug
          status
        }
      }
      tags {
        slug
      }
    }
  }
`;

const EDITOR_PAGING = /* GraphQL */ `
  query EditorPaging($after: String) {
    latestNews(first: 3, after: $after) {
      nodes {
        slug
        status
        publishedAt
        latestNews(first: 2, after: $after) {
          nodes {
            slug
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** A nullable variable for arguments that are non-null with a default (allowed by validation; null fails coercion). */
const NULL_FOR_DEFAULTED = /* GraphQL */ `
  query NullForDefaulted($slug: String!, $n: Int) {
    article(slug: $slug) {
      slug
      latestNews(first: $n) {
        nodes {
          slug
        }
      }
    }
  }
`;

const NULL_FOR_DEFAULTED_IN_FEED = /* GraphQL */ `
  query NullForDefaultedInFeed($n: Int) {
    latestNews(first: 3) {
      nodes {
        slug
        related(first: $n) {
          __typename
        }
      }
    }
  }
`;

const FILTERS = /* GraphQL */ `
  query Filters($from: DateTimeISO!, $to: DateTimeISO!) {
    window: articles(first: 10, filter: { publishedAfter: $from, publishedBefore: $to }) {
      nodes {
        slug
        publishedAt
        tags {
          slug
        }
      }
    }
    both: articles(first: 10, filter: { tagSlug: "local-b", authorSlug: "ines-moreau", publishedBefore: $to }) {
      nodes {
        slug
      }
    }
    published: articles(first: 50, filter: { status: PUBLISHED }) {
      nodes {
        slug
        status
      }
    }
    unknownAuthor: articles(filter: { authorSlug: "nobody" }) {
      nodes {
        slug
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const THROUGH_AUTHOR = /* GraphQL */ `
  query ThroughAuthor {
    author(slug: "ines-moreau") {
      name
      articles(first: 5) {
        nodes {
          slug
          tags {
            slug
          }
          related {
            __typename
            ... on Article {
              slug
            }
          }
          latestNews(first: 2) {
            nodes {
              slug
            }
          }
        }
      }
    }
  }
`;

/**
 * A root field merged from the operation and from a fragment included on a variable: the field's selection differs
 * from one request to the next although its first field node is the same.
 */
const CONDITIONAL_ROOT_FEED = /* GraphQL */ `
  query ConditionalRootFeed($more: Boolean!) {
    latestNews(first: 4) {
      nodes {
        slug
      }
    }
    ... @include(if: $more) {
      latestNews(first: 4) {
        nodes {
          thumbnail {
            url
          }
        }
      }
    }
  }
`;

const CONDITIONAL_ROOT_ARTICLE = /* GraphQL */ `
  query ConditionalRootArticle($slug: String!, $more: Boolean!) {
    article(slug: $slug) {
      slug
    }
    ...More @include(if: $more)
  }
  fragment More on Query {
    article(slug: $slug) {
      title
      thumbnail {
        url
        alt
      }
    }
  }
`;

/** Two operations of one document sharing a root field through a fragment; the second selects more on it. */
const TWO_OPERATIONS = /* GraphQL */ `
  query Small($slug: String!) {
    ...Page
  }
  query Big($slug: String!) {
    ...Page
    article(slug: $slug) {
      excerpt
      thumbnail {
        url
      }
    }
  }
  fragment Page on Query {
    article(slug: $slug) {
      slug
    }
  }
`;

/** Every field PostgreSQL writes itself (src/modules/news-feed/article.answer.ts), at every place it writes it. */
const SQL_ANSWERED = /* GraphQL */ `
  query SqlAnswered($slug: String!, $id: ID!, $after: String) {
    __typename
    article(slug: $slug) {
      ...AllColumns
      a: title
      thumbnail {
        __typename
        url
        alt
        width
        height
      }
      author {
        __typename
        id
        slug
        name
        bio
        avatarUrl
        createdAt
        updatedAt
        version
      }
      tags {
        __typename
        id
        slug
        name
      }
      related {
        __typename
        ... on Article {
          ...AllColumns
          thumbnail {
            url
            alt
          }
          author {
            name
            avatarUrl
          }
          tags {
            slug
          }
        }
        ... on ExternalLink {
          __typename
          title
          url
        }
      }
      two: related(first: 2) {
        ... on Article {
          slug
        }
      }
      latestNews(first: 7, excludeRelated: false) {
        __typename
        nodes {
          __typename
          slug
          title
          publishedAt
          thumbnail {
            url
          }
          author {
            name
          }
          tags {
            name
          }
        }
      }
      deduped: latestNews(first: 5) {
        nodes {
          slug
        }
      }
      later: latestNews(first: 3, after: $after) {
        nodes {
          slug
        }
      }
    }
    byId: article(id: $id) {
      slug
    }
    feed: latestNews(first: 12) {
      __typename
      edges {
        __typename
        cursor
        node {
          slug
          title
          excerpt
        }
      }
      pageInfo {
        __typename
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
    next: latestNews(first: 4, after: $after) {
      nodes {
        slug
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
    tagged: articles(first: 3, filter: { tagSlug: "politics" }) {
      nodes {
        slug
        tags {
          slug
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    ofAuthor: latestNews(first: 50, author: "marc-dubois") {
      nodes {
        slug
      }
      pageInfo {
        hasNextPage
      }
    }
    escaped: article(slug: "story-2") {
      title
      excerpt
      body
    }
    none: article(slug: "no-such-article") {
      slug
    }
  }
  fragment AllColumns on Article {
    __typename
    id
    slug
    title
    excerpt
    body
    bodyHtml
    publishedAt
    createdAt
    updatedAt
    version
    wordCount
    readingTimeMinutes
  }
`;

// ---------------------------------------------------------------------------------------------------------------------
// The cases: [name, document, variables, headers], each sent to both servers.

const slug = (fx: Fixtures) => ({ slug: fx.main.slug });
/** An article page with at least two tags, related news and latest news. */
const articlePage = [
  (d: any) => d.article.tags.slice(1),
  (d: any) => d.article.related,
  (d: any) => d.article.latestNews.edges,
];

/** Case 13: related news with reasons, and the latest news beside an article with and without its related news. */
const RELATED_NEWS = /* GraphQL */ `
  query RelatedNews($slug: String!, $first: Int!, $after: String, $dedupe: Boolean!) {
    article(slug: $slug) {
      slug
      related(first: $first) {
        __typename
        ... on Article {
          slug
        }
      }
      relatedNews {
        reason
        score
        item {
          __typename
          ... on Article {
            slug
            author {
              name
            }
            relatedNews(first: 2) {
              reason
              item {
                __typename
              }
            }
          }
          ... on ExternalLink {
            url
          }
        }
      }
      few: relatedNews(first: 2) {
        reason
      }
      latestNews(first: $first, after: $after, excludeRelated: $dedupe) {
        nodes {
          slug
          relatedNews(first: 1) {
            score
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

const CASES: Case[] = [
  {
    name: "1. ARTICLE_PAGE, latest 5",
    document: ARTICLE_PAGE,
    variables: (fx) => ({ slug: fx.main.slug, latest: 5 }),
    check: succeedsWith(...articlePage),
  },
  {
    name: "1. ARTICLE_PAGE, latest 50",
    document: ARTICLE_PAGE,
    variables: (fx) => ({ slug: fx.main.slug, latest: 50 }),
    // Its related news (pinned and computed) is left out of its latest news: the page is shorter than 50.
    check: succeedsWith(...articlePage, (d) => d.article.latestNews.edges.slice(5)),
  },
  {
    name: "1. ARTICLE_PAGE of an article inside the latest-news windows (story-0)",
    document: ARTICLE_PAGE,
    variables: () => ({ slug: "story-0", latest: 10 }),
    check: succeedsWith(
      (d) => d.article.related,
      (d) => d.article.latestNews.edges,
    ),
  },
  {
    name: "1. ARTICLE_PAGE of an article whose only related target is hidden (story-4)",
    document: ARTICLE_PAGE,
    variables: () => ({ slug: "story-4", latest: 3 }),
    check: succeedsWith((d) => d.article.latestNews.edges),
  },
  {
    name: "2. bench q1 (article page)",
    answeredInSql: true,
    document: BENCH.q1,
    variables: slug,
    check: succeedsWith(
      (d) => d.article.related,
      (d) => d.article.latestNews.nodes,
    ),
  },
  // Byline's own fuller article page, where the query file has it.
  ...(BENCH.q1full
    ? [
        {
          name: "2. bench q1full (Byline's full article page)",
          document: BENCH.q1full,
          variables: slug,
          answeredInSql: true as const,
          check: succeedsWith(
            (d) => d.article.tags,
            (d) => d.article.related,
            (d) => d.article.latestNews.nodes,
          ),
        },
      ]
    : []),
  {
    name: "2. bench q2 (feed page), after null",
    answeredInSql: true,
    document: BENCH.q2,
    variables: () => ({ after: null }),
    check: succeedsWith((d) => d.latestNews.nodes),
  },
  {
    name: "2. bench q2 (feed page), after the first page's endCursor",
    answeredInSql: true,
    document: BENCH.q2,
    variables: (fx) => ({ after: fx.feedPageEnd }),
    check: succeedsWith((d) => d.latestNews.nodes),
  },
  {
    name: "3. named and inline fragments, aliases, __typename at several levels",
    document: FRAGMENTS,
    variables: slug,
    check: succeedsWith(
      (d) => d.article.related.filter((r: any) => r.__typename === "Article"),
      (d) => d.article.related.filter((r: any) => r.__typename === "ExternalLink"),
      (d) => d.article.latestNews.nodes,
      (d) => d.article.tags,
    ),
  },
  {
    name: "3. fragments on the union, spread in nodes and in edges",
    document: UNION_FRAGMENTS,
    variables: () => ({ first: 6 }),
    check: succeedsWith(
      (d) => d.latestNews.nodes.flatMap((n: any) => n.related),
      (d) => d.latestNews.edges.flatMap((e: any) => e.node.related),
    ),
  },
  {
    name: "4. several root fields in one document",
    document: MANY_ROOTS,
    variables: (fx) => ({ slug: fx.main.slug, id: fx.main.id }),
    check: succeedsWith(
      (d) => d.latestNews.nodes,
      (d) => d.byTag.nodes,
      (d) => d.byAuthor.edges,
      (d) => d.bySlug.latestNews.nodes,
      (d) => d.byId.tags,
      (d) => d.tags,
      (d) => d.authors.nodes.flatMap((a: any) => a.articles.nodes),
      (d) => d.tagged.nodes,
      (d) => d.ofAuthor.nodes,
    ),
  },
  {
    name: "5. nested lists (latest news of latest news, related, author articles), first 5",
    document: NESTED_LISTS,
    variables: () => ({ n: 5 }),
    check: succeedsWith(
      (d) => d.latestNews.edges,
      (d) => d.latestNews.edges.flatMap((e: any) => e.node.related),
      (d) => d.latestNews.edges.flatMap((e: any) => e.node.latestNews.nodes.flatMap((n: any) => n.tags)),
      (d) =>
        d.latestNews.edges.flatMap((e: any) => e.node.latestNews.nodes.flatMap((n: any) => n.author.articles.nodes)),
    ),
  },
  {
    name: "5. nested lists, first 20",
    document: NESTED_LISTS,
    variables: () => ({ n: 20 }),
    check: succeedsWith((d) => d.latestNews.edges.slice(19)),
  },
  {
    name: "6. nodes and edges, one alias for different fields and for different arguments",
    document: NODES_AND_EDGES,
    variables: () => ({ n: 6 }),
    check: succeedsWith(
      (d) => d.latestNews.nodes.flatMap((n: any) => n.r),
      (d) => d.latestNews.edges.flatMap((e: any) => e.node.r),
      (d) => d.latestNews.nodes.flatMap((n: any) => n.x.nodes),
      (d) => d.latestNews.edges.flatMap((e: any) => e.node.x.nodes).slice(6 * 2),
    ),
  },
  {
    name: "6. nodes and edges, one alias and field with merged sub-selections, related(first) differing",
    document: NODES_AND_EDGES_MERGED,
    variables: () => ({ n: 8 }),
    check: succeedsWith(
      (d) => d.articles.nodes.flatMap((n: any) => n.related.filter((r: any) => r.slug)),
      (d) => d.articles.edges.flatMap((e: any) => e.node.related),
      (d) => d.articles.edges.flatMap((e: any) => e.node.x.edges.flatMap((x: any) => x.node.y)),
    ),
  },
  ...(
    [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ] as Array<[boolean, boolean]>
  ).map(([s, i]): Case => ({
    name: `7. @skip(if: ${s}) / @include(if: ${i})`,
    answeredInSql: true,
    document: DIRECTIVES,
    variables: (fx) => ({ slug: fx.main.slug, s, i }),
    check: succeedsWith((d) => d.article.latestNews.nodes),
  })),
  {
    name: "7. a nullable variable given null for a defaulted non-null argument, under article (document not seen before)",
    document: NULL_FOR_DEFAULTED,
    variables: (fx) => ({ slug: fx.main.slug, n: null }),
    check: failsWith("BAD_USER_INPUT"),
  },
  {
    name: "7. a nullable variable omitted for a defaulted non-null argument (the default applies)",
    answeredInSql: true,
    document: NULL_FOR_DEFAULTED,
    variables: slug,
    check: succeedsWith((d) => d.article.latestNews.nodes.slice(9)),
  },
  {
    name: "7. a nullable variable given null for a defaulted non-null argument, under article (after the omitted one)",
    document: NULL_FOR_DEFAULTED,
    variables: (fx) => ({ slug: fx.main.slug, n: null }),
    check: failsWith("BAD_USER_INPUT"),
  },
  {
    name: "7. a nullable variable given null for a defaulted non-null argument, under a feed",
    document: NULL_FOR_DEFAULTED_IN_FEED,
    variables: () => ({ n: null }),
    check: failsWith("BAD_USER_INPUT"),
  },
  {
    name: "8. first and after from variables (a real cursor), related(first: 1)",
    document: PAGE_VARIABLES,
    variables: (fx) => ({ first: 4, after: fx.afterFour, rf: 1, slug: fx.main.slug }),
    check: succeedsWith(
      (d) => d.latestNews.edges,
      (d) => d.latestNews.edges.flatMap((e: any) => e.node.related),
      (d) => d.latestNews.edges.flatMap((e: any) => e.node.latestNews.nodes),
      (d) => d.article.related,
      (d) => d.article.latestNews.edges,
    ),
  },
  {
    name: "8. first and after from variables, after null",
    document: PAGE_VARIABLES,
    variables: (fx) => ({ first: 3, after: null, rf: 2, slug: fx.main.slug }),
    check: succeedsWith(
      (d) => d.latestNews.edges,
      (d) => d.article.latestNews.edges,
    ),
  },
  ...[
    { first: 4, dedupe: true, editor: false },
    { first: 4, dedupe: false, editor: false },
    { first: 10, dedupe: true, editor: true },
  ].map(({ first, dedupe, editor }): Case => ({
    name: `13. related and relatedNews, latest news ${dedupe ? "without" : "with"} them${editor ? ", editor" : ""}`,
    document: RELATED_NEWS,
    variables: (fx) => ({ slug: fx.main.slug, first, after: null, dedupe }),
    editor,
    check: succeedsWith(
      (d) => d.article.relatedNews.filter((e: any) => e.reason === "PINNED"),
      (d) => d.article.relatedNews.filter((e: any) => e.reason !== "PINNED"),
      (d) => d.article.latestNews.nodes,
    ),
  })),
  {
    name: "13. the deduped latest news beside an article, after a cursor",
    document: RELATED_NEWS,
    variables: (fx) => ({ slug: fx.main.slug, first: 3, after: fx.afterFour, dedupe: true }),
    check: succeedsWith((d) => d.article.latestNews.nodes),
  },
  {
    name: "9. every Article field, on the article, related targets and latest-news nodes",
    document: EVERY_FIELD,
    variables: slug,
    check: succeedsWith(
      (d) => d.article.related.filter((r: any) => r.body),
      (d) => d.article.latestNews.nodes.filter((n: any) => n.thumbnail === null),
      (d) => d.latestNews.nodes.filter((n: any) => n.thumbnail?.alt === null),
      (d) => d.latestNews.nodes.flatMap((n: any) => n.related),
    ),
  },
  {
    name: "4. filters: publication window, tag and author together, status, unknown author",
    document: FILTERS,
    variables: () => ({ from: minutesAgo(40).toISOString(), to: minutesAgo(10).toISOString() }),
    check: succeedsWith(
      (d) => d.window.nodes,
      (d) => d.window.nodes.flatMap((n: any) => n.tags),
      (d) => d.both.nodes,
      (d) => d.published.nodes.filter((n: any) => n.slug === "scheduled-due"),
    ),
  },
  {
    name: "4. articles reached through an author (loaders on both paths)",
    document: THROUGH_AUTHOR,
    check: succeedsWith(
      (d) => d.author.articles.nodes,
      (d) => d.author.articles.nodes.flatMap((n: any) => n.related),
    ),
  },
  {
    name: "10. editor: filters (PUBLISHED includes a scheduled article whose time has come)",
    document: FILTERS,
    editor: true,
    variables: () => ({ from: minutesAgo(40).toISOString(), to: minutesAgo(10).toISOString() }),
    check: succeedsWith((d) => d.published.nodes.filter((n: any) => n.slug === "scheduled-due")),
  },
  {
    name: "10. editor: drafts with revisions, scheduled and archived, the feed with every state, a draft's page",
    document: EDITOR_VIEW,
    editor: true,
    variables: (fx) => ({ draft: fx.draft.slug }),
    check: succeedsWith(
      (d) => d.articles.nodes.flatMap((n: any) => n.revisions),
      (d) => d.scheduled.nodes,
      (d) => d.archived.nodes,
      (d) => d.latestNews.nodes.filter((n: any) => n.status === "DRAFT"),
      (d) => d.latestNews.nodes.filter((n: any) => n.status === "SCHEDULED"),
      (d) => d.article.latestNews.nodes,
      (d) => d.article.related,
    ),
  },
  {
    name: "10. editor: ARTICLE_PAGE (related drafts, archived and scheduled targets shown)",
    document: ARTICLE_PAGE,
    editor: true,
    variables: (fx) => ({ slug: fx.main.slug, latest: 10 }),
    check: succeedsWith((d) => d.article.related.filter((r: any) => r.slug === "draft-1")),
  },
  {
    name: "10. editor: paging after a draft's cursor",
    document: EDITOR_PAGING,
    editor: true,
    variables: (fx) => ({ after: fx.editorAfterThree }),
    check: succeedsWith(
      (d) => d.latestNews.nodes,
      (d) => d.latestNews.nodes.flatMap((n: any) => n.latestNews.nodes),
    ),
  },
  {
    name: "10. reader: the same editor document (drafts, scheduled and archived hidden)",
    document: EDITOR_VIEW,
    variables: (fx) => ({ draft: fx.draft.slug }),
    check: (response) => {
      succeedsWith((d) => d.latestNews.nodes)(response);
      expect(response.body.data!.article).toBeNull();
      expect(response.body.data!.articles.nodes).toEqual([]);
    },
  },
  {
    name: "10. reader: revisions refused",
    document: `query ($slug: String!) { article(slug: $slug) { slug revisions { version } } }`,
    variables: slug,
    check: failsWith("UNAUTHENTICATED"),
  },
  {
    name: "11. latestNews(after: not-a-cursor)",
    document: `{ latestNews(after: "not-a-cursor") { nodes { slug } } }`,
    check: failsWith("BAD_USER_INPUT"),
  },
  {
    name: "11. article { latestNews(first: 0) }",
    document: `query ($slug: String!) { article(slug: $slug) { slug latestNews(first: 0) { nodes { slug } } } }`,
    variables: slug,
    check: failsWith("BAD_USER_INPUT"),
  },
  {
    name: "11. article { latestNews(after: bad) }",
    document: `query ($slug: String!) { article(slug: $slug) { slug latestNews(after: "bad") { nodes { slug } } } }`,
    variables: slug,
    check: failsWith("BAD_USER_INPUT"),
  },
  {
    name: "11. latestNews(first: 51)",
    document: `{ latestNews(first: 51) { nodes { slug } } }`,
    check: failsWith("BAD_USER_INPUT"),
  },
  {
    name: "11. article(id: not-a-uuid)",
    document: `{ article(id: "not-a-uuid") { slug } }`,
    check: failsWith("BAD_USER_INPUT"),
  },
  {
    name: "11. article by id and slug at once",
    document: `query ($slug: String!, $id: ID!) { article(id: $id, slug: $slug) { slug } }`,
    variables: (fx) => ({ slug: fx.main.slug, id: fx.main.id }),
    check: failsWith("BAD_USER_INPUT"),
  },
  {
    name: "11. an unknown slug (null)",
    answeredInSql: true,
    document: `{ article(slug: "no-such-article") { slug tags { slug } latestNews { nodes { slug } } } }`,
    check: (response) => {
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ data: { article: null } });
    },
  },
  {
    name: "11. a slug PostgreSQL cannot store (NUL character): BAD_USER_INPUT naming it",
    document: `query ($slug: String!) { article(slug: $slug) { slug tags { slug } } }`,
    variables: () => ({ slug: "bad\u0000slug" }),
    check: (response) => {
      failsWith("BAD_USER_INPUT")(response);
      expect(response.body.errors![0]!.extensions.violations).toEqual([
        expect.objectContaining({ field: "slug", rule: "noNul" }),
      ]);
    },
  },
  {
    name: "11. a bad nested cursor on every node of a page (several errors)",
    document: `{ latestNews(first: 3) { nodes { slug latestNews(after: "bad") { nodes { slug } } } } }`,
    check: failsWith("BAD_USER_INPUT"),
  },
  {
    name: "11. related(first: 0) beside a good root field",
    document: `query ($slug: String!) { ok: article(slug: $slug) { slug } article(slug: $slug) { related(first: 0) { __typename } } }`,
    variables: slug,
    check: failsWith("BAD_USER_INPUT"),
  },
  // Shapes asked for again: the look-ahead compiles a root field's projection once and reuses it. Each "after" case
  // relies on the case before it having been sent to both servers (the cases run in order).
  {
    name: "12. a root feed field merged from a conditional fragment: without it",
    answeredInSql: true,
    document: CONDITIONAL_ROOT_FEED,
    variables: () => ({ more: false }),
    check: succeedsWith((d) => d.latestNews.nodes),
  },
  {
    name: "12. a root feed field merged from a conditional fragment: with it (after without)",
    answeredInSql: true,
    document: CONDITIONAL_ROOT_FEED,
    variables: () => ({ more: true }),
    check: succeedsWith((d) => d.latestNews.nodes.filter((n: any) => n.thumbnail?.url)),
  },
  {
    name: "12. a root article field merged from a conditional fragment: without it",
    answeredInSql: true,
    document: CONDITIONAL_ROOT_ARTICLE,
    variables: (fx) => ({ slug: fx.main.slug, more: false }),
    check: succeedsWith((d) => [d.article.slug]),
  },
  {
    name: "12. a root article field merged from a conditional fragment: with it (after without)",
    answeredInSql: true,
    document: CONDITIONAL_ROOT_ARTICLE,
    variables: (fx) => ({ slug: fx.main.slug, more: true }),
    check: succeedsWith(
      (d) => [d.article.title],
      (d) => [d.article.thumbnail.url],
    ),
  },
  {
    name: "12. two operations sharing a root field through a fragment: the smaller one",
    answeredInSql: true,
    document: TWO_OPERATIONS,
    operationName: "Small",
    variables: slug,
    check: succeedsWith((d) => [d.article.slug]),
  },
  {
    name: "12. two operations sharing a root field through a fragment: the larger one (after the smaller)",
    answeredInSql: true,
    document: TWO_OPERATIONS,
    operationName: "Big",
    variables: slug,
    check: succeedsWith(
      (d) => [d.article.excerpt],
      (d) => [d.article.thumbnail.url],
    ),
  },
  {
    name: "14. every field PostgreSQL writes, as a reader",
    answeredInSql: true,
    document: SQL_ANSWERED,
    variables: (fx) => ({ slug: fx.main.slug, id: fx.main.id, after: fx.afterFour }),
    check: succeedsWith(
      (d) => d.article.tags.slice(1),
      (d) => d.article.related.filter((r: any) => r.__typename === "ExternalLink"),
      (d) => d.article.related.filter((r: any) => r.tags?.length > 0),
      (d) => d.article.latestNews.nodes.filter((n: any) => n.thumbnail === null),
      (d) => d.article.later.nodes,
      (d) => d.feed.edges.slice(11),
      (d) => d.next.nodes,
      (d) => d.tagged.nodes,
      (d) => d.ofAuthor.nodes,
      (d) => [d.escaped.title].filter((title) => title.includes("\u2028")),
    ),
  },
  {
    name: "14. every field PostgreSQL writes, as an editor (drafts, scheduled and archived ones in every list)",
    answeredInSql: true,
    document: SQL_ANSWERED,
    editor: true,
    variables: (fx) => ({ slug: fx.draft.slug, id: fx.main.id, after: fx.editorAfterThree }),
    check: succeedsWith(
      (d) => d.article.related,
      (d) => d.feed.edges.filter((e: any) => e.node.slug.startsWith("draft-")),
      (d) => d.article.latestNews.nodes.filter((n: any) => n.publishedAt === null),
    ),
  },
];

// ---------------------------------------------------------------------------------------------------------------------

describe("read paths", () => {
  let app: TestApp;
  let servers: BylineServer[];
  /** READ_PATH=sql-answers (the test app), look-ahead and loaders. */
  let answers: Gql;
  let lookAhead: Gql;
  let slow: Gql;
  const fx = {} as Fixtures;

  beforeAll(async () => {
    app = await startTestApp();
    const serve = async (readPath: string): Promise<Gql> => {
      const server = await createServer({
        dataSource: app.dataSource,
        config: loadConfig({ NODE_ENV: "test", EXPOSE_SQL_STATEMENTS: "true", READ_PATH: readPath }),
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.httpServer.listen(0, "127.0.0.1", resolve));
      return clientOf(`http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`);
    };
    servers = [];
    answers = clientOf(app.baseUrl);
    lookAhead = await serve("look-ahead");
    slow = await serve("loaders");

    const ds = app.dataSource;
    const ines = await createAuthor(ds, { slug: "ines-moreau", name: "Ines Moreau", bio: "Covers city hall." });
    const marc = await createAuthor(ds, { slug: "marc-dubois", name: "Marc Dubois", avatarUrl: null });
    const lena = await createAuthor(ds, { slug: "lena-berg", name: "Lena Berg" });
    const omar = await createAuthor(ds, { slug: "omar-haddad", name: "Omar Haddad", bio: "" });
    const authors = [ines, marc, lena, omar];
    const politics = await createTag(ds, { slug: "politics", name: "Politics" });
    const housing = await createTag(ds, { slug: "housing", name: "Housing" });
    const city = await createTag(ds, { slug: "city", name: "City" });
    // Two tags of the same name: their order is the tie-break (id), on both paths.
    const localA = await createTag(ds, { slug: "local-a", name: "Local" });
    const localB = await createTag(ds, { slug: "local-b", name: "Local" });
    await createTag(ds, { slug: "unused", name: "Unused" });

    // 30 published articles, newest first at i = 0, at distinct times; some without a thumbnail or its details.
    const stories: Article[] = [];
    for (let i = 0; i < 30; i++) {
      const story = await createArticle(ds, {
        slug: `story-${i}`,
        author: authors[i % authors.length]!,
        publishedAt: minutesAgo(3 + i * 4),
        ...(i % 6 === 0 && { body: `## Long read ${i}\n\n` + "word ".repeat(700) }),
        // Text that must survive PostgreSQL's JSON and back unchanged.
        ...(i === 2 && {
          title: `Quotes "double" 'single', back\\slash, tab\t, bell\u0007, line\u2028separator, emoji \u{1F4F0}`,
          excerpt: "Unicode: é ß 中文 \u{1F600} </script> & \\u0041",
          body: "## Über\n\nLine one\r\nLine two \u{1F680} `code` \\n not a newline",
        }),
        ...(i % 7 === 3 && { thumbnailColumns: { url: null, alt: null, width: null, height: null } }),
        ...(i % 7 === 5 && {
          thumbnailColumns: {
            url: `https://images.byline.example/bare/${i}.jpg`,
            alt: null,
            width: null,
            height: null,
          },
        }),
      });
      const tags = [
        ...(i % 3 === 0 ? [politics] : []),
        ...(i % 3 === 1 ? [housing, localB] : []),
        ...(i % 5 === 0 ? [localA, city] : []),
      ];
      if (tags.length > 0) await tagArticle(ds, story, ...tags);
      stories.push(story);
    }
    // The article of the article pages, between story-4 and story-5, with four tags (two named alike).
    const main = await createArticle(ds, {
      slug: "council-budget",
      title: "Council approves budget",
      author: ines,
      body: "## What passed\n\n" + "word ".repeat(460),
      publishedAt: minutesAgo(21),
    });
    await tagArticle(ds, main, politics, housing, localA, localB);
    // Two articles published at the same instant: the feed's tie-break is the id.
    const twinA = await createArticle(ds, { slug: "twin-a", author: lena, publishedAt: minutesAgo(33) });
    const twinB = await createArticle(ds, { slug: "twin-b", author: omar, publishedAt: minutesAgo(33) });
    await tagArticle(ds, twinA, localA, localB);

    const draft = await createArticle(ds, {
      slug: "draft-1",
      author: marc,
      status: ArticleStatus.DRAFT,
      publishedAt: null,
    });
    await tagArticle(ds, draft, politics);
    const draft2 = await createArticle(ds, {
      slug: "draft-2",
      author: lena,
      status: ArticleStatus.DRAFT,
      publishedAt: null,
    });
    const scheduledFuture = await createArticle(ds, {
      slug: "scheduled-future",
      author: omar,
      status: ArticleStatus.SCHEDULED,
      publishedAt: new Date(Date.now() + 2 * 3_600_000),
    });
    // Scheduled, and its time has come: a reader sees it as PUBLISHED.
    const scheduledDue = await createArticle(ds, {
      slug: "scheduled-due",
      author: ines,
      status: ArticleStatus.SCHEDULED,
      publishedAt: minutesAgo(9),
    });
    const archived = await createArticle(ds, {
      slug: "archived-1",
      author: marc,
      status: ArticleStatus.ARCHIVED,
      publishedAt: minutesAgo(13),
    });

    const external = (n: number) => ({ title: `Source ${n}`, url: `https://council.example.org/source-${n}` });
    await relate(ds, main, [
      stories[3]!,
      external(1),
      draft,
      stories[7]!,
      archived,
      scheduledFuture,
      external(2),
      scheduledDue,
      stories[1]!,
    ]);
    await relate(ds, stories[0]!, [main, external(3), draft2]);
    await relate(ds, stories[1]!, [stories[0]!]);
    await relate(ds, stories[2]!, [draft, stories[5]!, external(4)]);
    await relate(ds, stories[4]!, [scheduledFuture]);
    await relate(ds, stories[6]!, [external(5), twinB]);
    await relate(ds, draft, [stories[0]!, external(6), main]);
    await relate(ds, twinA, [twinB]);

    fx.editor = bearer(await app.createKey(Role.EDITOR));
    // Revisions (and versions above 1) for a draft and for the main article, through the API.
    for (const article of [draft, main]) {
      dataOf(
        await app.gql(
          `mutation ($id: ID!) { updateArticle(input: { id: $id, version: 1, excerpt: "Revised excerpt." }) { version } }`,
          { id: article.id },
          fx.editor,
        ),
      );
    }
    fx.main = main;
    fx.draft = draft;
    // Cursors from the general path (the reference).
    fx.feedPageEnd = dataOf(await slow(BENCH.q2, { after: null })).latestNews.pageInfo.endCursor;
    fx.afterFour = dataOf(
      await slow(`{ latestNews(first: 4) { pageInfo { endCursor } } }`),
    ).latestNews.pageInfo.endCursor;
    const editorFirst = dataOf(
      await slow(`{ latestNews(first: 3) { nodes { slug } pageInfo { endCursor } } }`, {}, fx.editor),
    ).latestNews;
    expect(editorFirst.nodes.map((n: { slug: string }) => n.slug)).toEqual(["scheduled-future", "draft-2", "draft-1"]);
    fx.editorAfterThree = editorFirst.pageInfo.endCursor;
  });

  afterAll(async () => {
    for (const server of servers ?? []) await server.stop();
    await app?.close();
  });

  describe("the SQL answers and the look-ahead answer exactly like the general path", () => {
    it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
      const variables = c.variables?.(fx);
      const headers = c.editor ? fx.editor : undefined;
      const reference = await slow(c.document, variables, headers, c.operationName);
      const answer = await answers(c.document, variables, headers, c.operationName);
      const lookedAhead = await lookAhead(c.document, variables, headers, c.operationName);
      expect(answer.body).toEqual(reference.body);
      expect(answer.status).toBe(reference.status);
      expect(lookedAhead.body).toEqual(reference.body);
      expect(lookedAhead.status).toBe(reference.status);
      expect(answer.headers.get("x-answered-in-sql")).toBe(String(c.answeredInSql === true));
      // PostgreSQL's JSON text is the very text JSON.stringify makes of the general path's answer.
      expect(answer.text).toBe(reference.text);
      expect(lookedAhead.headers.get("x-answered-in-sql")).toBe("false");
      c.check(reference);
    });
  });

  it.each([
    ["sql-answers", () => answers],
    ["look-ahead", () => lookAhead],
  ] as const)(
    "%s: costs one statement for the article and feed pages, and a bounded number, never more than the general path, for shapes that fall back",
    async (_path, fastPath) => {
      const fast = fastPath();
      const statements = async (gql: Gql, document: string, variables: Record<string, unknown>, editor = false) => {
        const response = await gql(document, variables, editor ? fx.editor : undefined);
        expect(response.status).toBe(200);
        expect(response.body.errors).toBeUndefined();
        return response.statements;
      };
      const page = { slug: fx.main.slug };

      for (const latest of [5, 50]) expect(await statements(fast, ARTICLE_PAGE, { ...page, latest })).toBe(1);
      expect(await statements(fast, BENCH.q1, page)).toBe(1);
      for (const after of [null, fx.feedPageEnd]) expect(await statements(fast, BENCH.q2, { after })).toBe(1);

      // An editor's request adds the key lookup, and only that.
      expect(await statements(fast, ARTICLE_PAGE, { ...page, latest: 10 }, true)).toBe(1 + 1);
      expect(await statements(fast, BENCH.q2, { after: null }, true)).toBe(1 + 1);

      for (const document of [NESTED_LISTS, NODES_AND_EDGES]) {
        const [fast3, fast20] = [
          await statements(fast, document, { n: 3 }),
          await statements(fast, document, { n: 20 }),
        ];
        const [slow3, slow20] = [
          await statements(slow, document, { n: 3 }),
          await statements(slow, document, { n: 20 }),
        ];
        expect(fast20).toBe(fast3);
        expect(fast3).toBeLessThanOrEqual(slow3);
        expect(fast20).toBeLessThanOrEqual(slow20);
      }
    },
  );

  it("writes the reading time in SQL as readingTimeFor computes it, at every word count up to 5000", async () => {
    const rows: Array<{ words: number; minutes: number }> = await app.dataSource.query(
      `SELECT n AS words, ${readingTimeSql("n")} AS minutes FROM generate_series(0, 5000) n ORDER BY n`,
    );
    expect(rows).toHaveLength(5001);
    expect(rows.filter((row) => row.minutes !== readingTimeFor(row.words))).toEqual([]);
    expect(new Set(rows.map((row) => row.minutes)).size).toBeGreaterThan(20); // many values, not one
  });

  it("answers a request the same whether or not the same document was asked before with other variables", async () => {
    // A document of its own (the comment makes it a new text), sent with $n null, then with $n omitted, then null again.
    const document = `# asked three times\n${NULL_FOR_DEFAULTED}`;
    const seen: Record<string, [unknown, unknown]> = {};
    for (const [name, gql] of [
      ["sql-answers", answers],
      ["look-ahead", lookAhead],
      ["general", slow],
    ] as const) {
      const first = await gql(document, { slug: fx.main.slug, n: null });
      expect(first.body.errors?.length).toBeGreaterThan(0);
      dataOf(await gql(document, { slug: fx.main.slug }));
      const again = await gql(document, { slug: fx.main.slug, n: null });
      seen[name] = [again.body, first.body];
    }
    // Every server at once, so that the failure shows each: [answer after, answer before].
    const names = Object.keys(seen);
    expect(names.map((name) => seen[name]![0])).toEqual(names.map((name) => seen[name]![1]));
  });
});
