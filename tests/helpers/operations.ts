/** GraphQL operations the tests send, as a client would. */

export const ARTICLE_PAGE = /* GraphQL */ `
  query ArticlePage($slug: String!, $latest: Int = 10) {
    article(slug: $slug) {
      id
      slug
      title
      excerpt
      body
      publishedAt
      readingTimeMinutes
      thumbnail {
        url
        alt
        width
        height
      }
      author {
        name
        slug
        bio
        avatarUrl
      }
      tags {
        slug
        name
      }
      related {
        __typename
        ... on Article {
          slug
          title
          excerpt
          author {
            name
          }
        }
        ... on ExternalLink {
          title
          url
        }
      }
      latestNews(first: $latest) {
        edges {
          cursor
          node {
            slug
            title
            excerpt
            publishedAt
            author {
              name
            }
            tags {
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
  }
`;

export const FEED_PAGE = /* GraphQL */ `
  query FeedPage($first: Int, $after: String, $tag: String, $author: String) {
    latestNews(first: $first, after: $after, tag: $tag, author: $author) {
      edges {
        cursor
        node {
          id
          slug
          publishedAt
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`;

export const AUTHOR_PAGE = /* GraphQL */ `
  query AuthorPage($slug: String!, $first: Int, $after: String) {
    author(slug: $slug) {
      name
      articles(first: $first, after: $after) {
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
`;
