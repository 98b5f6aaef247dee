/**
 * The page's operations, in one home: GraphQL Code Generator reads them from here (the magic comment marks them) and
 * writes their types to ./generated/graphql.ts; the client sends them as persisted queries. Each page load sends one
 * of the two, never both: the article named by `?slug=`, or without one the newest article.
 */

/** Everything the page shows for one article, the Latest News beside it included. */
const NEWS_PAGE_ARTICLE = /* GraphQL */ `
  fragment NewsPageArticle on Article {
    title
    slug
    publishedAt
    readingTimeMinutes
    bodyHtml
    thumbnail {
      url
      alt
      width
      height
    }
    author {
      name
      bio
      avatarUrl
    }
    related {
      __typename
      ... on Article {
        title
        slug
      }
      ... on ExternalLink {
        title
        url
      }
    }
    latestNews(first: 5) {
      nodes {
        title
        slug
        excerpt
        publishedAt
        author {
          name
        }
      }
    }
  }
`;

/** The article with this slug. */
export const NEWS_PAGE_QUERY = /* GraphQL */ `
  query NewsPage($slug: String!) {
    article(slug: $slug) {
      ...NewsPageArticle
    }
  }
  ${NEWS_PAGE_ARTICLE}
`;

/** The newest article, for a page opened without a slug. */
export const LATEST_NEWS_PAGE_QUERY = /* GraphQL */ `
  query LatestNewsPage {
    latestNews(first: 1) {
      nodes {
        ...NewsPageArticle
      }
    }
  }
  ${NEWS_PAGE_ARTICLE}
`;
